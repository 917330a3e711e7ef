import { useCallback, useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { ChatMessage, CreateExecutionRequest, Execution, Problem } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { ApiError, describeError } from '../../app/problem';
import { modelsQueryKey, providersQueryKey } from '../providers/providers-api';
import { readExecutionStream } from './execution-stream';

export const HISTORY_LIMIT = 50;
const executionsKey = (orgId: string) => ['orgs', orgId, 'executions'] as const;

/** The last 50 runs of one prompt, or of the organization when promptName is null. */
export function useExecutionHistory(orgId: string, promptName: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...executionsKey(orgId), promptName],
    queryFn: ({ signal }) => {
      const query = promptName ? { limit: HISTORY_LIMIT, promptName } : { limit: HISTORY_LIMIT };
      return unwrap(
        api.GET('/api/v1/orgs/{orgId}/executions', { params: { path: { orgId }, query }, signal }),
      );
    },
    enabled,
    // Runs also come from applications (API keys): opening the history always shows the latest,
    // and runs still in progress are followed until they end.
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.status === 'running') ? 2_000 : false),
  });
}

/**
 * The stored record of a run that was just stopped: the server records a run as `running` when it
 * starts and finishes the record as it closes the upstream call, so wait for that ending.
 */
async function fetchStoredRun(orgId: string, id: string): Promise<Execution | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const { execution } = await unwrap(
        api.GET('/api/v1/orgs/{orgId}/executions/{id}', { params: { path: { orgId, id } } }),
      );
      if (execution.status !== 'running') return execution;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
  }
  return null;
}

/** One stored run (opening a run from the history on its own page); disabled without an id. */
export function useExecution(orgId: string, id: string | null) {
  return useQuery({
    queryKey: [...executionsKey(orgId), 'one', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/executions/{id}', {
          params: { path: { orgId, id: id ?? '' } },
          signal,
        }),
      ).then((r) => r.execution),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

export type RunStatus = 'idle' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface RunState {
  status: RunStatus;
  output: string;
  execution: Execution | null;
  error: string | null;
  /** Why the API refused or ended the run (429, 503 circuit open, 504 timeout…), when it said. */
  problem: Problem | null;
}

const IDLE: RunState = { status: 'idle', output: '', execution: null, error: null, problem: null };

/**
 * Runs an execution over SSE and exposes its state as it streams. Every delta is appended in
 * its own state update so it paints as soon as React gets a frame; Stop aborts the request
 * (the server then stores the run as cancelled).
 */
export function useExecutionRun(orgId: string) {
  const [state, setState] = useState<RunState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (request: CreateExecutionRequest) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      let startedId: string | null = null;
      setState({ ...IDLE, status: 'running' });
      try {
        // The request goes through the typed client (token, renewal, errors); the SSE body is read by hand.
        const body = await unwrap(
          api.POST('/api/v1/orgs/{orgId}/executions', {
            params: { path: { orgId } },
            body: request,
            headers: { accept: 'text/event-stream' },
            parseAs: 'stream',
            signal: abort.signal,
          }),
        );
        if (!body) throw new Error('The server sent no stream');
        const outcome = await readExecutionStream(body, {
          onDelta: (text) => setState((s) => ({ ...s, output: s.output + text })),
          onStart: (id) => {
            startedId = id;
          },
        });
        setState((s) => {
          switch (outcome.kind) {
            case 'done':
              return {
                status: outcome.execution.status,
                output: outcome.execution.output || s.output,
                execution: outcome.execution,
                error: outcome.execution.error ?? null,
                problem: null,
              };
            case 'error':
              return {
                ...s,
                status: 'failed',
                execution: outcome.execution ?? null,
                error: outcome.problem.detail ?? outcome.problem.title,
                problem: outcome.problem,
              };
            case 'cancelled':
              return { ...s, status: 'cancelled', execution: null };
            default:
              return { ...s, status: 'interrupted', error: 'The connection closed before the run finished.' };
          }
        });
      } catch (error) {
        const aborted = error instanceof DOMException && error.name === 'AbortError';
        setState((s) => ({
          ...s,
          status: aborted ? 'cancelled' : 'failed',
          error: aborted ? null : describeError(error),
          // A 429 (model limit) is refused before the stream opens, so it arrives here.
          problem: error instanceof ApiError ? error.problem : null,
        }));
      } finally {
        if (controller.current === abort) controller.current = null;
        // Stopped: the server stores the run (tokens and cost so far) as it closes the upstream call;
        // show that record so the run panel and the history say the same.
        if (abort.signal.aborted && startedId !== null) {
          const stored = await fetchStoredRun(orgId, startedId);
          if (stored && controller.current === null) {
            setState((s) =>
              s.status === 'cancelled' ? { ...s, execution: stored, status: stored.status } : s,
            );
          }
        }
        void queryClient.invalidateQueries({ queryKey: executionsKey(orgId) });
        // A run moves the model's usage and may change the provider's breaker and health.
        void queryClient.invalidateQueries({ queryKey: modelsQueryKey(orgId) });
        void queryClient.invalidateQueries({ queryKey: providersQueryKey(orgId) });
      }
    },
    [orgId, queryClient],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  /** Shows a past run's result without running (history restore). */
  const show = useCallback(
    (execution: Execution) =>
      setState({
        status: execution.status,
        output: execution.output,
        execution,
        error: execution.error ?? null,
        problem: null,
      }),
    [],
  );

  /** Forgets the last run (another prompt was opened). */
  const reset = useCallback(() => {
    controller.current?.abort();
    setState(IDLE);
  }, []);

  return { state, run, stop, show, reset };
}

export type TokenizeInput = { text: string } | { messages: ChatMessage[] };

/** A live token count while typing: debounced, keeps the last count on screen while refetching. */
export function useTokenCount(orgId: string, modelId: string | null, input: TokenizeInput) {
  const [debounced] = useDebouncedValue(JSON.stringify(input), 250);
  return useQuery({
    queryKey: ['orgs', orgId, 'tokenize', modelId, debounced],
    queryFn: ({ signal }) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/tokenize', {
          params: { path: { orgId } },
          body: { modelId: modelId ?? '', ...(JSON.parse(debounced) as TokenizeInput) },
          signal,
        }),
      ),
    enabled: modelId !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}
