import type { Redis } from 'ioredis';
import type { ProviderRateLimits } from './rate-limit-headers.js';

const TTL_SECONDS = 600;

/**
 * The latest rate limits each provider reported. Shared through Redis when configured, so every
 * instance shows the same numbers; kept in process otherwise.
 */
export class ProviderRateLimitStore {
  private readonly local = new Map<string, ProviderRateLimits>();

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
  ) {}

  async set(providerId: string, limits: ProviderRateLimits): Promise<void> {
    this.local.set(providerId, limits);
    if (this.redis)
      await this.redis.set(
        `${this.prefix}provider-limits:${providerId}`,
        JSON.stringify(limits),
        'EX',
        TTL_SECONDS,
      );
  }

  async get(providerId: string): Promise<ProviderRateLimits | null> {
    if (this.redis) {
      const raw = await this.redis.get(`${this.prefix}provider-limits:${providerId}`);
      return raw ? (JSON.parse(raw) as ProviderRateLimits) : null;
    }
    return this.local.get(providerId) ?? null;
  }
}
