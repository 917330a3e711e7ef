import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreateApiKeyRequest, CreateApiKeyResponse } from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';

export const apiKeysQueryKey = (orgId: string) => ['orgs', orgId, 'api-keys'] as const;

export function useApiKeys(orgId: string) {
  return useQuery({
    queryKey: apiKeysQueryKey(orgId),
    queryFn: ({ signal }) => apiJson<{ items: ApiKey[] }>(`/orgs/${orgId}/api-keys`, { signal }),
  });
}

export function useCreateApiKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiKeyRequest) =>
      apiJson<CreateApiKeyResponse>(`/orgs/${orgId}/api-keys`, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(orgId) }),
  });
}

export function useRevokeApiKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/orgs/${orgId}/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(orgId) }),
  });
}
