import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestControls } from './controls.js';
import { FaultQueue } from './controls.js';
import type { ApiFlavor, ErrorDetails } from './errors.js';
import { anthropicErrorBody, injectedMessage, openAiErrorBody } from './errors.js';
import { delay, sendJson, untilAborted } from './http-io.js';
import type { ResolvedMockLlmOptions } from './options.js';
import type { RateLimitSnapshot } from './rate-limit.js';
import { anthropicRateLimitHeaders, MinuteWindowLimiter, openAiRateLimitHeaders } from './rate-limit.js';

export interface MockStats {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  faultsInjected: number;
  rateLimited: number;
}

export interface RecordedRequest {
  id: string;
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const RECENT_LIMIT = 100;
// Security-critical: recorded requests are served by the admin API, so credentials never enter them.
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'cookie', 'proxy-authorization']);

/** Everything one simulator instance remembers between requests. */
export class MockState {
  options: ResolvedMockLlmOptions;
  limiters!: Record<ApiFlavor, MinuteWindowLimiter>;
  readonly faults = new FaultQueue();
  stats!: MockStats;
  private recent: { id: string; at: number; req: IncomingMessage; body: unknown }[] = [];
  private nextId = 0;
  private readonly idPrefix = Math.random().toString(36).slice(2, 10);

  constructor(readonly initial: ResolvedMockLlmOptions) {
    this.options = { ...initial };
    this.reset();
  }

  reset(): void {
    this.options = { ...this.initial };
    this.limiters = {
      openai: new MinuteWindowLimiter(this.options.rateLimitRequests, this.options.rateLimitTokens),
      anthropic: new MinuteWindowLimiter(this.options.rateLimitRequests, this.options.rateLimitTokens),
    };
    this.faults.clear();
    this.stats = { total: 0, byRoute: {}, byStatus: {}, faultsInjected: 0, rateLimited: 0 };
    this.recent = [];
  }

  newId(): string {
    return `${this.idPrefix}${(this.nextId++).toString(36)}`;
  }

  record(id: string, req: IncomingMessage, body: unknown): void {
    // Keep references only; headers are filtered when someone asks, off the hot path.
    this.recent.push({ id, at: Date.now(), req, body });
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
  }

  recentRequests(limit = RECENT_LIMIT): RecordedRequest[] {
    return this.recent.slice(-limit).map(({ id, at, req, body }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!SECRET_HEADERS.has(name) && value !== undefined) {
          headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
      }
      return {
        id,
        at: new Date(at).toISOString(),
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        headers,
        body,
      };
    });
  }
}

/** One API request: its response headers, controls and abort signal. */
export class RequestContext {
  readonly headers: Record<string, string>;
  private readonly abort = new AbortController();

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly state: MockState,
    readonly flavor: ApiFlavor,
    readonly requestId: string,
    public controls: RequestControls,
  ) {
    this.headers =
      flavor === 'openai' ? { 'x-request-id': `req_${requestId}` } : { 'request-id': `req_${requestId}` };
    // 'close' fires when the response finished or the connection died; only the latter is an abort.
    res.once('close', () => {
      if (!res.writableFinished) this.abort.abort();
    });
  }

  /** Aborts when the client goes away or the server closes the connection. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get aborted(): boolean {
    return this.abort.signal.aborted;
  }

  sendJson(status: number, body: unknown): void {
    sendJson(this.res, status, this.headers, body);
  }

  /** Answers with an error in this request's API format. */
  fail(status: number, message: string, details: ErrorDetails = {}): void {
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    this.sendJson(
      status,
      this.flavor === 'openai'
        ? openAiErrorBody(status, message, details)
        : anthropicErrorBody(status, message, `req_${this.requestId}`, details.type),
    );
  }

  /**
   * Everything between a valid request and its answer: rate limiting (counting `tokens`), the
   * latency and the faults that strike before the first byte. Returns false when the request has
   * already been answered (or dropped); streaming faults are left to the stream writers.
   */
  async admit(tokens: number, streaming: boolean): Promise<boolean> {
    const snapshot = this.state.limiters[this.flavor].take(tokens);
    this.setRateLimitHeaders(snapshot);
    if (snapshot.exceeded) {
      this.state.stats.rateLimited++;
      this.setRetryAfter(Math.ceil(snapshot.resetMs / 1000));
      this.failRateLimited(snapshot);
      return false;
    }
    if (this.controls.latencyMs > 0 && !(await delay(this.controls.latencyMs, this.signal))) return false;
    const fault = this.controls.fault;
    if (!fault) return !this.aborted;
    this.state.stats.faultsInjected++;
    const mode = fault.mode;
    if (mode.kind === 'status') {
      if (fault.retryAfterSec !== undefined) this.setRetryAfter(fault.retryAfterSec);
      this.fail(mode.status, injectedMessage(this.flavor, mode.status));
      return false;
    }
    if (mode.kind === 'hang' || (mode.kind === 'stall' && !streaming)) {
      await untilAborted(this.signal);
      return false;
    }
    if (mode.kind === 'disconnect' && !streaming) {
      this.res.destroy();
      return false;
    }
    if (mode.kind === 'stream-error' && !streaming) {
      this.fail(500, injectedMessage(this.flavor, 500));
      return false;
    }
    return true;
  }

  private setRateLimitHeaders(snapshot: RateLimitSnapshot): void {
    if (this.flavor === 'openai') openAiRateLimitHeaders(snapshot, this.headers);
    else anthropicRateLimitHeaders(snapshot, this.headers);
  }

  private setRetryAfter(seconds: number): void {
    this.headers['retry-after'] = String(seconds);
    this.headers['retry-after-ms'] = String(Math.round(seconds * 1000));
  }

  private failRateLimited(s: RateLimitSnapshot): void {
    const wait = (s.resetMs / 1000).toFixed(1);
    if (this.flavor === 'openai') {
      const [limit, used] =
        s.exceeded === 'requests'
          ? [s.limitRequests, s.limitRequests]
          : [s.limitTokens, s.limitTokens - s.remainingTokens];
      const unit = s.exceeded === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
      this.fail(
        429,
        `Rate limit reached for ${unit}: Limit ${limit}, Used ${used}. Please try again in ${wait}s.`,
        {
          type: s.exceeded,
        },
      );
    } else {
      const limit = s.exceeded === 'requests' ? `${s.limitRequests} requests` : `${s.limitTokens} tokens`;
      this.fail(
        429,
        `This request would exceed the rate limit of ${limit} per minute. Please try again in ${wait}s.`,
      );
    }
  }
}
