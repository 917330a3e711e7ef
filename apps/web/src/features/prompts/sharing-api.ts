import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, publicApi, unwrap } from '../../app/api-client';

const shareLinksKey = (orgId: string, name: string) =>
  ['orgs', orgId, 'prompts', 'share-links', name] as const;

export function useShareLinks(orgId: string, name: string, enabled: boolean) {
  return useQuery({
    queryKey: shareLinksKey(orgId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts/{name}/share-links', {
          params: { path: { orgId, name } },
          signal,
        }),
      ),
    enabled,
  });
}

export function useCreateShareLink(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; expiresAt: string }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/prompts/{name}/share-links', {
          params: { path: { orgId, name } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shareLinksKey(orgId, name) }),
  });
}

export function useRevokeShareLink(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{orgId}/prompts/{name}/share-links/{id}', {
          params: { path: { orgId, name, id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shareLinksKey(orgId, name) }),
  });
}

/** The public page's read: no session, so it works for anyone holding the link. */
export function useSharedPrompt(token: string) {
  return useQuery({
    queryKey: ['shared', token],
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/shared/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

/** Prompts whose newest or labelled versions include `name`. */
export function useUsedBy(orgId: string, name: string | null) {
  return useQuery({
    queryKey: ['orgs', orgId, 'prompts', 'used-by', name],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts/{name}/used-by', {
          params: { path: { orgId, name: name ?? '' } },
          signal,
        }),
      ),
    enabled: name !== null,
  });
}
