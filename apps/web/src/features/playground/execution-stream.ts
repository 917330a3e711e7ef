import type { Execution, Problem } from '@promptops/contracts';
import { createSseParser, type SseEvent } from './sse-parser';

/** How a streamed run ended. */
export type StreamOutcome =
  | { kind: 'done'; execution: Execution }
  | { kind: 'error'; problem: Problem; execution?: Execution }
  | { kind: 'cancelled' }
  /** The connection closed before `done` or `error` (server restart, proxy timeout). */
  | { kind: 'interrupted' };

export interface StreamHandlers {
  onDelta: (text: string) => void;
  /** The id the run is stored under, sent before any delta. */
  onStart?: (executionId: string) => void;
}

function parseJson(data: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Applies one event; returns the outcome when the event ends the stream. */
export function applyStreamEvent(event: SseEvent, handlers: StreamHandlers): StreamOutcome | null {
  const payload = parseJson(event.data);
  if (payload === null) return null;
  switch (event.event) {
    case 'start':
      if (typeof payload.executionId === 'string') handlers.onStart?.(payload.executionId);
      return null;
    case 'delta':
      if (typeof payload.text === 'string' && payload.text !== '') handlers.onDelta(payload.text);
      return null;
    case 'done':
      return { kind: 'done', execution: payload.execution as Execution };
    case 'error': {
      const outcome: StreamOutcome = { kind: 'error', problem: payload.problem as Problem };
      if (payload.execution) outcome.execution = payload.execution as Execution;
      return outcome;
    }
    default:
      return null;
  }
}

/**
 * Reads an execution's event stream to its end, calling onDelta for every chunk the moment it
 * is decoded (no batching: each network read can paint). Aborting the request's signal makes
 * the read throw an AbortError, reported as `cancelled`.
 */
export async function readExecutionStream(
  body: ReadableStream<Uint8Array>,
  handlers: StreamHandlers,
): Promise<StreamOutcome> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const events = done
        ? parser.feed(decoder.decode())
        : parser.feed(decoder.decode(value, { stream: true }));
      for (const event of events) {
        const outcome = applyStreamEvent(event, handlers);
        if (outcome) return outcome;
      }
      if (done) return { kind: 'interrupted' };
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return { kind: 'cancelled' };
    throw error;
  } finally {
    reader.releaseLock();
  }
}
