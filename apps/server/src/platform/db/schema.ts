import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  integer,
  numeric,
  index,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  emailVerifiedAt: tstz('email_verified_at'),
  createdAt: createdAt(),
});

/**
 * One-time links sent to a user (password reset, email verification): stored as a hash, single
 * use (usedAt), short-lived. `issuedBy` is the admin who created a reset link by hand.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password_reset', 'email_verification'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId, t.purpose)],
);

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'editor', 'viewer'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'editor', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    // One open invitation per person and organization.
    uniqueIndex('invitations_open_uq')
      .on(t.orgId, t.email)
      .where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    /** Hash of the address and user agent that rotated the token (the reuse grace compares it). */
    usedByClient: text('used_by_client'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'editor', 'viewer'] }).notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [index('api_keys_org_idx').on(t.orgId)],
);

/**
 * Append-only (a trigger rejects UPDATE, DELETE and TRUNCATE) and hash-chained per organization:
 * each row's hash covers its content and the previous row's hash in the same chain. Events
 * without an organization (e.g. a failed login for an unknown email) form their own chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: tstz('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_uq').on(
      sql`coalesce(${t.orgId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.seq,
    ),
    index('audit_events_org_at_idx').on(t.orgId, t.at),
  ],
);

/**
 * The signed head of each audit chain (org id, or the nil uuid for events without an
 * organization), updated in the same transaction as every audit write. Kept outside the chain so
 * deleting the newest rows, or rewriting one and re-hashing the rest, no longer verifies.
 * `signature` is an HMAC under a key derived from the master key; it is null only for chains that
 * existed before checkpoints, until the next start signs them.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  chainId: uuid('chain_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  signature: text('signature'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * A user's own security log (sign-ins, failed sign-ins, session events): visible to that user
 * only, never to the organizations they belong to.
 */
export const userSecurityEvents = pgTable(
  'user_security_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    at: tstz('at').notNull().defaultNow(),
    action: text('action').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('user_security_events_user_at_idx').on(t.userId, t.at)],
);

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', {
      enum: ['openai', 'anthropic', 'huggingface', 'openai-compatible', 'mock'],
    }).notNull(),
    baseUrl: text('base_url'),
    /** AES-256-GCM envelope (see SecretBox); never returned by the API. */
    apiKeyCiphertext: text('api_key_ciphertext'),
    keyHint: text('key_hint'),
    /** Custom header values (often credentials): one envelope holding a JSON object, like the key. */
    headersCiphertext: text('headers_ciphertext'),
    /** Header names with hints, so listing providers needs no decryption. */
    headerHints: jsonb('header_hints').$type<{ name: string; hint: string | null }[]>().notNull().default([]),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('providers_org_name_uq').on(t.orgId, t.name)],
);

export const models = pgTable(
  'models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    /** USD per million tokens, exact decimals. */
    inputPricePerMTok: numeric('input_price_per_mtok', { precision: 18, scale: 6 }).notNull(),
    outputPricePerMTok: numeric('output_price_per_mtok', { precision: 18, scale: 6 }).notNull(),
    contextWindow: integer('context_window'),
    active: boolean('active').notNull().default(true),
    /** Per-model options: unsupported parameters, request/token limits per minute. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('models_provider_name_uq').on(t.providerId, t.name),
    index('models_org_idx').on(t.orgId),
  ],
);

export const prompts = pgTable(
  'prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    type: text('type', { enum: ['text', 'chat'] }).notNull(),
    latestVersion: integer('latest_version').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('prompts_org_name_uq').on(t.orgId, t.name)],
);

/** Immutable: a version row is never updated; a change is a new version. */
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    template: text('template'),
    messages: jsonb('messages').$type<{ role: string; content: string }[]>(),
    variables: jsonb('variables').$type<Record<string, unknown>[]>().notNull().default([]),
    modelId: uuid('model_id').references(() => models.id, { onDelete: 'set null' }),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    commitMessage: text('commit_message'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('prompt_versions_prompt_version_uq').on(t.promptId, t.version)],
);

export const promptLabels = pgTable(
  'prompt_labels',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    version: integer('version').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.promptId, t.label] })],
);

