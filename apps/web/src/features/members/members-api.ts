import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AddMemberRequest, MemberList, Role } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';

export const membersQueryKey = (orgId: string) => ['orgs', orgId, 'members'] as const;

export function useMembers(orgId: string) {
  return useQuery({
    queryKey: membersQueryKey(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/members', { params: { path: { orgId } }, signal })),
  });
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddMemberRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/members', { params: { path: { orgId } }, body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}

export function useChangeMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{orgId}/members/{userId}', {
          params: { path: { orgId, userId } },
          body: { role },
        }),
      ),
    onSuccess: (member) => {
      queryClient.setQueryData<MemberList>(membersQueryKey(orgId), (list) =>
        list ? { ...list, items: list.items.map((m) => (m.userId === member.userId ? member : m)) } : list,
      );
      // The user may have changed their own role; the navigation and controls follow /me.
      return queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/api/v1/orgs/{orgId}/members/{userId}', { params: { path: { orgId, userId } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

export function useRevokeInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{orgId}/invitations/{invitationId}', {
          params: { path: { orgId, invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}

/** A one-time password reset link for a member (for servers that cannot send email). */
export function useIssueResetLink(orgId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/members/{userId}/password-reset-link', {
          params: { path: { orgId, userId } },
          body: {},
        }),
      ),
  });
}
