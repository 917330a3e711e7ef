import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { DELIVERY_PAGE_SIZE, type CreateWebhookBody, type UpdateWebhookBody } from './webhook-view';

export const webhooksQueryKey = (orgId: string) => ['orgs', orgId, 'webhooks'] as const;
const deliveriesQueryKey = (orgId: string, webhookId: string) =>
  [...webhooksQueryKey(orgId), webhookId, 'deliveries'] as const;

export function useWebhooks(orgId: string) {
  return useQuery({
    queryKey: webhooksQueryKey(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/webhooks', { params: { path: { orgId } }, signal })),
  });
}

export function useCreateWebhook(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/webhooks', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(orgId) }),
  });
}

export function useUpdateWebhook(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookBody }) =>
      unwrap(api.PATCH('/api/v1/orgs/{orgId}/webhooks/{id}', { params: { path: { orgId, id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(orgId) }),
  });
}

export function useDeleteWebhook(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/orgs/{orgId}/webhooks/{id}', { params: { path: { orgId, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(orgId) }),
  });
}

/** Sends a test delivery; the log and the webhook's last delivery refresh with its outcome. */
export function useTestWebhook(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/webhooks/{id}/test', { params: { path: { orgId, id } }, body: {} }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(orgId) }),
  });
}

export function useRedeliver(orgId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { orgId, id: webhookId, deliveryId } },
          body: {},
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(orgId) }),
  });
}

export function useWebhookDeliveries(
  orgId: string,
  webhookId: string,
  status: WebhookDelivery['status'] | null,
) {
  return useInfiniteQuery({
    queryKey: [...deliveriesQueryKey(orgId, webhookId), status],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/webhooks/{id}/deliveries', {
          params: {
            path: { orgId, id: webhookId },
            query: {
              limit: DELIVERY_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(status ? { status } : {}),
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
