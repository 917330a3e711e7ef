import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddMemberRequest,
  AddMemberResponse,
  Member,
  MemberList,
  PasswordResetLink,
  Role,
} from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';

export const membersQueryKey = (orgId: string) => ['orgs', orgId, 'members'] as const;

export function useMembers(orgId: string) {
  return useQuery({
    queryKey: membersQueryKey(orgId),
    queryFn: ({ signal }) => apiJson<MemberList>(`/orgs/${orgId}/members`, { signal }),
  });
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddMemberRequest) =>
      apiJson<AddMemberResponse>(`/orgs/${orgId}/members`, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}

export function useChangeMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiJson<Member>(`/orgs/${orgId}/members/${userId}`, { method: 'PATCH', body: { role } }),
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
    mutationFn: (userId: string) => apiFetch(`/orgs/${orgId}/members/${userId}`, { method: 'DELETE' }),
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
      apiFetch(`/orgs/${orgId}/invitations/${invitationId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}

/** A one-time password reset link for a member (for servers that cannot send email). */
export function useIssueResetLink(orgId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      apiJson<PasswordResetLink>(`/orgs/${orgId}/members/${userId}/password-reset-link`, { method: 'POST' }),
  });
}
