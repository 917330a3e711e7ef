import { useQuery } from '@tanstack/react-query';
import type { InvitationPreview } from '@promptops/contracts';
import { apiJson } from '../../app/api-client';

export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      apiJson<InvitationPreview>(`/invitations/${encodeURIComponent(token ?? '')}`, {
        signal,
        anonymous: true,
      }),
    enabled: token !== null,
  });
}
