import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditPage, AuditVerifyResponse } from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';
import { AUDIT_PAGE_SIZE, buildAuditQuery, fileNameFromDisposition, type AuditFilters } from './audit-query';

export function useAuditLog(orgId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['orgs', orgId, 'audit', filters],
    queryFn: ({ pageParam, signal }) =>
      apiJson<AuditPage>(
        `/orgs/${orgId}/audit-logs${buildAuditQuery(filters, { cursor: pageParam, limit: AUDIT_PAGE_SIZE })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useVerifyAuditLog(orgId: string) {
  return useMutation({
    mutationFn: () => apiJson<AuditVerifyResponse>(`/orgs/${orgId}/audit-logs/verify`),
  });
}

/** Fetches the CSV with the bearer token (a plain link would not carry it) and saves it. */
export function useExportAuditLog(orgId: string) {
  return useMutation({
    mutationFn: async ({ filters, fallbackName }: { filters: AuditFilters; fallbackName: string }) => {
      const response = await apiFetch(`/orgs/${orgId}/audit-logs/export.csv${buildAuditQuery(filters)}`);
      const blob = await response.blob();
      const name = fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName);
      saveBlob(blob, name);
      return name;
    },
  });
}
