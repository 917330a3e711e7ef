import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Options of every connection that serves requests. Commands fail at once while Redis is away
 * (no offline queue, no retry of a command caught by a dropped connection) so callers fall back
 * or answer 503 immediately instead of waiting out reconnects; the connection itself keeps
 * reconnecting in the background (ioredis' default backoff, capped at 2 s).
 */
export const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2_000,
  // A Redis that accepts the connection but stops answering (paused, network black hole).
  commandTimeout: 2_000,
};

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`: credentials stay out of messages. */
export function redisLocation(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'REDIS_URL';
  }
}

export class RedisUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `Redis at ${redisLocation(url)} is unreachable (${why}); start Redis, fix REDIS_URL, or unset it to run without Redis`,
    );
  }
}

export type RedisState = 'up' | 'down';

/**
 * Follows one connection's state and logs each change once: the first failure of an outage (with
 * its reason) and the recovery, never every reconnect attempt. Also the connection's `error`
 * listener, so ioredis never reports unhandled error events.
 */
export class RedisWatch {
  private current: RedisState;
  private changedAt = new Date();
  private lastError: string | undefined;
  private readonly listeners = new Set<(state: RedisState) => void>();

  constructor(
    readonly client: Redis,
    private readonly log: Logger,
    /**
     * Names the connection in the log lines; `whileDown` (what the installation does during an
     * outage) makes its changes warn/info lines instead of debug ones.
     */
    private readonly what: { name: string; whileDown?: string },
  ) {
    // A connection still opening counts as up: its first failure is an outage worth a line,
    // its first success is not news.
    this.current = 'up';
    client.on('error', (err: Error) => {
      this.lastError = err.message;
      // A failing connection attempt while already down is the same outage.
      if (this.current === 'up' && client.status !== 'ready') this.set('down');
    });
    client.on('close', () => this.set('down'));
    client.on('ready', () => this.set('up'));
  }

  get state(): RedisState {
    return this.current;
  }

  get up(): boolean {
    return this.current === 'up' && this.client.status === 'ready';
  }

  /** For /readyz: the state, since when, and the last error of an outage. */
  describe(): { status: RedisState; since: string; error?: string } {
    return {
      status: this.current,
      since: this.changedAt.toISOString(),
      ...(this.current === 'down' && this.lastError ? { error: this.lastError } : {}),
    };
  }

  onChange(listener: (state: RedisState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: RedisState) {
    if (state === this.current) return;
    this.current = state;
    this.changedAt = new Date();
    // Every connection goes down with Redis: the shared one says it for all, the others only
    // at debug level.
    const level = this.what.whileDown ? (state === 'down' ? 'warn' : 'info') : 'debug';
    if (state === 'down') {
      this.log[level](
        { redis: this.what.name, reason: this.lastError ?? 'connection closed' },
        `Redis unreachable${this.what.whileDown ? `: ${this.what.whileDown}` : ''}`,
      );
    } else {
      this.lastError = undefined;
      this.log[level]({ redis: this.what.name }, 'Redis reachable again');
    }
    for (const listener of this.listeners) listener(state);
  }
}

/**
 * Opens the shared connection at start-up. Unreachable Redis is an error (the caller refuses to
 * start): a wrong REDIS_URL shows at deploy time instead of hiding behind fallbacks.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, { ...FAIL_FAST, lazyConnect: true });
  let lastError: unknown;
  // Keeps the first attempt's real reason ("connect ECONNREFUSED …") instead of "Connection is closed."
  const remember = (err: unknown) => (lastError ??= err);
  client.on('error', remember);
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw new RedisUnreachableError(url, lastError ?? err);
  } finally {
    client.off('error', remember);
  }
  return client;
}

/** True for the errors a Redis client raises when Redis is away (connection lost, no answer in time). */
export function isRedisOutage(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /^(Connection is closed\.|Stream isn't writeable|Command timed out)/.test(err.message)
  );
}