/** Where a run came from: every LLM call goes through the gateway and is recorded with it. */
export const EXECUTION_SOURCES = ['playground', 'api', 'evaluation', 'workflow', 'openai'] as const;
export const EXECUTION_STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;

/**
 * One LLM call. Recorded `running` when it starts (the gateway heartbeats it while it streams),
 * finished with its outcome, or marked `interrupted` by the reconciler when the process that ran
 * it died.
 */
export const executions = pgTable(
  'executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptName: text('prompt_name'),
    promptVersion: integer('prompt_version'),
    promptVersionId: uuid('prompt_version_id').references(() => promptVersions.id, { onDelete: 'set null' }),
    modelId: uuid('model_id').references(() => models.id, { onDelete: 'set null' }),
    model: text('model').notNull(),
    providerType: text('provider_type').notNull(),
    status: text('status', { enum: EXECUTION_STATUSES }).notNull(),
    source: text('source', { enum: EXECUTION_SOURCES }).notNull().default('playground'),
    /** The run this call belongs to (an evaluation or workflow run), when it belongs to one. */
    parentType: text('parent_type', { enum: ['evaluation', 'workflow'] }),
    parentId: uuid('parent_id'),
    /** The experiment (and its variant) that chose this call's prompt version. */
    experimentId: uuid('experiment_id'),
    experimentVariant: text('experiment_variant'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    output: text('output').notNull().default(''),
    /** Tools the model called in its answer (null when it called none). */
    toolCalls: jsonb('tool_calls').$type<{ id: string; name: string; arguments: string }[]>(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    latencyMs: integer('latency_ms').notNull(),
    ttftMs: integer('ttft_ms'),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
    /** Set when `error` is the provider's own response body (trimmed): shown only to admins. */
    upstreamStatus: integer('upstream_status'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
    /** Last sign of life from the process running it (only meaningful while `running`). */
    heartbeatAt: tstz('heartbeat_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('executions_org_created_idx').on(t.orgId, t.createdAt),
    index('executions_org_prompt_created_idx').on(t.orgId, t.promptName, t.createdAt),
    index('executions_parent_idx')
      .on(t.parentType, t.parentId)
      .where(sql`${t.parentId} is not null`),
    index('executions_running_idx')
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
  ],
);

/**
 * Upper bounds (ms) of the latency histogram's buckets (the E12 series, each bucket ≤ 22 % wider
 * than the one before above 10 ms, so a percentile interpolated inside a bucket is close); the
 * last bucket takes everything above.
 */
export const LATENCY_BUCKETS_MS = [
  2, 5, 10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82, 100, 120, 150, 180, 220, 270, 330, 390, 470, 560, 680,
  820, 1000, 1200, 1500, 1800, 2200, 2700, 3300, 3900, 4700, 5600, 6800, 8200, 10_000, 12_000, 15_000, 18_000,
  22_000, 27_000, 33_000, 39_000, 47_000, 56_000, 68_000, 82_000, 100_000, 120_000, 150_000, 180_000, 220_000,
  270_000, 330_000, 390_000, 470_000, 560_000, 680_000,
] as const;

/** Stands for "no model" in the rollups' key (a run whose model was deleted keeps its name). */
export const NO_MODEL_ID = '00000000-0000-0000-0000-000000000000';

/** The key (after the time) and the sums of a rollup row, the same for hourly and daily rollups. */
function rollupColumns() {
  return {
    source: text('source', { enum: EXECUTION_SOURCES }).notNull(),
    promptName: text('prompt_name').notNull(),
    promptVersion: integer('prompt_version').notNull(),
    modelId: uuid('model_id').notNull().default(NO_MODEL_ID),
    model: text('model').notNull(),
    runs: integer('runs').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    interrupted: integer('interrupted').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    latencyMsSum: bigint('latency_ms_sum', { mode: 'number' }).notNull().default(0),
    latencyBuckets: integer('latency_buckets').array().notNull(),
  };
}

/**
 * Finished runs summed per hour, org, source, prompt version and model, kept current in the same
 * transaction that finishes each run: dashboards read these, never the raw runs. A run without a
 * prompt has promptName '' and promptVersion 0; a run without a model id has NO_MODEL_ID.
 * `latencyBuckets` counts runs per LATENCY_BUCKETS_MS bucket (one more entry for the overflow).
 */
export const executionRollupsHourly = pgTable(
  'execution_rollups_hourly',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    hour: tstz('hour').notNull(),
    ...rollupColumns(),
  },
  (t) => [
    // Its leading columns serve the dashboards' "org over a time range" reads.
    primaryKey({ columns: [t.orgId, t.hour, t.source, t.promptName, t.promptVersion, t.modelId, t.model] }),
  ],
);

/**
 * The same sums per UTC day, kept by the same trigger in the same statement as the hourly row, so
 * a day's row always equals the sum of its 24 hourly rows. Reads over whole days use these: about
 * 24 times fewer rows (and latency histograms to add up) than the hourly ones.
 */
export const executionRollupsDaily = pgTable(
  'execution_rollups_daily',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: tstz('day').notNull(),
    ...rollupColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.source, t.promptName, t.promptVersion, t.modelId, t.model] }),
  ],
);

