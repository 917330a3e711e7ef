import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api-client';
import { ApiError } from '../../app/problem';
import { saveBlob } from '../../components/save-blob';
import { datasetsQueryKey } from './datasets-api';
import { importContentType, type ImportFormat } from './import-preview';

export interface ImportRequest {
  file: File;
  format: ImportFormat;
  /** CSV only; null leaves the server's default ("expected"). */
  expectedColumn: string | null;
}

/** Sends the file as it is (the server streams and parses it); the preview is only a preview. */
export function useImportFile(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, expectedColumn }: ImportRequest) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/datasets/{id}/import', {
          params: {
            path: { orgId, id },
            query: format === 'csv' && expectedColumn !== null ? { format, expectedColumn } : { format },
          },
          body: file,
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'content-type': importContentType(format) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetsQueryKey(orgId) }),
  });
}

/** "support-questions.v3.csv": the name says which version the file holds. */
export function exportFileName(datasetName: string, version: number, format: ImportFormat): string {
  const base = datasetName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
  return `${base}.v${version}.${format}`;
}

export function useExportDataset(orgId: string, id: string) {
  return useMutation({
    mutationFn: async ({
      name,
      version,
      format,
    }: {
      name: string;
      version: number;
      format: ImportFormat;
    }) => {
      const blob = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/datasets/{id}/export', {
          params: { path: { orgId, id }, query: { format, version } },
          headers: { accept: importContentType(format) },
          parseAs: 'blob',
        }),
      );
      const fileName = exportFileName(name, version, format);
      saveBlob(blob as Blob, fileName);
      return fileName;
    },
  });
}

/** The server's objections to a file, one line each ("line 7, column "answer": …"). */
export function importProblems(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
}
