import type { Role } from '@promptops/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database, Db } from './db/database.js';
import type { SecretBox } from './crypto.js';
import type { RateLimiter } from './rate-limit.js';
import type { AppMetrics } from './metrics.js';
import type { LlmGateway } from './llm/gateway.js';
import type { EgressPolicy } from './egress.js';
import type { TtlCache } from './ttl-cache.js';
import type { VerifiedAccessClaims } from './access-token.js';
import type { Mailer } from './mailer.js';
import type { EventBus } from './events/event-bus.js';
import type { RedisWatch } from './redis.js';

/** The long-lived parts every service may use; built once at start-up. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  secrets: SecretBox;
  jwtKey: Uint8Array;
  rateLimiter: RateLimiter;
  redis: Redis | undefined;
  /** The shared connection's state (for /readyz); undefined without REDIS_URL. */
  redisWatch: RedisWatch | undefined;
  metrics: AppMetrics;
  llm: LlmGateway;
  /** Published platform events (Redis pub/sub across processes, in-process when embedded). */
  events: EventBus;
  /** The policy every outbound URL is checked against (SSRF protection). */
  egress: EgressPolicy;
  /**
   * Hot-path lookups (API keys by hash, members' roles, models by id); writers on this instance
   * invalidate them at once, other instances when the change's event reaches them (API keys and
   * roles) or within the TTL.
   */
  caches: {
    apiKeys: TtlCache<ApiKeyRecord | null>;
    /** Access tokens whose signature and claims were checked, by token. */
    accessTokens: TtlCache<VerifiedAccessClaims>;
    memberships: TtlCache<Role>;
    models: TtlCache<unknown>;
    /** A prompt's running experiment (or null for none), by org and prompt name. */
    experiments: TtlCache<unknown>;
    /** (experiment, subject) pairs this process has recorded as served. */
    exposures: TtlCache<true>;
  };
  mailer: Mailer;
  log: Logger;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  orgId: string;
  role: 'admin' | 'editor' | 'viewer';
  lastUsedAt: Date | null;
}
