import type { Redis } from 'ioredis';
import type { ProviderRateLimits } from './rate-limit-headers.js';

const TTL_SECONDS = 600;

/**
 * The latest rate limits each provider reported. Shared through Redis when configured, so every
 * instance shows the same numbers; kept in process otherwise, and while Redis is unreachable
 * (this instance then shows what it saw itself: the numbers are informational).
 */
export class ProviderRateLimitStore {
  private readonly local = new Map<string, ProviderRateLimits>();

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
  ) {}

  private get shared(): Redis | undefined {
    return this.redis?.status === 'ready' ? this.redis : undefined;
  }

  async set(providerId: string, limits: ProviderRateLimits): Promise<void> {
    this.local.set(providerId, limits);
    await this.shared
      ?.set(`${this.prefix}provider-limits:${providerId}`, JSON.stringify(limits), 'EX', TTL_SECONDS)
      .catch(() => undefined);
  }

  async get(providerId: string): Promise<ProviderRateLimits | null> {
    const shared = this.shared;
    if (shared) {
      const raw = await shared.get(`${this.prefix}provider-limits:${providerId}`).catch(() => undefined);
      if (raw !== undefined) return raw ? (JSON.parse(raw) as ProviderRateLimits) : null;
    }
    return this.local.get(providerId) ?? null;
  }
}
