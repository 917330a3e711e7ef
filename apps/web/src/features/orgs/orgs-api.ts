import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOrganizationRequest, MeResponse, Organization } from '@promptops/contracts';
import { apiJson } from '../../app/api-client';

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => apiJson<MeResponse>('/me', { signal }) });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateOrganizationRequest) =>
      apiJson<Organization>('/orgs', { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
