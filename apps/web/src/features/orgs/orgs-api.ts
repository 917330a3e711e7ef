import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOrganizationRequest, MeResponse } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<MeResponse> => {
      const me = await unwrap(api.GET('/api/v1/me', { signal }));
      // The web app signs in as a person; the API-key form of this answer never reaches it.
      if (!('user' in me)) throw new Error('Signed in with an API key instead of a user session');
      return me;
    },
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateOrganizationRequest) => unwrap(api.POST('/api/v1/orgs', { body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export const pendingInvitationsQueryKey = ['me', 'invitations'] as const;

/** Invitations addressed to the signed-in user, waiting for an answer. */
export function usePendingInvitations() {
  return useQuery({
    queryKey: pendingInvitationsQueryKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/invitations', { signal })),
  });
}

export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accept }: { id: string; accept: boolean }) => {
      const params = { path: { invitationId: id } };
      const body = {};
      if (accept) return unwrap(api.POST('/api/v1/me/invitations/{invitationId}/accept', { params, body }));
      await unwrap(api.POST('/api/v1/me/invitations/{invitationId}/decline', { params, body }));
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
      unwrap(api.DELETE('/api/v1/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
