import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockState } from './context.js';
import type { QueuedFaultInput } from './controls.js';
import { ControlError } from './controls.js';
import { BodyError, readJsonBody, sendJson } from './http-io.js';

// The admin API under /_mock/: scenarios that span several requests (queued faults), counters
// and the recent requests for assertions, and run-time changes of the behaviour defaults.

/** The behaviour defaults that `/_mock/config` may change without a restart. */
export interface RuntimeConfig {
  latencyMs: number;
  chunkGapMs: number;
  chunkCount: number;
  replyWords: number;
  embeddingDims: number;
}

const RUNTIME_KEYS = ['latencyMs', 'chunkGapMs', 'chunkCount', 'replyWords', 'embeddingDims'] as const;

export function runtimeConfig(state: MockState): RuntimeConfig {
  const { latencyMs, chunkGapMs, chunkCount, replyWords, embeddingDims } = state.options;
  return { latencyMs, chunkGapMs, chunkCount, replyWords, embeddingDims };
}

export function configure(state: MockState, patch: Partial<RuntimeConfig>): RuntimeConfig {
  if (typeof patch !== 'object' || patch === null) throw new ControlError('body must be a JSON object');
  for (const [key, value] of Object.entries(patch)) {
    if (!(RUNTIME_KEYS as readonly string[]).includes(key)) {
      throw new ControlError(`unknown setting "${key}"; allowed: ${RUNTIME_KEYS.join(', ')}`);
    }
    const positive = key === 'replyWords' || key === 'embeddingDims';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < (positive ? 1 : 0)) {
      throw new ControlError(`${key} must be a ${positive ? 'positive' : 'non-negative'} number`);
    }
  }
  for (const key of RUNTIME_KEYS) {
    const value = patch[key];
    if (value !== undefined) {
      state.options[key] = key === 'latencyMs' || key === 'chunkGapMs' ? value : Math.floor(value);
    }
  }
  return runtimeConfig(state);
}

export function mockStats(state: MockState): unknown {
  return { ...state.stats, pendingFaults: state.faults.list() };
}

export async function handleAdmin(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  const reply = (status: number, body: unknown): void => sendJson(res, status, {}, body);
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case 'GET /_mock/stats':
        return reply(200, mockStats(state));
      case 'GET /_mock/faults':
        return reply(200, { faults: state.faults.list() });
      case 'POST /_mock/faults':
        state.faults.add((await readJsonBody(req)) as QueuedFaultInput);
        return reply(201, { faults: state.faults.list() });
      case 'DELETE /_mock/faults':
        state.faults.clear();
        return reply(200, { faults: [] });
      case 'GET /_mock/requests': {
        const limit = Number(query.get('limit') ?? '100');
        return reply(200, {
          requests: state.recentRequests(Number.isInteger(limit) && limit > 0 ? limit : 100),
        });
      }
      case 'GET /_mock/config':
        return reply(200, runtimeConfig(state));
      case 'POST /_mock/config':
        return reply(200, configure(state, (await readJsonBody(req)) as Partial<RuntimeConfig>));
      case 'POST /_mock/reset':
        state.reset();
        return reply(200, { reset: true });
      default:
        return reply(404, { error: { message: `Unknown admin route ${route}` } });
    }
  } catch (err) {
    if (err instanceof ControlError) return reply(400, { error: { message: err.message } });
    if (err instanceof BodyError) return reply(err.status, { error: { message: err.message } });
    throw err;
  }
}
