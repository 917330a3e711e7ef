import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateModelRequest,
  CreateProviderRequest,
  Model,
  Provider,
  UpdateModelRequest,
} from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';

export const providersQueryKey = (orgId: string) => ['orgs', orgId, 'providers'] as const;
export const modelsQueryKey = (orgId: string) => ['orgs', orgId, 'models'] as const;

export function useProviders(orgId: string) {
  return useQuery({
    queryKey: providersQueryKey(orgId),
    queryFn: ({ signal }) => apiJson<{ items: Provider[] }>(`/orgs/${orgId}/providers`, { signal }),
  });
}

export function useModels(orgId: string) {
  return useQuery({
    queryKey: modelsQueryKey(orgId),
    queryFn: ({ signal }) => apiJson<{ items: Model[] }>(`/orgs/${orgId}/models`, { signal }),
  });
}

function useInvalidateCatalog(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: providersQueryKey(orgId) }),
      queryClient.invalidateQueries({ queryKey: modelsQueryKey(orgId) }),
    ]);
}

export function useCreateProvider(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (request: CreateProviderRequest) =>
      apiJson<Provider>(`/orgs/${orgId}/providers`, { method: 'POST', body: request }),
    onSuccess: invalidate,
  });
}

export function useDeleteProvider(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/orgs/${orgId}/providers/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useCreateModel(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (request: CreateModelRequest) =>
      apiJson<Model>(`/orgs/${orgId}/models`, { method: 'POST', body: request }),
    onSuccess: invalidate,
  });
}

export function useUpdateModel(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateModelRequest }) =>
      apiJson<Model>(`/orgs/${orgId}/models/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: (model) =>
      queryClient.setQueryData<{ items: Model[] }>(modelsQueryKey(orgId), (list) =>
        list ? { items: list.items.map((m) => (m.id === model.id ? model : m)) } : list,
      ),
  });
}
