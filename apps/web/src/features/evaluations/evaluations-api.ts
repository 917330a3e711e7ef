import { useEffect, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateEvaluationRequest, Evaluation, EvaluationResult } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { ApiError } from '../../app/problem';
import { saveBlob } from '../../components/save-blob';
import {
  applyEvaluationEvent,
  INITIAL_LIVE,
  isTerminal,
  readEvaluationEvents,
  type LiveState,
} from './evaluation-stream';

/**
 * The generated client types an interval as number[]; the server validates every response with
 * the contract's schema, where it is a [lo, hi] pair.
 */
function asEvaluation(evaluation: unknown): Evaluation {
  return evaluation as Evaluation;
}

export const evaluationsQueryKey = (orgId: string) => ['orgs', orgId, 'evaluations'] as const;
const evaluationKey = (orgId: string, id: string) => [...evaluationsQueryKey(orgId), 'one', id] as const;

export function useEvaluations(orgId: string, datasetId: string | null = null) {
  return useQuery({
    queryKey: [...evaluationsQueryKey(orgId), 'list', datasetId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/evaluations', {
          params: { path: { orgId }, query: datasetId ? { datasetId, limit: 100 } : { limit: 100 } },
          signal,
        }),
      ),
    // The list follows running evaluations without a stream per row.
    refetchInterval: (q) => (q.state.data?.items.some((e) => !isTerminal(e.status)) ? 3_000 : false),
  });
}

export function useEvaluation(orgId: string, id: string) {
  return useQuery({
    queryKey: evaluationKey(orgId, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/evaluations/{id}', { params: { path: { orgId, id } }, signal }),
      ).then((r) => asEvaluation(r.evaluation)),
  });
}

export function useCreateEvaluation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEvaluationRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/evaluations', { params: { path: { orgId } }, body })).then(
        (r) => r.evaluation,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evaluationsQueryKey(orgId) }),
  });
}

export function useCancelEvaluation(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/evaluations/{id}/cancel', {
          params: { path: { orgId, id } },
          body: {},
        }),
      ).then((r) => asEvaluation(r.evaluation)),
    onSuccess: (evaluation) => {
      queryClient.setQueryData(evaluationKey(orgId, id), evaluation);
      void queryClient.invalidateQueries({ queryKey: evaluationsQueryKey(orgId) });
    },
  });
}

/** Results are read in pages of this size until all are in (the comparison view aligns them all). */
const RESULTS_PAGE = 500;

/** Every result of a finished evaluation, fetched page after page. */
export function useEvaluationResults(orgId: string, id: string, enabled: boolean) {
  const query = useInfiniteQuery({
    queryKey: [...evaluationKey(orgId, id), 'results'],
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/evaluations/{id}/results', {
          params: {
            path: { orgId, id },
            query: pageParam ? { limit: RESULTS_PAGE, cursor: pageParam } : { limit: RESULTS_PAGE },
          },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: Infinity,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const results: EvaluationResult[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, results, complete: query.isSuccess && !hasNextPage };
}

export function useDownloadResults(orgId: string, id: string) {
  return useMutation({
    mutationFn: async (name: string) => {
      const blob = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/evaluations/{id}/results.csv', {
          params: { path: { orgId, id } },
          headers: { accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      const fileName = `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'evaluation'}.results.csv`;
      saveBlob(blob as Blob, fileName);
      return fileName;
    },
  });
}

/**
 * Follows a running evaluation over its event stream: progress and results as they finish, then
 * the finished evaluation (written into the query cache, so the page shows the summary). A
 * dropped connection reconnects after a pause; the stream starts with the current progress.
 */
export function useEvaluationLive(orgId: string, evaluation: Evaluation | undefined): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>(INITIAL_LIVE);
  const running = evaluation !== undefined && !isTerminal(evaluation.status);
  const id = evaluation?.id;

  useEffect(() => {
    if (!running || id === undefined) return;
    const abort = new AbortController();
    setState(INITIAL_LIVE);
    void (async () => {
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          const body = await unwrap(
            api.GET('/api/v1/orgs/{orgId}/evaluations/{id}/events', {
              params: { path: { orgId, id } },
              headers: { accept: 'text/event-stream' },
              parseAs: 'stream',
              signal: abort.signal,
            }),
          );
          if (!body) throw new Error('The server sent no stream');
          const ended = await readEvaluationEvents(body as ReadableStream<Uint8Array>, (event) => {
            setState((s) => applyEvaluationEvent(s, event));
            if (event.event === 'done') {
              const next = applyEvaluationEvent(INITIAL_LIVE, event).finished;
              if (next) queryClient.setQueryData(evaluationKey(orgId, id), next);
              void queryClient.invalidateQueries({ queryKey: evaluationsQueryKey(orgId) });
            }
          });
          if (ended) return;
          attempt = 0;
        } catch (error) {
          if (abort.signal.aborted) return;
          // Not found or forbidden will not get better by retrying.
          if (error instanceof ApiError && [403, 404].includes(error.status)) return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 1_000 * 2 ** attempt)));
        // Between attempts the evaluation may have ended: the stored record says so.
        try {
          const fresh = await unwrap(
            api.GET('/api/v1/orgs/{orgId}/evaluations/{id}', { params: { path: { orgId, id } } }),
          );
          queryClient.setQueryData(evaluationKey(orgId, id), asEvaluation(fresh.evaluation));
          if (isTerminal(fresh.evaluation.status)) return;
        } catch {
          // Unreachable for now: the next attempt tries again.
        }
      }
    })();
    return () => abort.abort();
  }, [orgId, id, running, queryClient]);

  return state;
}
