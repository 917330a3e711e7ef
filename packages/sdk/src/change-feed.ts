import type { Schemas } from '@promptops/client';
import { backoffDelay, sleep, type FetchLike } from './retry.js';
import { parseSse } from './sse.js';

export type PlatformEvent = Schemas['PlatformEvent'];

export type ChangeFeedState = 'connecting' | 'open' | 'closed';

export interface ChangeFeedOptions {
  url: string;
  fetch: FetchLike;
  headers: () => Promise<Record<string, string>>;
  onEvent: (event: PlatformEvent) => void;
  /** Called each time the stream opens (events may have been missed before it did). */
  onOpen: () => void;
  onError?: (error: unknown) => void;
  /** Backoff between reconnects: first delay and cap. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Follows `GET /orgs/{orgId}/events` over fetch's ReadableStream. It reconnects after any end or
 * error with exponential backoff and jitter (reset once a connection opens), sending
 * `Last-Event-ID` so the server replays what happened in between.
 */
export class ChangeFeed {
  private readonly abort = new AbortController();
  private lastEventId: string | undefined;
  private attempts = 0;
  private current: ChangeFeedState = 'connecting';
  private readonly openWaiters = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(private readonly options: ChangeFeedOptions) {
    this.done = this.run();
  }

  get state(): ChangeFeedState {
    return this.current;
  }

  /** Resolves when the stream is open (or the feed is closed). */
  opened(): Promise<void> {
    if (this.current !== 'connecting') return Promise.resolve();
    return new Promise((resolve) => this.openWaiters.add(resolve));
  }

  close(): void {
    if (this.current === 'closed') return;
    this.setState('closed');
    this.abort.abort();
  }

  private setState(state: ChangeFeedState): void {
    this.current = state;
    if (state === 'connecting') return;
    for (const resolve of this.openWaiters) resolve();
    this.openWaiters.clear();
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.onError?.(error);
      }
      if (signal.aborted) break;
      this.setState('connecting');
      const delay = backoffDelay(
        this.attempts++,
        this.options.minDelayMs ?? 500,
        this.options.maxDelayMs ?? 30_000,
      );
      await sleep(delay, signal).catch(() => undefined);
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = {
      ...(await this.options.headers()),
      accept: 'text/event-stream',
    };
    if (this.lastEventId !== undefined) headers['last-event-id'] = this.lastEventId;
    const response = await this.options.fetch(new Request(this.options.url, { headers, signal }));
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`The change feed answered ${response.status}`);
    }
    this.attempts = 0;
    this.setState('open');
    this.options.onOpen();
    for await (const message of parseSse(response.body)) {
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      let event: PlatformEvent;
      try {
        event = JSON.parse(message.data) as PlatformEvent;
      } catch {
        continue;
      }
      this.options.onEvent(event);
    }
  }
}