/** Results of provider health probes, kept for 7 days. */
export const providerHealthChecks = pgTable(
  'provider_health_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id').references(() => models.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['healthy', 'degraded', 'down'] }).notNull(),
    latencyMs: integer('latency_ms'),
    error: text('error'),
    /** Set when `error` carries the provider's own response body: shown only to admins. */
    upstreamStatus: integer('upstream_status'),
    checkedAt: tstz('checked_at').notNull().defaultNow(),
  },
  (t) => [
    index('provider_health_checks_provider_idx').on(t.providerId, t.checkedAt),
    index('provider_health_checks_checked_idx').on(t.checkedAt),
  ],
);

/**
 * Durable background jobs: the row is the job. `enqueue` writes it in the caller's transaction;
 * runners claim it (status `running` with a lease that heartbeats extend) and finish it. A lease
 * that expires means the worker died: the reconciler puts the job back in the queue.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organization the job works for; null for installation-wide jobs. */
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    progressTotal: integer('progress_total').notNull().default(0),
    progressDone: integer('progress_done').notNull().default(0),
    progressFailed: integer('progress_failed').notNull().default(0),
    /** When the job was meant to run (the interval's start for repeating jobs). */
    scheduledAt: tstz('scheduled_at').notNull().defaultNow(),
    /** Not before this time (backoff after a failed attempt). */
    runAt: tstz('run_at').notNull().defaultNow(),
    /** Repeating jobs: one row per interval (`repeat:<kind>:<epoch ms>`). */
    dedupeKey: text('dedupe_key').unique(),
    /** Last hand-over to the queue transport (BullMQ); re-dispatched when it goes stale. */
    dispatchedAt: tstz('dispatched_at'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: tstz('lease_expires_at'),
    cancelRequestedAt: tstz('cancel_requested_at'),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('jobs_ready_idx')
      .on(t.queue, t.runAt)
      .where(sql`status = 'queued'`),
    index('jobs_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`status = 'running'`),
    index('jobs_finished_idx').on(t.finishedAt),
    index('jobs_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

/** Items a job has finished, one row per item key: a resumed run skips them. */
export const jobItems = pgTable(
  'job_items',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    status: text('status', { enum: ['done', 'failed'] }).notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.key] })],
);

/** Publication order of outbox events: assigned by the relay, so it follows commit order. */
export const outboxSeq = pgSequence('outbox_seq');

/**
 * The outbox: events written in the same transaction as the change they describe. The relay
 * gives committed rows their public id (`seq`, increasing in publication order) and publishes
 * them to the event bus; consumers replay from an id with `seq > id`.
 */
