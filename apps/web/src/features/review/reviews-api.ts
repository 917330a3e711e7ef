import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewSettings, ReviewStatus } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { promptsQueryKey } from '../prompts/prompts-api';

export const reviewsQueryKey = (orgId: string) => ['orgs', orgId, 'reviews'] as const;
const settingsKey = (orgId: string) => ['orgs', orgId, 'settings', 'review'] as const;

/** The generated client types `unknown` fields loosely; the server validates every response with the contract. */
const asReview = (review: unknown) => review as Review;

export function usePromptDiff(orgId: string, name: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...promptsQueryKey(orgId), 'diff', name, from, to],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts/{name}/diff', {
          params: { path: { orgId, name }, query: { from: from ?? 1, to: to ?? 1 } },
          signal,
        }),
      ),
    enabled: from !== null && to !== null && name !== '',
    // Versions never change: a diff of two of them is final.
    staleTime: Infinity,
  });
}

export function useRollback(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; commitMessage?: string; baseVersion?: number }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/prompts/{name}/rollback', { params: { path: { orgId, name } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

export function useReviewSettings(orgId: string, enabled = true) {
  return useQuery({
    queryKey: settingsKey(orgId),
    queryFn: ({ signal }): Promise<ReviewSettings> =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/settings/review', { params: { path: { orgId } }, signal })).then(
        (s) => s as ReviewSettings,
      ),
    enabled,
  });
}

export function useUpdateReviewSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<ReviewSettings, 'protectedLabels' | 'requiredApprovals' | 'evaluationGate'>) =>
      unwrap(api.PUT('/api/v1/orgs/{orgId}/settings/review', { params: { path: { orgId } }, body })).then(
        (s) => s as ReviewSettings,
      ),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(orgId), settings),
  });
}

export function useOpenReview(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; label: string; description?: string }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/prompts/{name}/reviews', { params: { path: { orgId, name } }, body }),
      ).then(asReview),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewsQueryKey(orgId) }),
  });
}

export interface ReviewFilters {
  status?: ReviewStatus;
  promptName?: string;
}

/** A review as lists show it: everything but its activity. */
export type ReviewSummary = Omit<Review, 'activity'>;

export function useReviews(orgId: string, filters: ReviewFilters) {
  return useQuery({
    queryKey: [...reviewsQueryKey(orgId), 'list', filters],
    queryFn: ({ signal }): Promise<{ items: ReviewSummary[]; nextCursor: string | null }> =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/reviews', {
          params: { path: { orgId }, query: { ...filters, limit: 200 } },
          signal,
        }),
      ).then((list) => ({ items: list.items as ReviewSummary[], nextCursor: list.nextCursor })),
    placeholderData: keepPreviousData,
    // Others open and decide reviews: the inbox is fetched again on every visit.
    staleTime: 0,
  });
}

/** How often an open review is fetched again while its page is open (approvals, the gate). */
export const LIVE_REVIEW_MS = 5_000;

export function useReview(orgId: string, id: string) {
  return useQuery({
    queryKey: [...reviewsQueryKey(orgId), 'one', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/reviews/{id}', { params: { path: { orgId, id } }, signal })).then(
        asReview,
      ),
    refetchInterval: (query) => (query.state.data?.status === 'open' ? LIVE_REVIEW_MS : false),
  });
}

export type ReviewAction =
  | { kind: 'approve' | 'reject'; comment?: string }
  | { kind: 'comment'; body: string }
  | { kind: 'rerequest' | 'merge' | 'close' };

function send(orgId: string, id: string, action: ReviewAction) {
  const params = { path: { orgId, id } };
  switch (action.kind) {
    case 'approve':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/approve', {
        params,
        body: action.comment ? { comment: action.comment } : {},
      });
    case 'reject':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/reject', {
        params,
        body: action.comment ? { comment: action.comment } : {},
      });
    case 'comment':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/comments', { params, body: { body: action.body } });
    case 'rerequest':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/rerequest', { params, body: {} });
    case 'merge':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/merge', { params, body: {} });
    case 'close':
      return api.POST('/api/v1/orgs/{orgId}/reviews/{id}/close', { params, body: {} });
  }
}

/** Every step of a review (decisions, comments, merge, close); answers with the review as it now is. */
export function useReviewAction(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ReviewAction) => unwrap<unknown>(send(orgId, id, action)).then(asReview),
    onSuccess: async (review) => {
      queryClient.setQueryData([...reviewsQueryKey(orgId), 'one', id], review);
      await queryClient.invalidateQueries({ queryKey: reviewsQueryKey(orgId) });
      // A merge moved a label.
      if (review.status === 'merged')
        await queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) });
    },
  });
}
