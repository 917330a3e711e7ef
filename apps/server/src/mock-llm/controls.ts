import type { IncomingHttpHeaders } from 'node:http';
import type { ResolvedMockLlmOptions } from './options.js';

// Per-request behaviour: the server defaults, overridden by `x-mock-*` request headers, plus faults
// queued through the admin API for scenarios that span several requests.

export type FailMode =
  | { kind: 'status'; status: number }
  | { kind: 'disconnect' }
  | { kind: 'stall' }
  | { kind: 'hang' }
  | { kind: 'stream-error' };

export interface Fault {
  mode: FailMode;
  /** Seconds for `Retry-After` (fractions allowed; also sent as `retry-after-ms`). */
  retryAfterSec?: number;
  /** Content chunks to stream before `disconnect`, `stall` or `stream-error` strikes. */
  afterChunks?: number;
}

export interface RequestControls {
  latencyMs: number;
  chunkGapMs: number;
  chunkCount: number;
  replyWords: number;
  /** `x-mock-reply`: answer exactly this text instead of the generated reply. */
  reply: string | undefined;
  fault: Fault | undefined;
}

/** A bad `x-mock-*` header or admin body: answered with a 400 in the caller's API format. */
export class ControlError extends Error {}

export function parseFailMode(value: string): FailMode {
  const normalized = value.trim().toLowerCase();
  if (
    normalized === 'disconnect' ||
    normalized === 'stall' ||
    normalized === 'hang' ||
    normalized === 'stream-error'
  ) {
    return { kind: normalized };
  }
  const status = Number(normalized);
  if (Number.isInteger(status) && status >= 400 && status <= 599) return { kind: 'status', status };
  throw new ControlError(
    `fail must be an HTTP status 400-599, "disconnect", "stall", "hang" or "stream-error", got "${value}"`,
  );
}

function headerNumber(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new ControlError(`${name} must be a non-negative number, got "${text}"`);
  }
  return value;
}

export function readControls(
  headers: IncomingHttpHeaders,
  defaults: ResolvedMockLlmOptions,
  queued: () => Fault | undefined,
): RequestControls {
  const controls: RequestControls = {
    latencyMs: headerNumber(headers, 'x-mock-latency-ms') ?? defaults.latencyMs,
    chunkGapMs: headerNumber(headers, 'x-mock-chunk-gap-ms') ?? defaults.chunkGapMs,
    chunkCount: Math.floor(headerNumber(headers, 'x-mock-chunks') ?? defaults.chunkCount),
    replyWords: Math.max(1, Math.floor(headerNumber(headers, 'x-mock-reply-words') ?? defaults.replyWords)),
    reply: typeof headers['x-mock-reply'] === 'string' ? headers['x-mock-reply'] : undefined,
    fault: undefined,
  };
  const fail = headers['x-mock-fail'];
  if (fail !== undefined) {
    const retryAfterSec = headerNumber(headers, 'x-mock-retry-after');
    const afterChunks = headerNumber(headers, 'x-mock-fail-after-chunks');
    controls.fault = {
      mode: parseFailMode(Array.isArray(fail) ? (fail[0] ?? '') : fail),
      ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
      ...(afterChunks !== undefined ? { afterChunks: Math.floor(afterChunks) } : {}),
    };
  } else {
    // A header fault wins and leaves the queue untouched for the requests that follow.
    controls.fault = queued();
  }
  return controls;
}

export interface QueuedFaultInput {
  fail: string | number;
  count?: number;
  retryAfter?: number;
  afterChunks?: number;
  /** Only requests to this path (e.g. `/v1/chat/completions`) consume the fault. */
  path?: string;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  path: string | undefined;
}

export class FaultQueue {
  private entries: QueuedFault[] = [];

  add(input: QueuedFaultInput): void {
    if (typeof input !== 'object' || input === null || input.fail === undefined) {
      throw new ControlError('body must be {fail, count?, retryAfter?, afterChunks?, path?}');
    }
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
    for (const [name, value] of [
      ['retryAfter', input.retryAfter],
      ['afterChunks', input.afterChunks],
    ] as const) {
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        throw new ControlError(`${name} must be a non-negative number`);
      }
    }
    if (input.path !== undefined && (typeof input.path !== 'string' || !input.path.startsWith('/'))) {
      throw new ControlError('path must start with "/"');
    }
    this.entries.push({
      fault: {
        mode: parseFailMode(String(input.fail)),
        ...(input.retryAfter !== undefined ? { retryAfterSec: input.retryAfter } : {}),
        ...(input.afterChunks !== undefined ? { afterChunks: Math.floor(input.afterChunks) } : {}),
      },
      remaining: count,
      path: input.path,
    });
  }

  /** The next queued fault for a request to `path`, consuming one occurrence. */
  take(path: string): Fault | undefined {
    if (this.entries.length === 0) return undefined;
    const index = this.entries.findIndex((e) => e.path === undefined || e.path === path);
    const entry = this.entries[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.entries.splice(index, 1);
    return entry.fault;
  }

  list(): { fail: string; remaining: number; path: string | null; retryAfter: number | null }[] {
    return this.entries.map((e) => ({
      fail: e.fault.mode.kind === 'status' ? String(e.fault.mode.status) : e.fault.mode.kind,
      remaining: e.remaining,
      path: e.path ?? null,
      retryAfter: e.fault.retryAfterSec ?? null,
    }));
  }

  clear(): void {
    this.entries = [];
  }
}
