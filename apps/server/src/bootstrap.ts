import pino, { type Logger } from 'pino';
import { ConfigError, type Config } from './config.js';
import type { AppContext } from './platform/app-context.js';
import { SecretBox, deriveKey, masterKeyFromBase64 } from './platform/crypto.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { runMigrations } from './platform/db/migrate.js';
import { loggerOptions } from './platform/logger.js';
import { createMetrics } from './platform/metrics.js';
import { FallbackRateLimiter, MemoryRateLimiter, RedisRateLimiter } from './platform/rate-limit.js';
import { connectRedis, RedisWatch } from './platform/redis.js';
import { loadOrCreateMasterKey } from './platform/master-key.js';
import { LlmGateway } from './platform/llm/gateway.js';
import { EgressPolicy } from './platform/egress.js';
import { releaseAuditSigner, useAuditSigner } from './modules/audit/audit-checkpoint.js';
import { TtlCache } from './platform/ttl-cache.js';
import { createMailer } from './platform/mailer.js';
import { InProcessEventBus, RedisEventBus } from './platform/events/event-bus.js';

const HOT_CACHE_TTL_MS = 10_000;

export interface ContextOptions {
  /** Embedded database location override (tests use `memory://`). */
  embeddedLocation?: string;
  /** Embedded only: a data directory dump to start from (tests load a migrated template). */
  embeddedSeed?: Blob;
  migrate?: boolean;
  logger?: Logger;
}

/** Opens the database (running migrations), Redis and the key material: everything a server needs. */
export async function createAppContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  // Asynchronous writes by default keep log output off the request path; pino flushes what is
  // buffered when the process exits. LOG_SYNC=true writes each line before going on.
  const log =
    opts.logger ??
    pino(loggerOptions(config.LOG_LEVEL), pino.destination({ dest: 1, sync: config.LOG_SYNC }));
  if (config.DATABASE_URL && !config.PROMPTOPS_MASTER_KEY) {
    // A key generated into one machine's data folder would leave every other server (and this
    // one, after losing the folder) unable to decrypt the shared database's secrets.
    throw new ConfigError([
      'PROMPTOPS_MASTER_KEY: is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`; ' +
        'if an earlier start generated one, copy it from master.key in PROMPTOPS_DATA_DIR)',
    ]);
  }
  // First, and unreachable is fatal: one clear line at once rather than after opening and
  // migrating the database (see docs/operations.md, "Redis outages").
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : undefined;
  const redisWatch = redis
    ? new RedisWatch(redis, log.child({ component: 'redis' }), {
        name: 'shared',
        whileDown:
          'rate limits count per instance, jobs are claimed from the database, events reach this process only ' +
          '(other processes replay them from the outbox); see /readyz',
      })
    : undefined;
  let database: Database;
  try {
    database = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: opts.embeddedLocation ?? config.PROMPTOPS_DATA_DIR,
      embeddedSeed: opts.embeddedSeed,
      poolSize: config.DATABASE_POOL_SIZE,
    });
  } catch (err) {
    redis?.disconnect();
    throw err;
  }
  try {
    if (opts.migrate !== false) await runMigrations(database);
    const master = masterKeyFromBase64(
      await loadOrCreateMasterKey(config.PROMPTOPS_MASTER_KEY, config.PROMPTOPS_DATA_DIR),
    );
    const metrics = createMetrics();
    const egress = new EgressPolicy({ allowPrivate: config.PROMPTOPS_EGRESS_ALLOW_PRIVATE });
    const llm = new LlmGateway(egress, redis, config.REDIS_PREFIX);
    // Counted per state: provider (tenant) ids stay out of the metrics.
    const circuitStates = new Map<string, string>();
    llm.breakers.onChange = (providerId, state) => {
      circuitStates.set(providerId, state);
      for (const s of ['closed', 'half-open', 'open']) {
        metrics.circuits.set({ state: s }, [...circuitStates.values()].filter((v) => v === s).length);
      }
    };
    // Previous keys still decrypt until `promptops keys rotate` has re-encrypted everything.
    const secrets = new SecretBox(master, config.PROMPTOPS_PREVIOUS_MASTER_KEYS.map(masterKeyFromBase64));
    useAuditSigner(secrets);
    return {
      config,
      database,
      db: database.db,
      secrets,
      jwtKey: new Uint8Array(deriveKey(master.key, 'jwt')),
      rateLimiter: redisWatch
        ? new FallbackRateLimiter(
            new RedisRateLimiter(redisWatch.client, config.REDIS_PREFIX),
            () => redisWatch.up,
          )
        : new MemoryRateLimiter(),
      redis,
      redisWatch,
      metrics,
      llm,
      events: redis
        ? new RedisEventBus(redis, config.REDIS_PREFIX, log.child({ component: 'events' }))
        : new InProcessEventBus(log.child({ component: 'events' })),
      egress,
      // Another instance may serve an old price for at most this long; revoked keys and changed
      // roles reach it on the event bus (the TTL bounds staleness while the bus is down).
      caches: {
        apiKeys: new TtlCache(HOT_CACHE_TTL_MS),
        accessTokens: new TtlCache(HOT_CACHE_TTL_MS),
        memberships: new TtlCache(HOT_CACHE_TTL_MS),
        models: new TtlCache(HOT_CACHE_TTL_MS),
        experiments: new TtlCache(HOT_CACHE_TTL_MS),
        exposures: new TtlCache(10 * 60_000, 100_000),
      },
      mailer: createMailer(config, log),
      log,
    };
  } catch (err) {
    redis?.disconnect();
    await database.close();
    throw err;
  }
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  releaseAuditSigner(ctx.secrets);
  await ctx.llm.close();
  ctx.mailer.close();
  await ctx.events.close();
  ctx.redis?.disconnect();
  await ctx.database.close();
}
