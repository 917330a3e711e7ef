import type { Evaluation, EvaluationResult, EvaluationStreamEvents, Problem } from '@promptops/contracts';
import { createSseParser, type SseEvent } from '../playground/sse-parser';

export type EvaluationProgress = EvaluationStreamEvents['progress'];

/** What the evaluation page knows from the live stream. */
export interface LiveState {
  progress: EvaluationProgress | null;
  /** The newest results first, at most RECENT_RESULTS of them. */
  recent: EvaluationResult[];
  /** Set by `done`: the finished evaluation with its summary. */
  finished: Evaluation | null;
  problem: Problem | null;
}

export const RECENT_RESULTS = 20;

export const INITIAL_LIVE: LiveState = { progress: null, recent: [], finished: null, problem: null };

function parse(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Applies one server-sent event; unknown or malformed events leave the state as it was. */
export function applyEvaluationEvent(state: LiveState, event: SseEvent): LiveState {
  const payload = parse(event.data);
  if (!isRecord(payload)) return state;
  switch (event.event) {
    case 'progress':
      if (typeof payload.done !== 'number' || typeof payload.total !== 'number') return state;
      return { ...state, progress: payload as unknown as EvaluationProgress };
    case 'result':
      if (typeof payload.itemId !== 'string') return state;
      return {
        ...state,
        recent: [payload as unknown as EvaluationResult, ...state.recent].slice(0, RECENT_RESULTS),
      };
    case 'done':
      if (!isRecord(payload.evaluation)) return state;
      return { ...state, finished: payload.evaluation as unknown as Evaluation };
    case 'error':
      return { ...state, problem: (payload.problem ?? null) as Problem | null };
    default:
      return state;
  }
}

/**
 * Reads the events of one evaluation until `done`, `error` or the end of the stream, calling
 * onEvent for each. Returns whether it ended with `done`/`error` (false: the connection closed
 * first, and the caller reconnects). Aborting the request's signal ends it quietly.
 */
export async function readEvaluationEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const events = parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      for (const event of events) {
        onEvent(event);
        if (event.event === 'done' || event.event === 'error') return true;
      }
      if (done) return false;
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return true;
    throw error;
  } finally {
    reader.releaseLock();
  }
}

export function isTerminal(status: Evaluation['status']): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}
