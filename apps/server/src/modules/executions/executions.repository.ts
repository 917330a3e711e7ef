import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { executionRollupsHourly, executions, LATENCY_BUCKETS_MS, models } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type ExecutionRow = typeof executions.$inferSelect;
export type NewExecutionRow = typeof executions.$inferInsert;
export type RollupRow = typeof executionRollupsHourly.$inferSelect;
type FinishedRow = NewExecutionRow & Required<Pick<NewExecutionRow, 'status' | 'createdAt'>>;

/** Records a run as it starts; a no-op if it was already recorded (it never overwrites an ending). */
export async function insertRunning(db: Executor, values: NewExecutionRow): Promise<void> {
  await db.insert(executions).values(values).onConflictDoNothing({ target: executions.id });
}

/**
 * Stores a run's outcome in one statement. The hourly rollup follows in the same statement (a
 * trigger, migration 0008): a run the reconciler had already marked `interrupted` (its process
 * stalled past the heartbeat limit) moves from that count to its real ending, so every run is
 * counted once. No lock is held across a round trip, which matters when many runs end at once.
 */
export async function finishExecution(db: Executor, values: FinishedRow): Promise<ExecutionRow> {
  const { id: _id, orgId: _org, createdAt: _created, ...rest } = values;
  const [row] = await db
    .insert(executions)
    .values(values)
    .onConflictDoUpdate({ target: executions.id, set: rest })
    .returning();
  return row!;
}

/** The latency histogram bucket of a run (the rollup trigger computes the same in SQL). */
export function latencyBucket(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
}

export interface RunHeartbeat {
  id: string;
  output: string;
  inputTokens: number;
  outputTokens: number;
}

/** Marks this process's runs alive and saves their output and token counts so far. */
export async function heartbeat(db: Executor, runs: RunHeartbeat[]): Promise<void> {
  const values = runs.map((r) => ({ id: r.id, output: r.output, it: r.inputTokens, ot: r.outputTokens }));
  await db.execute(sql`
    UPDATE executions e SET heartbeat_at = now(), output = v.output, input_tokens = v.it, output_tokens = v.ot
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id uuid, output text, it int, ot int)
    WHERE e.id = v.id AND e.status = 'running'`);
}

/**
 * Marks runs whose process stopped heartbeating before `staleBefore` as `interrupted`, with the
 * output and tokens of their last heartbeat (cost at the model's prices), and adds them to their
 * rollups. At most `limit` per call; rows another reconciler holds are skipped.
 */
export async function interruptStale(
  db: Executor,
  staleBefore: Date,
  limit: number,
): Promise<ExecutionRow[]> {
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: executions.id })
      .from(executions)
      .where(and(eq(executions.status, 'running'), lt(executions.heartbeatAt, staleBefore)))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (stale.length === 0) return [];
    const rows = await tx
      .update(executions)
      .set({
        status: 'interrupted',
        error:
          'The server running this call stopped before it finished; output and tokens are what it had seen',
        finishedAt: sql`${executions.heartbeatAt}`,
        latencyMs: sql`greatest(0, floor(extract(epoch from (${executions.heartbeatAt} - ${executions.createdAt})) * 1000))::int`,
        costUsd: sql`coalesce((
          SELECT (${executions.inputTokens} * m.input_price_per_mtok + ${executions.outputTokens} * m.output_price_per_mtok) / 1000000
          FROM ${models} m WHERE m.id = ${executions.modelId}), 0)`,
        heartbeatAt: null,
      })
      .where(
        inArray(
          executions.id,
          stale.map((s) => s.id),
        ),
      )
      .returning();
    return rows;
  });
}

/**
 * Deletes up to `limit` of an organization's runs created before `before` (finished ones only);
 * returns how many. Per organization so each batch walks the (org_id, created_at) index instead of
 * sorting the whole table by time.
 */
export async function deleteBefore(
  db: Executor,
  orgId: string,
  before: Date,
  limit: number,
): Promise<number> {
  const { rows } = await db.execute(sql`
    WITH doomed AS (
      SELECT id FROM executions
      WHERE org_id = ${orgId} AND created_at < ${before.toISOString()} AND status <> 'running'
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    DELETE FROM executions e USING doomed WHERE e.id = doomed.id RETURNING e.id`);
  return rows.length;
}

export async function listRollups(
  db: Executor,
  orgId: string,
  range: { from: Date; to: Date },
): Promise<RollupRow[]> {
  return db
    .select()
    .from(executionRollupsHourly)
    .where(
      and(
        tenantFilter(executionRollupsHourly, orgId),
        sql`${executionRollupsHourly.hour} >= ${range.from.toISOString()}`,
        lt(executionRollupsHourly.hour, range.to),
      ),
    )
    .orderBy(executionRollupsHourly.hour);
}

export async function findExecution(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(tenantFilter(executions, orgId), eq(executions.id, id)))
    .limit(1);
  return row;
}

export async function listExecutions(
  db: Executor,
  orgId: string,
  opts: {
    promptName?: string | undefined;
    source?: ExecutionRow['source'] | undefined;
    status?: ExecutionRow['status'] | undefined;
    before?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ExecutionRow[]> {
  const conds: SQL[] = [tenantFilter(executions, orgId)];
  if (opts.promptName) conds.push(eq(executions.promptName, opts.promptName));
  if (opts.source) conds.push(eq(executions.source, opts.source));
  if (opts.status) conds.push(eq(executions.status, opts.status));
  if (opts.before) {
    conds.push(
      or(
        lt(executions.createdAt, opts.before.createdAt),
        and(eq(executions.createdAt, opts.before.createdAt), lt(executions.id, opts.before.id)),
      )!,
    );
  }
  return db
    .select()
    .from(executions)
    .where(and(...conds))
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(opts.limit);
}

export async function findExecutions(db: Executor, orgId: string, ids: string[]): Promise<ExecutionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(executions)
    .where(and(tenantFilter(executions, orgId), inArray(executions.id, ids)));
}