export const outbox = pgTable(
  'outbox',
  {
    /** Insertion order (not visible to consumers: transactions commit out of this order). */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    seq: bigint('seq', { mode: 'number' }).unique(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    publishedAt: tstz('published_at'),
  },
  (t) => [
    index('outbox_unsequenced_idx')
      .on(t.id)
      .where(sql`seq IS NULL`),
    index('outbox_unpublished_idx')
      .on(t.seq)
      .where(sql`seq IS NOT NULL AND published_at IS NULL`),
    index('outbox_org_seq_idx').on(t.orgId, t.seq),
    index('outbox_created_idx').on(t.createdAt),
  ],
);

/**
 * A dataset: reference items for evaluations. `version` counts changes to its items; a deleted
 * dataset is hidden (`deletedAt`) but its items stay, so evaluations that used it remain readable.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    version: integer('version').notNull().default(0),
    itemCount: integer('item_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    uniqueIndex('datasets_org_name_uq')
      .on(t.orgId, t.name)
      .where(sql`deleted_at IS NULL`),
    index('datasets_org_updated_idx').on(t.orgId, t.updatedAt),
  ],
);

/**
 * Dataset items as a history: a row holds one item's content from dataset version `validFrom`
 * until `validTo` (exclusive; null = still current). Editing an item closes its row and adds a
 * new one with the same `itemId` and `position`; deleting closes it. Reading version N takes
 * the rows with validFrom ≤ N < validTo, in `position` (insertion) order.
 */
export const datasetItems = pgTable(
  'dataset_items',
  {
    rowId: bigserial('row_id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().defaultRandom(),
    /** Insertion order, kept by edits. */
    position: bigint('position', { mode: 'number' }).notNull(),
    input: jsonb('input').$type<Record<string, string | number | boolean | null>>().notNull(),
    expected: text('expected'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    sourceExecutionId: uuid('source_execution_id'),
    validFrom: integer('valid_from').notNull(),
    validTo: integer('valid_to'),
    /** When the item was first added (kept by edits). */
    createdAt: createdAt(),
  },
  (t) => [
    index('dataset_items_current_idx')
      .on(t.datasetId, t.position)
      .where(sql`valid_to IS NULL`),
    index('dataset_items_history_idx').on(t.datasetId, t.position, t.validFrom),
    index('dataset_items_item_idx').on(t.itemId, t.validFrom),
  ],
);

export const EVALUATION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A batch evaluation: variants × dataset items × repetitions, run as a durable job. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('queued'),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    datasetVersion: integer('dataset_version').notNull(),
    /** The variants as resolved at creation (prompt version id, model id, params). */
    variants: jsonb('variants').$type<Record<string, unknown>[]>().notNull(),
    evaluators: jsonb('evaluators').$type<Record<string, unknown>[]>().notNull(),
    repetitions: integer('repetitions').notNull(),
    concurrency: integer('concurrency').notNull(),
    maxCostUsd: numeric('max_cost_usd', { precision: 24, scale: 12 }),
    progressTotal: integer('progress_total').notNull().default(0),
    progressDone: integer('progress_done').notNull().default(0),
    progressFailed: integer('progress_failed').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    error: text('error'),
    /** Computed when the run ends (and refreshed while it runs). */
    summary: jsonb('summary').$type<Record<string, unknown>[]>().notNull().default([]),
    comparisons: jsonb('comparisons').$type<Record<string, unknown>[]>().notNull().default([]),
    jobId: uuid('job_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('evaluations_org_created_idx').on(t.orgId, t.createdAt),
    index('evaluations_dataset_idx').on(t.datasetId),
  ],
);

/** One (item, variant, repetition) of an evaluation, written exactly once. */
export const evaluationResults = pgTable(
  'evaluation_results',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    /** The item's position in the dataset: results list in dataset order. */
    itemPosition: bigint('item_position', { mode: 'number' }).notNull(),
    variant: integer('variant').notNull(),
    repetition: integer('repetition').notNull(),
    executionId: uuid('execution_id'),
    output: text('output'),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    scoreErrors: jsonb('score_errors').$type<Record<string, string>>().notNull().default({}),
    latencyMs: integer('latency_ms'),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.evaluationId, t.itemPosition, t.variant, t.repetition] }),
    index('evaluation_results_variant_idx').on(t.evaluationId, t.variant, t.itemPosition, t.repetition),
  ],
);

export const EXPERIMENT_STATUSES = ['running', 'stopped'] as const;

/**
 * An online A/B experiment on a stored prompt. `variants` are resolved when it starts (a label
 * becomes its version then), so every subject of a variant sees the same prompt version. At most
 * one experiment per prompt runs at a time (a partial unique index).
 */
