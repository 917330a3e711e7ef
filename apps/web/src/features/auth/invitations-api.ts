import { useQuery } from '@tanstack/react-query';
import { publicApi, unwrap } from '../../app/api-client';

export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      unwrap(
        publicApi.GET('/api/v1/invitations/{token}', { params: { path: { token: token ?? '' } }, signal }),
      ),
    enabled: token !== null,
  });
}
