import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePromptRequest,
  CreatePromptVersionRequest,
  PromptExportDocument,
} from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';
import { exportFileName, transferContentType, type TransferFormat } from './prompt-transfer';

export const promptsQueryKey = (orgId: string) => ['orgs', orgId, 'prompts'] as const;
const promptKey = (orgId: string, name: string) => [...promptsQueryKey(orgId), 'one', name] as const;

export function usePrompts(orgId: string, search: string) {
  return useQuery({
    queryKey: [...promptsQueryKey(orgId), 'list', search],
    queryFn: ({ signal }) => {
      const query = search.trim() ? { search: search.trim() } : {};
      return unwrap(api.GET('/api/v1/orgs/{orgId}/prompts', { params: { path: { orgId }, query }, signal }));
    },
    placeholderData: keepPreviousData,
  });
}

/** One version (latest when `version` is null). */
export function usePromptVersion(orgId: string, name: string | null, version: number | null) {
  return useQuery({
    queryKey: [...promptKey(orgId, name ?? ''), 'version', version],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts/{name}', {
          params: { path: { orgId, name: name ?? '' }, query: version ? { version } : {} },
          signal,
        }),
      ),
    enabled: name !== null,
  });
}

export function usePromptVersions(orgId: string, name: string | null) {
  return useQuery({
    queryKey: [...promptKey(orgId, name ?? ''), 'versions'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts/{name}/versions', {
          params: { path: { orgId, name: name ?? '' } },
          signal,
        }),
      ),
    enabled: name !== null,
  });
}

export function useCreatePrompt(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreatePromptRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/prompts', { params: { path: { orgId } }, body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

export function useCreateVersion(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreatePromptVersionRequest) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/prompts/{name}/versions', {
          params: { path: { orgId, name } },
          body: request,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

export function useMoveLabel(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ label, version }: { label: string; version: number }) =>
      unwrap(
        api.PUT('/api/v1/orgs/{orgId}/prompts/{name}/labels/{label}', {
          params: { path: { orgId, name, label } },
          body: { version },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

/** Downloads one prompt (or all with name null) with the bearer token; returns the file name. */
export function useExportPrompts(orgId: string) {
  return useMutation({
    mutationFn: async ({ name, format }: { name: string | null; format: TransferFormat }) => {
      const blob = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/prompts-export', {
          params: { path: { orgId }, query: name ? { format, name } : { format } },
          headers: { accept: transferContentType(format) },
          parseAs: 'blob',
        }),
      );
      const fileName = exportFileName(name, format);
      saveBlob(blob, fileName);
      return fileName;
    },
  });
}

export interface ImportResult {
  items: { name: string; createdVersions: number[]; created: boolean }[];
}

export function useImportPrompts(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ text, format, rename }: { text: string; format: TransferFormat; rename: string }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/prompts-import', {
          params: { path: { orgId }, query: rename.trim() ? { rename: rename.trim() } : {} },
          // The file goes as written (JSON or YAML): the server parses it, the client only labels it.
          body: text as unknown as PromptExportDocument,
          bodySerializer: () => text,
          headers: { 'content-type': transferContentType(format) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}
