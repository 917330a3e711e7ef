import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';
import { AUDIT_PAGE_SIZE, auditQueryParams, fileNameFromDisposition, type AuditFilters } from './audit-query';

export function useAuditLog(orgId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['orgs', orgId, 'audit', filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/audit-logs', {
          params: {
            path: { orgId },
            query: auditQueryParams(filters, { cursor: pageParam, limit: AUDIT_PAGE_SIZE }),
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useVerifyAuditLog(orgId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/audit-logs/verify', { params: { path: { orgId } } })),
  });
}

/** Fetches the CSV with the bearer token (a plain link would not carry it) and saves it. */
export function useExportAuditLog(orgId: string) {
  return useMutation({
    mutationFn: async ({ filters, fallbackName }: { filters: AuditFilters; fallbackName: string }) => {
      const call = api.GET('/api/v1/orgs/{orgId}/audit-logs/export.csv', {
        params: { path: { orgId }, query: auditQueryParams(filters) },
        parseAs: 'blob',
      });
      const blob = await unwrap(call);
      const { response } = await call;
      const name = fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName);
      saveBlob(blob, name);
      return name;
    },
  });
}
