import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { WorkflowDecision, WorkflowRun } from '@promptops/contracts';
import { describeError } from '../../app/problem';
import { createSseParser, type SseEvent } from '../playground/sse-parser';
import { applyRunEvent, IDLE_RUN, runView, startedRun, type LiveRun } from './run-state';
import { workflowApiName } from './workflow-paths';
import {
  cancelRun,
  resumeRun,
  workflowRunsQueryKey,
  workflowsRequest,
  type WorkflowRunSummary,
} from './workflows-api';

/**
 * Reads a run's event stream until `done`, `error` or the end of the connection, handing each
 * event over the moment it is decoded.
 */
async function readRunEvents(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const events = parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      for (const event of events) {
        onEvent(event);
        if (event.event === 'done' || event.event === 'error') return;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

function runIdOf(event: SseEvent): string | null {
  try {
    const payload = JSON.parse(event.data) as { runId?: unknown; run?: { id?: unknown } };
    if (typeof payload.runId === 'string') return payload.runId;
    if (typeof payload.run?.id === 'string') return payload.run.id;
  } catch {
    // not JSON: no id in it
  }
  return null;
}

export interface RunRequest {
  version?: number;
  input: Record<string, unknown>;
}

/**
 * Runs a workflow with `stream: true` and keeps what the canvas and the run panel show: node
 * states, steps, the approval box. Resuming posts the decision and follows the run's stream.
 */
export function useWorkflowRunner(orgId: string, name: string) {
  const [state, setLive] = useState<LiveRun>(IDLE_RUN);
  // The latest state outside React's batching, so the stream reader knows how the run stands.
  const latest = useRef<LiveRun>(IDLE_RUN);
  const setState = useCallback((next: LiveRun) => {
    latest.current = next;
    setLive(next);
  }, []);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => () => controller.current?.abort(), []);

  const follow = useCallback(
    async (open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array> | undefined>) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setError(null);
      let seenId: string | null = null;
      try {
        const body = await open(abort.signal);
        if (!body) throw new Error('The server sent no stream');
        await readRunEvents(body, (event) => {
          seenId ??= runIdOf(event);
          if (seenId) setRunId(seenId);
          setState(applyRunEvent(latest.current, event));
        });
        const ended = latest.current.status;
        // The stream may end at an approval without naming the run: the newest waiting run of
        // this workflow is the one just started.
        if (ended === 'waiting' && seenId === null) {
          const waiting = await workflowsRequest<{ items: WorkflowRunSummary[] }>(
            'GET',
            orgId,
            '/workflow-runs',
            { query: { workflowName: name, status: 'waiting', limit: 1 } },
          );
          const id = waiting.items[0]?.id ?? null;
          if (id) setRunId(id);
        } else if (ended === 'running') {
          setError(
            'The connection closed before the run finished; open it from the history to see how it ends.',
          );
        }
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(describeError(e));
        const s = latest.current;
        setState({ ...s, status: s.status === 'running' ? 'failed' : s.status });
      } finally {
        if (controller.current === abort) controller.current = null;
        void queryClient.invalidateQueries({ queryKey: workflowRunsQueryKey(orgId) });
      }
    },
    [orgId, name, queryClient, setState],
  );

  const run = useCallback(
    (request: RunRequest) => {
      setRunId(null);
      setState(startedRun());
      return follow((signal) =>
        workflowsRequest<ReadableStream<Uint8Array>>(
          'POST',
          orgId,
          `/workflows/${workflowApiName(name)}/runs`,
          {
            body: { ...request, stream: true },
            headers: { accept: 'text/event-stream' },
            parseAs: 'stream',
            signal,
          },
        ),
      );
    },
    [follow, orgId, name, setState],
  );

  /** Streams a run that is already going (after a resume, or opened from the history while running). */
  const attach = useCallback(
    (id: string) => {
      setRunId(id);
      return follow((signal) =>
        workflowsRequest<ReadableStream<Uint8Array>>('GET', orgId, `/workflow-runs/${id}/stream`, {
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          signal,
        }),
      );
    },
    [follow, orgId],
  );

  const resume = useCallback(
    async (decision: WorkflowDecision) => {
      if (!runId) throw new Error('This run has no id yet; open it from the run history.');
      const resumed = await resumeRun(orgId, runId, decision);
      setState(runView(resumed));
      if (resumed.status === 'running' || resumed.status === 'queued') await attach(runId);
      else void queryClient.invalidateQueries({ queryKey: workflowRunsQueryKey(orgId) });
    },
    [attach, orgId, runId, queryClient, setState],
  );

  const cancel = useCallback(async () => {
    controller.current?.abort();
    if (!runId) {
      setState({ ...latest.current, status: 'cancelled' });
      return;
    }
    try {
      setState(runView(await cancelRun(orgId, runId)));
    } catch (e) {
      setError(describeError(e));
    }
  }, [orgId, runId, setState]);

  /** Shows a stored run on the canvas and in the panel (from the history), following it if it is still going. */
  const show = useCallback(
    (stored: WorkflowRun) => {
      controller.current?.abort();
      setError(null);
      setRunId(stored.id);
      setState(runView(stored));
      if (stored.status === 'running' || stored.status === 'queued') void attach(stored.id);
    },
    [attach, setState],
  );

  const reset = useCallback(() => {
    controller.current?.abort();
    setRunId(null);
    setError(null);
    setState(IDLE_RUN);
  }, [setState]);

  return { state, runId, error, run, resume, cancel, show, reset };
}
