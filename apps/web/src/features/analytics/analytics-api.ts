import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Analytics } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';
import type { AnalyticsRequest } from './analytics-view';

export const analyticsQueryKey = (orgId: string) => ['orgs', orgId, 'analytics'] as const;

/** The dashboard's figures; the previous answer stays on screen while a changed view loads. */
export function useAnalytics(orgId: string, query: AnalyticsRequest | null) {
  return useQuery({
    queryKey: [...analyticsQueryKey(orgId), query],
    queryFn: ({ signal }): Promise<Analytics> =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/analytics', {
          params: { path: { orgId }, query: query! },
          signal,
        }),
      ),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Downloads the server's CSV of the view (every bucket of every series). */
export function useDownloadAnalyticsCsv(orgId: string) {
  return useMutation({
    mutationFn: async ({ query, fileName }: { query: AnalyticsRequest; fileName: string }) => {
      const blob = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/analytics.csv', {
          params: { path: { orgId }, query },
          headers: { accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      // The spec types the body as the CSV text; parseAs 'blob' makes it a Blob.
      saveBlob(blob as unknown as Blob, fileName);
      return fileName;
    },
  });
}