export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    promptName: text('prompt_name').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status', { enum: EXPERIMENT_STATUSES }).notNull().default('running'),
    variants: jsonb('variants').$type<Record<string, unknown>[]>().notNull(),
    metric: jsonb('metric').$type<Record<string, unknown>>().notNull(),
    minSamples: integer('min_samples').notNull(),
    maxExpectedLoss: doublePrecision('max_expected_loss').notNull(),
    evaluationId: uuid('evaluation_id').references(() => evaluations.id, { onDelete: 'set null' }),
    evaluationScoreKey: text('evaluation_score_key'),
    winner: text('winner'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
    stoppedAt: tstz('stopped_at'),
  },
  (t) => [
    uniqueIndex('experiments_running_prompt_uq')
      .on(t.promptId)
      .where(sql`status = 'running'`),
    index('experiments_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

/** Subjects an experiment has served (first time seen), for its "subjects per variant" counts. */
export const experimentExposures = pgTable(
  'experiment_exposures',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    variant: text('variant').notNull(),
    firstSeenAt: tstz('first_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.subject] })],
);

/** One outcome per subject and experiment: posting again replaces the value. */
export const experimentOutcomes = pgTable(
  'experiment_outcomes',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    variant: text('variant').notNull(),
    value: doublePrecision('value').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.experimentId, t.subject] }),
    index('experiment_outcomes_variant_idx').on(t.experimentId, t.variant),
  ],
);

export const REGRESSION_METRICS = ['failure_rate', 'latency_p95', 'evaluation_score'] as const;

/**
 * A prompt version found worse than the version before it on one metric, once per (prompt,
 * version, metric): the dashboard flags open ones and the detection emits an event.
 */
export const regressionAlerts = pgTable(
  'regression_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptName: text('prompt_name').notNull(),
    version: integer('version').notNull(),
    previousVersion: integer('previous_version').notNull(),
    metric: text('metric', { enum: REGRESSION_METRICS }).notNull(),
    probability: doublePrecision('probability').notNull(),
    current: doublePrecision('current').notNull(),
    previous: doublePrecision('previous').notNull(),
    detail: text('detail').notNull(),
    detectedAt: tstz('detected_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('regression_alerts_uq').on(t.orgId, t.promptName, t.version, t.metric),
    index('regression_alerts_org_detected_idx').on(t.orgId, t.detectedAt),
  ],
);

/** Per-organization review rules: labels that move only through an approved review. */
export const reviewSettings = pgTable('review_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  protectedLabels: text('protected_labels')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  requiredApprovals: integer('required_approvals').notNull().default(1),
  evaluationGate: jsonb('evaluation_gate').$type<Record<string, unknown>>(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const REVIEW_STATUSES = ['open', 'merged', 'rejected', 'closed'] as const;

/**
 * A request to point a (protected) label at a version. It merges, moving the label in the same
 * transaction, once `requiredApprovals` people other than the author approved and the evaluation
 * gate (a snapshot of the settings' gate when it opened) passed.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    label: text('label').notNull(),
    baseVersion: integer('base_version'),
    description: text('description'),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('open'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorEmail: text('author_email'),
    authorApiKeyName: text('author_api_key_name'),
    requiredApprovals: integer('required_approvals').notNull(),
    gate: jsonb('gate').$type<Record<string, unknown>>(),
    evaluationId: uuid('evaluation_id').references(() => evaluations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    uniqueIndex('reviews_open_uq')
      .on(t.promptId, t.label, t.version)
      .where(sql`status = 'open'`),
    index('reviews_org_status_created_idx').on(t.orgId, t.status, t.createdAt),
    index('reviews_evaluation_idx').on(t.evaluationId),
  ],
);

export const REVIEW_ACTIVITY_KINDS = [
  'opened',
  'approved',
  'rejected',
  'commented',
  'rerequested',
  'merged',
  'closed',
] as const;

/** What happened on a review, oldest first. One approval per person (a partial unique index). */
export const reviewActivity = pgTable(
  'review_activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: several activities of one transaction share its timestamp. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REVIEW_ACTIVITY_KINDS }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    userEmail: text('user_email'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [
    index('review_activity_review_idx').on(t.reviewId, t.seq),
    uniqueIndex('review_activity_approval_uq')
      .on(t.reviewId, t.userId)
      .where(sql`kind = 'approved'`),
  ],
);

/** A read-only link to one prompt version; only the SHA-256 of its token is stored. */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email'),
    createdAt: createdAt(),
  },
  (t) => [index('share_links_prompt_idx').on(t.promptId, t.createdAt)],
);

