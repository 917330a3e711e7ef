import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWorkflowRequest,
  CreateWorkflowVersionRequest,
  Problem,
  Workflow,
  WorkflowDecision,
  WorkflowGraph,
  WorkflowGraphError,
  WorkflowRun,
  WorkflowRunStatus,
  WorkflowValidation,
  WorkflowVersion,
  WorkflowVersionDiff,
} from '@promptops/contracts';
import { api } from '../../app/api-client';
import { ApiError, toProblem } from '../../app/problem';
import { workflowApiName } from './workflow-paths';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestInit {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  parseAs?: 'json' | 'stream';
}

/** The generated client's `request`, without its per-path typing. */
type LooseRequest = (
  method: Method,
  url: string,
  init?: RequestInit & { params?: { query?: Record<string, string | number | undefined> } },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

// The generated client is typed from the OpenAPI document, which has no workflow routes until the
// server publishes them; calls go through the same client (token, renewal, network errors) and are
// typed with the contract instead.
const looseRequest = (api.request as unknown as LooseRequest).bind(api);

/** A save or validation refused because of the graph: the same items `/validate` answers with. */
export class InvalidGraphError extends ApiError {
  readonly graphErrors: WorkflowGraphError[];

  constructor(problem: Problem, graphErrors: WorkflowGraphError[]) {
    super(problem);
    this.name = 'InvalidGraphError';
    this.graphErrors = graphErrors;
  }
}

function graphErrorsOf(body: unknown): WorkflowGraphError[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is WorkflowGraphError =>
      typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string',
  );
}

/** Sends one request under /api/v1/orgs/{orgId}; answers the parsed body or throws ApiError. */
export async function workflowsRequest<T>(
  method: Method,
  orgId: string,
  path: string,
  { query, ...init }: RequestInit = {},
): Promise<T> {
  const { data, error, response } = await looseRequest(method, `/api/v1/orgs/${orgId}${path}`, {
    ...init,
    ...(query ? { params: { query } } : {}),
  });
  if (response.ok) return data as T;
  const problem = toProblem(response.status, response.statusText, error);
  const graphErrors = graphErrorsOf(error);
  if (response.status === 400 && graphErrors.length > 0) throw new InvalidGraphError(problem, graphErrors);
  throw new ApiError(problem);
}

const wf = (name: string) => `/workflows/${workflowApiName(name)}`;

export const workflowsQueryKey = (orgId: string) => ['orgs', orgId, 'workflows'] as const;
const workflowKey = (orgId: string, name: string) => [...workflowsQueryKey(orgId), 'one', name] as const;
export const workflowRunsQueryKey = (orgId: string) => ['orgs', orgId, 'workflow-runs'] as const;

export interface WorkflowResponse {
  workflow: Workflow;
  version: WorkflowVersion;
}
export type WorkflowVersionSummary = Omit<WorkflowVersion, 'graph'> & { nodeCount: number };
export type WorkflowRunSummary = Omit<WorkflowRun, 'steps' | 'input' | 'output'>;
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  graph: WorkflowGraph;
  /** Starter prompts the graph names, created where the organization has none of that name. */
  prompts: { name: string; template: string }[];
}

/**
 * Creates the starter prompts of a template that this organization does not have yet (on its
 * first active model), so a workflow made from the template saves and runs at once. Prompts that
 * exist are left as they are. Answers the names created.
 */
