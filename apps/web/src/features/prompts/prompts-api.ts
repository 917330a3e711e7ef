import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePromptRequest,
  CreatePromptVersionRequest,
  PromptSummary,
  PromptVersion,
} from '@promptops/contracts';
import { apiFetch, apiJson } from '../../app/api-client';
import { saveBlob } from '../../components/save-blob';
import { exportFileName, transferContentType, type TransferFormat } from './prompt-transfer';

/** Prompt names carry folders (`a/b`): one path segment on the wire. */
export const promptPath = (orgId: string, name: string) =>
  `/orgs/${orgId}/prompts/${encodeURIComponent(name)}`;

export const promptsQueryKey = (orgId: string) => ['orgs', orgId, 'prompts'] as const;
const promptKey = (orgId: string, name: string) => [...promptsQueryKey(orgId), 'one', name] as const;

export function usePrompts(orgId: string, search: string) {
  return useQuery({
    queryKey: [...promptsQueryKey(orgId), 'list', search],
    queryFn: ({ signal }) => {
      const query = search.trim() ? `?search=${encodeURIComponent(search.trim())}` : '';
      return apiJson<{ items: PromptSummary[] }>(`/orgs/${orgId}/prompts${query}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** One version (latest when `version` is null). */
export function usePromptVersion(orgId: string, name: string | null, version: number | null) {
  return useQuery({
    queryKey: [...promptKey(orgId, name ?? ''), 'version', version],
    queryFn: ({ signal }) =>
      apiJson<PromptVersion>(`${promptPath(orgId, name ?? '')}${version ? `?version=${version}` : ''}`, {
        signal,
      }),
    enabled: name !== null,
  });
}

export function usePromptVersions(orgId: string, name: string | null) {
  return useQuery({
    queryKey: [...promptKey(orgId, name ?? ''), 'versions'],
    queryFn: ({ signal }) =>
      apiJson<{ items: PromptVersion[] }>(`${promptPath(orgId, name ?? '')}/versions`, { signal }),
    enabled: name !== null,
  });
}

export function useCreatePrompt(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreatePromptRequest) =>
      apiJson<PromptVersion>(`/orgs/${orgId}/prompts`, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

export function useCreateVersion(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreatePromptVersionRequest) =>
      apiJson<PromptVersion>(`${promptPath(orgId, name)}/versions`, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

export function useMoveLabel(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ label, version }: { label: string; version: number }) =>
      apiJson(`${promptPath(orgId, name)}/labels/${encodeURIComponent(label)}`, {
        method: 'PUT',
        body: { version },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}

/** Downloads one prompt (or all with name null) with the bearer token; returns the file name. */
export function useExportPrompts(orgId: string) {
  return useMutation({
    mutationFn: async ({ name, format }: { name: string | null; format: TransferFormat }) => {
      const query = `?format=${format}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
      const response = await apiFetch(`/orgs/${orgId}/prompts-export${query}`, {
        accept: format === 'json' ? 'application/json' : 'application/yaml',
      });
      const fileName = exportFileName(name, format);
      saveBlob(await response.blob(), fileName);
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
      apiJson<ImportResult>(
        `/orgs/${orgId}/prompts-import${rename.trim() ? `?rename=${encodeURIComponent(rename.trim())}` : ''}`,
        { method: 'POST', rawBody: { text, contentType: transferContentType(format) } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey(orgId) }),
  });
}
