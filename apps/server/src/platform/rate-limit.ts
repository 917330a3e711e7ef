import type { Redis } from 'ioredis';
import { isRedisOutage } from './redis.js';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters: Redis when configured (shared by every instance), in-process otherwise. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
  /** Adds `amount` to a counter that expires `windowSeconds` after it was created; returns the new value. */
  add(key: string, amount: number, windowSeconds: number): Promise<number>;
  /** Current value of a counter (0 when absent or expired). */
  get(key: string): Promise<number>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    w.count += 1;
    return {
      allowed: w.count <= limit,
      count: w.count,
      retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000),
    };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async add(key: string, amount: number, windowSeconds: number): Promise<number> {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count += amount;
    return w.count;
  }

  async get(key: string): Promise<number> {
    const w = this.windows.get(key);
    return w && w.resetAt > Date.now() ? w.count : 0;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const k = `${this.prefix}rl:${key}`;
    const res = await this.redis
      .multi()
      .incr(k)
      .pexpire(k, windowSeconds * 1000, 'NX')
      .pttl(k)
      .exec();
    const count = Number(res?.[0]?.[1] ?? 0);
    const ttl = Number(res?.[2]?.[1] ?? windowSeconds * 1000);
    return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}rl:${key}`);
  }

  async add(key: string, amount: number, windowSeconds: number): Promise<number> {
    const k = `${this.prefix}rl:${key}`;
    const res = await this.redis
      .multi()
      .incrby(k, amount)
      .pexpire(k, windowSeconds * 1000, 'NX')
      .exec();
    return Number(res?.[0]?.[1] ?? 0);
  }

  async get(key: string): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}rl:${key}`)) ?? 0);
  }
}

/**
 * Redis counters while Redis answers, in-process counters while it does not: limits keep
 * holding during an outage, per instance instead of per installation (reported by /readyz).
 * Counts made during the outage stay in this process and expire with their windows.
 */
export class FallbackRateLimiter implements RateLimiter {
  private readonly local = new MemoryRateLimiter();

  constructor(
    private readonly redis: RedisRateLimiter,
    private readonly isUp: () => boolean,
  ) {}

  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.isUp()) return local();
    try {
      return await shared();
    } catch (err) {
      // Lost mid-command: the command failed fast (no offline queue, no retries); count here.
      if (isRedisOutage(err)) return local();
      throw err;
    }
  }

  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    return this.either(
      () => this.redis.hit(key, limit, windowSeconds),
      () => this.local.hit(key, limit, windowSeconds),
    );
  }

  async reset(key: string): Promise<void> {
    // Both: a count made during an outage must not outlive the reset either.
    await this.local.reset(key);
    await this.either(
      () => this.redis.reset(key),
      async () => undefined,
    );
  }

  add(key: string, amount: number, windowSeconds: number): Promise<number> {
    return this.either(
      () => this.redis.add(key, amount, windowSeconds),
      () => this.local.add(key, amount, windowSeconds),
    );
  }

  get(key: string): Promise<number> {
    return this.either(
      () => this.redis.get(key),
      () => this.local.get(key),
    );
  }
}
