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
 * Stores a run's outcome and adds it to its hourly rollup, in one transaction. A run the
 * reconciler had already marked `interrupted` (its process stalled past the heartbeat limit) is
 * taken out of that rollup again, so every run is counted once, with its real ending.
 */
export async function finishExecution(db: Executor, values: FinishedRow): Promise<ExecutionRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(executions).where(eq(executions.id, values.id!)).for('update');
    if (before && before.status !== 'running') await addToRollup(tx, before, -1);
    const { id: _id, orgId: _org, createdAt: _created, ...rest } = values;
    const [row] = await tx
      .insert(executions)
      .values(values)
      .onConflictDoUpdate({ target: executions.id, set: rest })
      .returning();
    await addToRollup(tx, row!, 1);
    return row!;
  });
}

export function latencyBucket(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
}

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

/** Adds (sign 1) or removes (sign -1) one finished run's numbers to its hourly rollup. */
async function addToRollup(
  tx: Executor,
  r: Pick<
    ExecutionRow,
    | 'orgId'
    | 'createdAt'
    | 'source'
    | 'promptName'
    | 'promptVersion'
    | 'model'
    | 'status'
    | 'inputTokens'
    | 'outputTokens'
    | 'costUsd'
    | 'latencyMs'
  >,
  sign: 1 | -1,
): Promise<void> {
  const buckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  buckets[latencyBucket(r.latencyMs)] = sign;
  const count = (status: ExecutionRow['status']) => (r.status === status ? sign : 0);
  await tx.execute(sql`
    INSERT INTO execution_rollups_hourly AS t (org_id, hour, source, prompt_name, prompt_version, model,
      runs, failed, cancelled, interrupted, input_tokens, output_tokens, cost_usd, latency_ms_sum, latency_buckets)
    VALUES (${r.orgId}, ${hourOf(r.createdAt).toISOString()}, ${r.source}, ${r.promptName ?? ''},
      ${r.promptVersion ?? 0}, ${r.model}, ${sign}, ${count('failed')}, ${count('cancelled')},
      ${count('interrupted')}, ${sign * r.inputTokens}, ${sign * r.outputTokens},
      ${sign}::numeric * ${r.costUsd}::numeric, ${sign * r.latencyMs}, ${`{${buckets.join(',')}}`}::int[])
    ON CONFLICT (org_id, hour, source, prompt_name, prompt_version, model) DO UPDATE SET
      runs = t.runs + excluded.runs,
      failed = t.failed + excluded.failed,
      cancelled = t.cancelled + excluded.cancelled,
      interrupted = t.interrupted + excluded.interrupted,
      input_tokens = t.input_tokens + excluded.input_tokens,
      output_tokens = t.output_tokens + excluded.output_tokens,
      cost_usd = t.cost_usd + excluded.cost_usd,
      latency_ms_sum = t.latency_ms_sum + excluded.latency_ms_sum,
      latency_buckets = (
        SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
        FROM unnest(t.latency_buckets, excluded.latency_buckets) WITH ORDINALITY AS u(a, b, i))`);
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
    for (const row of rows) await addToRollup(tx, row, 1);
    return rows;
  });
}

/** Deletes up to `limit` runs created before `before` (finished ones only); returns how many. */
export async function deleteBefore(db: Executor, before: Date, limit: number): Promise<number> {
  const { rows } = await db.execute(sql`
    WITH doomed AS (
      SELECT id FROM executions WHERE created_at < ${before.toISOString()} AND status <> 'running'
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