export async function ensureTemplatePrompts(
  orgId: string,
  prompts: readonly { name: string; template: string }[],
): Promise<string[]> {
  if (prompts.length === 0) return [];
  const models = await workflowsRequest<{ items: { id: string; active: boolean }[] }>(
    'GET',
    orgId,
    '/models',
  );
  const modelId = models.items.find((m) => m.active)?.id;
  const created: string[] = [];
  for (const prompt of prompts) {
    try {
      await workflowsRequest('GET', orgId, `/prompts/${encodeURIComponent(prompt.name)}`);
      continue;
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    }
    await workflowsRequest('POST', orgId, '/prompts', {
      body: { name: prompt.name, template: prompt.template, ...(modelId ? { modelId } : {}) },
    });
    created.push(prompt.name);
  }
  return created;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function useWorkflows(orgId: string, search: string) {
  return useQuery({
    queryKey: [...workflowsQueryKey(orgId), 'list', search],
    queryFn: ({ signal }) =>
      workflowsRequest<Page<Workflow>>('GET', orgId, '/workflows', {
        query: { limit: 200, ...(search.trim() ? { search: search.trim() } : {}) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useWorkflowTemplates(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...workflowsQueryKey(orgId), 'templates'],
    queryFn: ({ signal }) =>
      workflowsRequest<{ items: WorkflowTemplate[] }>('GET', orgId, '/workflows/templates', { signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** One version of a workflow: the latest when `version` is null. */
export function useWorkflow(orgId: string, name: string, version: number | null) {
  return useQuery({
    queryKey: [...workflowKey(orgId, name), 'version', version],
    queryFn: ({ signal }) =>
      workflowsRequest<WorkflowResponse>('GET', orgId, wf(name), {
        ...(version ? { query: { version } } : {}),
        signal,
      }),
    // A stored version never changes; the latest is fetched again after a save.
    staleTime: version ? Infinity : 0,
  });
}

export function useWorkflowVersions(orgId: string, name: string) {
  return useQuery({
    queryKey: [...workflowKey(orgId, name), 'versions'],
    queryFn: ({ signal }) =>
      workflowsRequest<Page<WorkflowVersionSummary>>('GET', orgId, `${wf(name)}/versions`, { signal }),
  });
}

/** What changed from version `from` to version `to`; off until both are chosen. */
export function useWorkflowDiff(orgId: string, name: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...workflowKey(orgId, name), 'diff', from, to],
    queryFn: ({ signal }) =>
      workflowsRequest<WorkflowVersionDiff>('GET', orgId, `${wf(name)}/diff`, {
        query: { from: from!, to: to! },
        signal,
      }),
    enabled: from !== null && to !== null,
    // Versions are immutable, so a diff never goes stale.
    staleTime: Infinity,
  });
}

export function validateGraph(orgId: string, graph: WorkflowGraph, signal?: AbortSignal) {
  return workflowsRequest<WorkflowValidation>('POST', orgId, '/workflows/validate', {
    body: { graph },
    ...(signal ? { signal } : {}),
  });
}

export function useCreateWorkflow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkflowRequest) =>
      workflowsRequest<WorkflowResponse>('POST', orgId, '/workflows', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey(orgId) }),
  });
}

export function useSaveWorkflowVersion(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkflowVersionRequest) =>
      workflowsRequest<{ version: WorkflowVersion }>('POST', orgId, `${wf(name)}/versions`, { body }).then(
        (r) => r.version,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey(orgId) }),
  });
}

export function useSetWorkflowLabel(orgId: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ label, version }: { label: string; version: number }) =>
      workflowsRequest<WorkflowResponse>('PUT', orgId, `${wf(name)}/labels/${encodeURIComponent(label)}`, {
        body: { version },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey(orgId) }),
  });
}

export function useDeleteWorkflow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => workflowsRequest<unknown>('DELETE', orgId, wf(name)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey(orgId) }),
  });
}

export function exportWorkflow(orgId: string, name: string, version: number) {
  return workflowsRequest<{ files: Record<string, string> }>('GET', orgId, `${wf(name)}/export`, {
    query: { format: 'langgraph', version },
  });
}

export function useImportWorkflow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; files: Record<string, string> }) =>
      workflowsRequest<WorkflowResponse>('POST', orgId, '/workflows/import', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey(orgId) }),
  });
}

export interface RunFilters {
  workflowName?: string;
  status?: WorkflowRunStatus;
}

export function useWorkflowRuns(orgId: string, filters: RunFilters, { live = false } = {}) {
  return useQuery({
    queryKey: [...workflowRunsQueryKey(orgId), 'list', filters],
    queryFn: ({ signal }) =>
      workflowsRequest<Page<WorkflowRunSummary>>('GET', orgId, '/workflow-runs', {
        query: { limit: 50, ...filters },
        signal,
      }),
    staleTime: 0,
    refetchInterval: live ? 5_000 : false,
  });
}

export function useWorkflowRun(orgId: string, id: string | null) {
  return useQuery({
    queryKey: [...workflowRunsQueryKey(orgId), 'one', id],
    queryFn: ({ signal }) =>
      workflowsRequest<{ run: WorkflowRun }>('GET', orgId, `/workflow-runs/${id ?? ''}`, { signal }).then(
        (r) => r.run,
      ),
    enabled: id !== null,
  });
}

export function resumeRun(orgId: string, id: string, decision: WorkflowDecision) {
  return workflowsRequest<{ run: WorkflowRun }>('POST', orgId, `/workflow-runs/${id}/resume`, {
    body: { decision },
  }).then((r) => r.run);
}

/** Approve or reject from the inbox (the editor's run panel follows the stream itself). */
export function useResumeRun(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: WorkflowDecision }) =>
      resumeRun(orgId, id, decision),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowRunsQueryKey(orgId) }),
  });
}

export function cancelRun(orgId: string, id: string) {
  return workflowsRequest<{ run: WorkflowRun }>('POST', orgId, `/workflow-runs/${id}/cancel`, {
    body: {},
  }).then((r) => r.run);
}
