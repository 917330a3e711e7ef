import { z } from 'zod';
import { defaultWebDir } from './paths.js';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PROMPTOPS_DATA_DIR: z.string().min(1).default('./.promptops'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z.string().default('promptops:'),
  PROMPTOPS_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be 32 random bytes, base64 encoded (openssl rand -base64 32)')
    .optional(),
  PROMPTOPS_PREVIOUS_MASTER_KEYS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(
            (k) => Buffer.from(k, 'base64').length === 32,
            'each key must be 32 bytes, base64 encoded (comma-separated)',
          ),
      ),
    ),
  HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  HEALTH_CHECK_PROBE: z.enum(['models', 'completion']).default('models'),
  REGRESSION_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(86_400_000)
    .default(3_600_000)
    .describe("How often each prompt's newest version is compared with the one before it for regressions"),
  WEBHOOK_DISPATCH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(3_600_000)
    .default(5_000)
    .describe('How often new events become webhook deliveries and due deliveries are sent'),
  JOBS_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  RUN_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(5_000)
    .describe('How often a process marks its in-flight LLM runs alive (and saves their output so far)'),
  EXECUTIONS_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_500)
    .optional()
    .describe('Delete recorded runs older than this many days (hourly rollups are kept); unset keeps them'),
  EVALUATION_PROVIDER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(20)
    .describe(
      'Evaluation calls one worker process sends to one provider at the same time, over all evaluations',
    ),
  EMBEDDING_MODELS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Directory of local sentence-transformers models (ONNX) that semantic-similarity evaluators name; default <data dir>/models',
    ),
  JOBS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  PROMPTOPS_WEB_DIR: z.string().default(defaultWebDir),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional()
    .describe('The address users open the app at, for links in emails; default http://localhost:PORT'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).default('PromptOps <no-reply@localhost>'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  PROMPT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  PROMPT_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
  LOG_LEVEL: LogLevel.default('info'),
  LOG_SLOW_REQUEST_MS: z.coerce.number().min(0).default(1000),
  LOG_REQUEST_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.01),
  LOG_SYNC: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Whether outbound calls (provider base URLs, later webhooks and HTTP tools) may reach private,
   * loopback and other internal addresses. On by default for the embedded, single-user start
   * (local models, the mock); shared and container deployments set it to false. Cloud metadata
   * and link-local addresses are refused either way.
   */
  PROMPTOPS_EGRESS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
  SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
  SIGNUP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
});

export type Config = z.output<typeof Env>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** Reads and validates configuration from the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
