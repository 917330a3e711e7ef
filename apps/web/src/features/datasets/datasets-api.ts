import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CreateDatasetRequest,
  DatasetItem,
  DatasetItemInput,
  UpdateDatasetRequest,
} from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';

export const datasetsQueryKey = (orgId: string) => ['orgs', orgId, 'datasets'] as const;
const datasetKey = (orgId: string, id: string) => [...datasetsQueryKey(orgId), 'one', id] as const;

/** Items per page of the item table. */
export const ITEMS_PAGE = 100;

export function useDatasets(orgId: string, search: string) {
  return useQuery({
    queryKey: [...datasetsQueryKey(orgId), 'list', search],
    queryFn: ({ signal }) => {
      const query = search.trim() ? { search: search.trim(), limit: 200 } : { limit: 200 };
      return unwrap(api.GET('/api/v1/orgs/{orgId}/datasets', { params: { path: { orgId }, query }, signal }));
    },
    placeholderData: keepPreviousData,
  });
}

export function useDataset(orgId: string, id: string) {
  return useQuery({
    queryKey: datasetKey(orgId, id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/datasets/{id}', { params: { path: { orgId, id } }, signal })).then(
        (r) => r.dataset,
      ),
  });
}

/** The items of one version (the current one with `version` null), a page at a time. */
export function useDatasetItems(orgId: string, id: string, version: number | null) {
  return useInfiniteQuery({
    queryKey: [...datasetKey(orgId, id), 'items', version],
    queryFn: ({ signal, pageParam }) => {
      const query: { limit: number; version?: number; cursor?: string } = { limit: ITEMS_PAGE };
      if (version !== null) query.version = version;
      if (pageParam) query.cursor = pageParam;
      return unwrap(
        api.GET('/api/v1/orgs/{orgId}/datasets/{id}/items', {
          params: { path: { orgId, id }, query },
          signal,
        }),
      );
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // An older version never changes.
    staleTime: version === null ? 0 : Infinity,
  });
}

function useInvalidateDataset(orgId: string) {
  const queryClient = useQueryClient();
  return (id?: string) =>
    queryClient.invalidateQueries({ queryKey: id ? datasetKey(orgId, id) : datasetsQueryKey(orgId) });
}

export function useCreateDataset(orgId: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: (body: CreateDatasetRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/datasets', { params: { path: { orgId } }, body })).then(
        (r) => r.dataset,
      ),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateDataset(orgId: string, id: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: (body: UpdateDatasetRequest) =>
      unwrap(api.PATCH('/api/v1/orgs/{orgId}/datasets/{id}', { params: { path: { orgId, id } }, body })),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteDataset(orgId: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/orgs/{orgId}/datasets/{id}', { params: { path: { orgId, id } } })),
    onSuccess: () => invalidate(),
  });
}

export function useAddItems(orgId: string, id: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: (items: DatasetItemInput[]) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/datasets/{id}/items', {
          params: { path: { orgId, id } },
          body: { items },
        }),
      ),
    // The list shows item counts and versions too.
    onSuccess: () => invalidate(),
  });
}

export interface ItemChange {
  itemId: string;
  input?: DatasetItem['input'];
  expected?: string | null;
}

export function useUpdateItem(orgId: string, id: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: ({ itemId, ...body }: ItemChange) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{orgId}/datasets/{id}/items/{itemId}', {
          params: { path: { orgId, id, itemId } },
          body,
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteItem(orgId: string, id: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{orgId}/datasets/{id}/items/{itemId}', {
          params: { path: { orgId, id, itemId } },
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

/** Items from stored runs: input = the run's variables, expected = its output. */
export function useItemsFromExecutions(orgId: string) {
  const invalidate = useInvalidateDataset(orgId);
  return useMutation({
    mutationFn: ({ datasetId, executionIds }: { datasetId: string; executionIds: string[] }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/datasets/{id}/items-from-executions', {
          params: { path: { orgId, id: datasetId } },
          body: { executionIds },
        }),
      ),
    onSuccess: () => invalidate(),
  });
}
