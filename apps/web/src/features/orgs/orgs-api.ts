import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptInvitationResponse,
  CreateOrganizationRequest,
  MeResponse,
  Organization,
  PendingInvitationList,
} from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';

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

export const pendingInvitationsQueryKey = ['me', 'invitations'] as const;

/** Invitations addressed to the signed-in user, waiting for an answer. */
export function usePendingInvitations() {
  return useQuery({
    queryKey: pendingInvitationsQueryKey,
    queryFn: ({ signal }) => apiJson<PendingInvitationList>('/me/invitations', { signal }),
  });
}

export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accept }: { id: string; accept: boolean }) => {
      if (accept)
        return apiJson<AcceptInvitationResponse>(`/me/invitations/${id}/accept`, { method: 'POST' });
      await apiFetch(`/me/invitations/${id}/decline`, { method: 'POST' });
      return null;
    },
    // Accepting adds a membership: /me and the invitations list both change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/** Leaves an organization (removes the caller's own membership). */
export function useLeaveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, userId }: { orgId: string; userId: string }) =>
      apiFetch(`/orgs/${orgId}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