/** Which prompts a version includes with {{> name}} (for "used by" and cycle checks). */
export const promptIncludes = pgTable(
  'prompt_includes',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => promptVersions.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    targetName: text('target_name').notNull(),
    reference: text('reference').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.reference] }),
    index('prompt_includes_target_idx').on(t.orgId, t.targetName),
  ],
);

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;

/** An outbound webhook; the secret is encrypted with the master key. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    format: text('format', { enum: WEBHOOK_FORMATS }).notNull().default('json'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    secretCiphertext: text('secret_ciphertext').notNull(),
    secretHint: text('secret_hint').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhooks_org_idx').on(t.orgId)],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;

/**
 * One event for one webhook. Created once per (webhook, event) — a unique key, so replaying the
 * outbox never sends an event twice — and retried with backoff until it succeeds or a day passes.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
    deliveredAt: tstz('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.webhookId, t.eventId),
    index('webhook_deliveries_webhook_created_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status IN ('pending', 'retrying')`),
  ],
);

/** How far a consumer of the outbox has read (`seq`), e.g. the webhook dispatcher. */
export const outboxCursors = pgTable('outbox_cursors', {
  name: text('name').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

// --- Workflows ---

export const WORKFLOW_RUN_STATUSES = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export const WORKFLOW_STEP_STATUSES = ['running', 'succeeded', 'failed', 'waiting', 'skipped'] as const;

export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    latestVersion: integer('latest_version').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workflows_org_name_uq').on(t.orgId, t.name)],
);

/** Immutable: a change to a workflow's graph is a new version. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<Record<string, unknown>>().notNull(),
    message: text('message'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workflow_versions_workflow_version_uq').on(t.workflowId, t.version)],
);

export const workflowLabels = pgTable(
  'workflow_labels',
  {
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    version: integer('version').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.label] })],
);

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    workflowName: text('workflow_name').notNull(),
    version: integer('version').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: WORKFLOW_RUN_STATUSES }).notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    output: jsonb('output').$type<unknown>(),
    error: text('error'),
    /** The human node the run waits at: `{nodeId, message}`. */
    waiting: jsonb('waiting').$type<{ nodeId: string; message: string }>(),
    /** A decision accepted by resume and not yet handed to the graph. */
    decision: jsonb('decision').$type<Record<string, unknown>>(),
    /** The job running the current attempt (a resume enqueues a new one). */
    jobId: uuid('job_id'),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
    endedAt: tstz('ended_at'),
  },
  (t) => [
    index('workflow_runs_org_created_idx').on(t.orgId, t.createdAt),
    index('workflow_runs_workflow_created_idx').on(t.workflowId, t.createdAt),
    index('workflow_runs_org_waiting_idx')
      .on(t.orgId, t.createdAt)
      .where(sql`status = 'waiting'`),
  ],
);

/** One row per visit of a node (a loop visits its body's nodes once per iteration). */
export const workflowRunSteps = pgTable(
  'workflow_run_steps',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    iteration: integer('iteration').notNull(),
    nodeType: text('node_type').notNull(),
    status: text('status', { enum: WORKFLOW_STEP_STATUSES }).notNull(),
    output: jsonb('output').$type<unknown>(),
    error: text('error'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    costUsd: numeric('cost_usd', { precision: 24, scale: 12 }).notNull().default('0'),
    executionId: uuid('execution_id'),
    startedAt: tstz('started_at').notNull().defaultNow(),
    endedAt: tstz('ended_at'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.nodeId, t.iteration] })],
);

/** Per-organization workflow settings: the hosts HTTP tool nodes may call. */
export const workflowSettings = pgTable('workflow_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  httpAllowedHosts: jsonb('http_allowed_hosts').$type<string[]>().notNull().default([]),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});
