import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateExperimentRequest,
  Experiment,
  ExperimentResults,
  ExperimentStatus,
} from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';

/**
 * The generated client types intervals as number[]; the server validates every response with
 * the contract's schema, where they are [lo, hi] pairs.
 */
const asResults = (results: unknown) => results as ExperimentResults;
const asExperiment = (experiment: unknown) => experiment as Experiment;

export const experimentsQueryKey = (orgId: string) => ['orgs', orgId, 'experiments'] as const;
const experimentKey = (orgId: string, id: string) => [...experimentsQueryKey(orgId), 'one', id] as const;

/** How often a running experiment's results are fetched again while its page is open. */
export const LIVE_RESULTS_MS = 5_000;

export interface ExperimentFilters {
  promptName?: string;
  status?: ExperimentStatus;
}

export function useExperiments(orgId: string, filters: ExperimentFilters = {}) {
  return useQuery({
    queryKey: [...experimentsQueryKey(orgId), 'list', filters],
    queryFn: ({ signal }): Promise<{ items: Experiment[]; nextCursor: string | null }> =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/experiments', {
          params: { path: { orgId }, query: { ...filters, limit: 100 } },
          signal,
        }),
      ).then((r) => ({ items: r.items.map(asExperiment), nextCursor: r.nextCursor })),
    placeholderData: keepPreviousData,
  });
}

export function useExperiment(orgId: string, id: string) {
  return useQuery({
    queryKey: experimentKey(orgId, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/experiments/{id}', { params: { path: { orgId, id } }, signal }),
      ).then((r) => asExperiment(r.experiment)),
  });
}

/**
 * The results: live (every few seconds) on the page of a running experiment; fetched once for a
 * list badge (`live` false), where they are allowed to be a minute old.
 */
export function useExperimentResults(
  orgId: string,
  id: string,
  { live, enabled = true }: { live: boolean; enabled?: boolean },
) {
  return useQuery({
    queryKey: [...experimentKey(orgId, id), 'results'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/experiments/{id}/results', { params: { path: { orgId, id } }, signal }),
      ).then(asResults),
    enabled,
    staleTime: live ? 0 : 60_000,
    refetchInterval: live ? LIVE_RESULTS_MS : false,
  });
}

export function useCreateExperiment(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExperimentRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/experiments', { params: { path: { orgId } }, body })).then((r) =>
        asExperiment(r.experiment),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: experimentsQueryKey(orgId) }),
  });
}

function useExperimentMutation<T>(
  orgId: string,
  id: string,
  call: (variables: T) => Promise<{ experiment: unknown }>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: T) => call(variables).then((r) => asExperiment(r.experiment)),
    onSuccess: (experiment) => {
      queryClient.setQueryData(experimentKey(orgId, id), experiment);
      void queryClient.invalidateQueries({ queryKey: experimentsQueryKey(orgId) });
    },
  });
}

/** Stops the experiment; with `promote`, moves a label to that variant's version in the same step. */
export function useStopExperiment(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useExperimentMutation(orgId, id, (promote: { variant: string; label: string } | null) =>
    unwrap(
      api.POST('/api/v1/orgs/{orgId}/experiments/{id}/stop', {
        params: { path: { orgId, id } },
        body: promote ? { promote } : {},
      }),
    ).then((r) => {
      // A promoted label moved: the prompt pages show labels.
      if (promote) void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'prompts'] });
      return r;
    }),
  );
}

export function useLinkEvaluation(orgId: string, id: string) {
  return useExperimentMutation(orgId, id, (body: { evaluationId: string; scoreKey: string }) =>
    unwrap(
      api.PUT('/api/v1/orgs/{orgId}/experiments/{id}/evaluation', { params: { path: { orgId, id } }, body }),
    ),
  );
}

export function useDownloadExperimentResults(orgId: string, id: string) {
  return useMutation({
    mutationFn: async (name: string) => {
      const blob = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/experiments/{id}/results.csv', {
          params: { path: { orgId, id } },
          headers: { accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      const fileName = `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'experiment'}.results.csv`;
      saveBlob(blob as Blob, fileName);
      return fileName;
    },
  });
}
