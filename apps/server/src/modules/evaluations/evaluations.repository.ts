import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { datasetItems, datasets, evaluationResults, evaluations } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type NewEvaluationRow = typeof evaluations.$inferInsert;
export type ResultRow = typeof evaluationResults.$inferSelect;
export type NewResultRow = typeof evaluationResults.$inferInsert;

export type EvaluationWithDataset = EvaluationRow & { datasetName: string | null };

const ACTIVE = ['queued', 'running'] as const;

export async function insertEvaluation(db: Executor, row: NewEvaluationRow): Promise<EvaluationRow> {
  const [created] = await db.insert(evaluations).values(row).returning();
  return created!;
}

export async function setJobId(db: Executor, id: string, jobId: string): Promise<void> {
  await db.update(evaluations).set({ jobId }).where(eq(evaluations.id, id));
}

const withDataset = {
  evaluation: evaluations,
  datasetName: sql<string | null>`CASE WHEN ${datasets.deletedAt} IS NULL THEN ${datasets.name} END`,
};

function flatten(r: { evaluation: EvaluationRow; datasetName: string | null }): EvaluationWithDataset {
  return { ...r.evaluation, datasetName: r.datasetName };
}

export async function findEvaluation(
  db: Executor,
  orgId: string,
  id: string,
): Promise<EvaluationWithDataset | undefined> {
  const [row] = await db
    .select(withDataset)
    .from(evaluations)
    .leftJoin(datasets, eq(datasets.id, evaluations.datasetId))
    .where(and(tenantFilter(evaluations, orgId), eq(evaluations.id, id)));
  return row ? flatten(row) : undefined;
}

/** The evaluation as its job sees it (no tenant: the job carries the id it was given). */
export async function findForRun(db: Executor, id: string): Promise<EvaluationRow | undefined> {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.id, id));
  return row;
}

export async function listEvaluations(
  db: Executor,
  orgId: string,
  q: { datasetId?: string | undefined; status?: EvaluationRow['status'] | undefined; limit: number },
  before?: { createdAt: Date; id: string },
): Promise<EvaluationWithDataset[]> {
  const filters: SQL[] = [tenantFilter(evaluations, orgId)];
  if (q.datasetId) filters.push(eq(evaluations.datasetId, q.datasetId));
  if (q.status) filters.push(eq(evaluations.status, q.status));
  if (before)
    filters.push(
      or(
        lt(evaluations.createdAt, before.createdAt),
        and(eq(evaluations.createdAt, before.createdAt), lt(evaluations.id, before.id)),
      )!,
    );
  const rows = await db
    .select(withDataset)
    .from(evaluations)
    .leftJoin(datasets, eq(datasets.id, evaluations.datasetId))
    .where(and(...filters))
    .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
    .limit(q.limit);
  return rows.map(flatten);
}

export async function statusOf(db: Executor, id: string): Promise<EvaluationRow['status'] | undefined> {
  const [row] = await db
    .select({ status: evaluations.status })
    .from(evaluations)
    .where(eq(evaluations.id, id));
  return row?.status;
}

/** queued → running (a resumed run keeps its first start time). False when it already ended. */
export async function markRunning(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(evaluations)
    .set({ status: 'running', startedAt: sql`coalesce(${evaluations.startedAt}, now())` })
    .where(and(eq(evaluations.id, id), inArray(evaluations.status, ACTIVE)))
    .returning({ id: evaluations.id });
  return rows.length > 0;
}

export async function setTotal(db: Executor, id: string, total: number): Promise<void> {
  await db.update(evaluations).set({ progressTotal: total }).where(eq(evaluations.id, id));
}

/** Ends an active evaluation; false when it had already ended (e.g. cancelled meanwhile). */
export async function finish(
  db: Executor,
  id: string,
  values: {
    status: 'succeeded' | 'failed' | 'cancelled';
    error?: string | null;
    summary: Record<string, unknown>[];
    comparisons: Record<string, unknown>[];
  },
): Promise<boolean> {
  const rows = await db
    .update(evaluations)
    .set({ ...values, finishedAt: new Date() })
    .where(and(eq(evaluations.id, id), inArray(evaluations.status, ACTIVE)))
    .returning({ id: evaluations.id });
  return rows.length > 0;
}

/**
 * Ends an evaluation that is still queued or running as failed, keeping its summary so far;
 * returns it, or undefined when it had already ended.
 */
export async function markFailed(
  db: Executor,
  id: string,
  error: string,
): Promise<EvaluationRow | undefined> {
  const [row] = await db
    .update(evaluations)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(evaluations.id, id), inArray(evaluations.status, ACTIVE)))
    .returning();
  return row;
}

/** Replaces the summary of an evaluation (one that ended: a cancelled run's last results). */
export async function saveSummary(
  db: Executor,
  id: string,
  summary: Record<string, unknown>[],
  comparisons: Record<string, unknown>[],
): Promise<void> {
  await db.update(evaluations).set({ summary, comparisons }).where(eq(evaluations.id, id));
}

/**
 * Stores one result and counts it, in the caller's transaction (the job's "item finished" mark
 * commits with it, so a result is stored exactly once).
 */
export async function insertResult(db: Executor, row: NewResultRow): Promise<void> {
  // One statement: the result and the evaluation's counters (a round trip per item matters at scale).
  await db.execute(sql`
    WITH stored AS (
      INSERT INTO evaluation_results (evaluation_id, org_id, item_id, item_position, variant, repetition,
        execution_id, output, scores, score_errors, latency_ms, cost_usd, error)
      VALUES (${row.evaluationId}, ${row.orgId}, ${row.itemId}, ${row.itemPosition}, ${row.variant},
        ${row.repetition}, ${row.executionId ?? null}, ${row.output ?? null}, ${JSON.stringify(row.scores ?? {})}::jsonb,
        ${JSON.stringify(row.scoreErrors ?? {})}::jsonb, ${row.latencyMs ?? null}, ${row.costUsd ?? '0'}::numeric,
        ${row.error ?? null})
      RETURNING cost_usd, error
    )
    UPDATE evaluations SET
      progress_done = progress_done + 1,
      progress_failed = progress_failed + (SELECT count(*) FROM stored WHERE error IS NOT NULL),
      cost_usd = cost_usd + (SELECT cost_usd FROM stored)
    WHERE id = ${row.evaluationId}`);
}

/** Keys (`position:variant:repetition`) of the results already stored. */
export async function storedResultKeys(db: Executor, evaluationId: string): Promise<Set<string>> {
  const rows = await db
    .select({
      p: evaluationResults.itemPosition,
      v: evaluationResults.variant,
      r: evaluationResults.repetition,
    })
    .from(evaluationResults)
    .where(eq(evaluationResults.evaluationId, evaluationId));
  return new Set(rows.map((r) => `${r.p}:${r.v}:${r.r}`));
}

/** Rows of a dataset's items as they were at `version` (validFrom ≤ version < validTo). */
function itemsOf(datasetId: string, version: number): SQL {
  return and(
    eq(datasetItems.datasetId, datasetId),
    lte(datasetItems.validFrom, version),
    or(isNull(datasetItems.validTo), gt(datasetItems.validTo, version)),
  )!;
}

export interface ItemRow {
  itemId: string;
  position: number;
  input: Record<string, string | number | boolean | null>;
  expected: string | null;
}

/** Items of a dataset as they were at `version`, in insertion order, a page after `afterPosition`. */
export async function itemsAtVersion(
  db: Executor,
  datasetId: string,
  version: number,
  afterPosition: number,
  limit: number,
): Promise<ItemRow[]> {
  return db
    .select({
      itemId: datasetItems.itemId,
      position: datasetItems.position,
      input: datasetItems.input,
      expected: datasetItems.expected,
    })
    .from(datasetItems)
    .where(and(itemsOf(datasetId, version), gt(datasetItems.position, afterPosition)))
    .orderBy(asc(datasetItems.position))
    .limit(limit);
}

export async function countItemsAtVersion(db: Executor, datasetId: string, version: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(datasetItems)
    .where(and(itemsOf(datasetId, version)));
  return row?.n ?? 0;
}

export type ResultWithItem = ResultRow & {
  input: Record<string, string | number | boolean | null>;
  expected: string | null;
};

const resultColumns = {
  result: evaluationResults,
  input: datasetItems.input,
  expected: datasetItems.expected,
};

/**
 * Results in dataset order (then variant, repetition), with the item's input and expected output
 * as the evaluation read them.
 */
export async function listResults(
  db: Executor,
  evaluation: Pick<EvaluationRow, 'id' | 'orgId' | 'datasetId' | 'datasetVersion'>,
  q: { variant?: number | undefined; limit: number },
  after?: { position: number; variant: number; repetition: number },
): Promise<ResultWithItem[]> {
  const filters: SQL[] = [
    eq(evaluationResults.evaluationId, evaluation.id),
    tenantFilter(evaluationResults, evaluation.orgId),
  ];
  if (q.variant !== undefined) filters.push(eq(evaluationResults.variant, q.variant));
  if (after)
    filters.push(
      sql`(${evaluationResults.itemPosition}, ${evaluationResults.variant}, ${evaluationResults.repetition}) > (${after.position}, ${after.variant}, ${after.repetition})`,
    );
  const rows = await db
    .select(resultColumns)
    .from(evaluationResults)
    .leftJoin(
      datasetItems,
      and(
        itemsOf(evaluation.datasetId, evaluation.datasetVersion),
        eq(datasetItems.itemId, evaluationResults.itemId),
      ),
    )
    .where(and(...filters))
    .orderBy(
      asc(evaluationResults.itemPosition),
      asc(evaluationResults.variant),
      asc(evaluationResults.repetition),
    )
    .limit(q.limit);
  return rows.map((r) => ({ ...r.result, input: r.input ?? {}, expected: r.expected ?? null }));
}

/** Results stored since `since` (a little overlap: the caller drops what it already sent). */
export async function resultsSince(
  db: Executor,
  evaluation: Pick<EvaluationRow, 'id' | 'orgId' | 'datasetId' | 'datasetVersion'>,
  since: Date,
  limit: number,
): Promise<ResultWithItem[]> {
  const rows = await db
    .select(resultColumns)
    .from(evaluationResults)
    .leftJoin(
      datasetItems,
      and(
        itemsOf(evaluation.datasetId, evaluation.datasetVersion),
        eq(datasetItems.itemId, evaluationResults.itemId),
      ),
    )
    .where(and(eq(evaluationResults.evaluationId, evaluation.id), gt(evaluationResults.createdAt, since)))
    .orderBy(asc(evaluationResults.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.result, input: r.input ?? {}, expected: r.expected ?? null }));
}

/** What the summary needs of every result of one variant (no item content). */
export async function scoresOfVariant(
  db: Executor,
  evaluationId: string,
  variant: number,
): Promise<
  Pick<ResultRow, 'itemId' | 'repetition' | 'output' | 'scores' | 'latencyMs' | 'costUsd' | 'error'>[]
> {
  return db
    .select({
      itemId: evaluationResults.itemId,
      repetition: evaluationResults.repetition,
      output: evaluationResults.output,
      scores: evaluationResults.scores,
      latencyMs: evaluationResults.latencyMs,
      costUsd: evaluationResults.costUsd,
      error: evaluationResults.error,
    })
    .from(evaluationResults)
    .where(and(eq(evaluationResults.evaluationId, evaluationId), eq(evaluationResults.variant, variant)))
    .orderBy(asc(evaluationResults.itemPosition), asc(evaluationResults.repetition));
}

/** The expected output of every item of a dataset version, by item id (for corpus scores). */
export async function expectedByItem(
  db: Executor,
  datasetId: string,
  version: number,
): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ itemId: datasetItems.itemId, expected: datasetItems.expected })
    .from(datasetItems)
    .where(and(itemsOf(datasetId, version)));
  return new Map(rows.map((r) => [r.itemId, r.expected]));
}

/** Marks a waiting or running evaluation cancelled; returns it, or undefined when it had ended. */
export async function markCancelled(
  db: Executor,
  orgId: string,
  id: string,
): Promise<EvaluationRow | undefined> {
  const [row] = await db
    .update(evaluations)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(tenantFilter(evaluations, orgId), eq(evaluations.id, id), inArray(evaluations.status, ACTIVE)))
    .returning();
  return row;
}

/** The dataset an evaluation reads (not deleted), with its current version. */
export async function findDataset(
  db: Executor,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string; version: number } | undefined> {
  const [row] = await db
    .select({ id: datasets.id, name: datasets.name, version: datasets.version })
    .from(datasets)
    .where(and(tenantFilter(datasets, orgId), eq(datasets.id, id), isNull(datasets.deletedAt)));
  return row;
}

/** Per-item means of one score key for one evaluation variant (repetitions averaged first). */
export async function evaluationItemScores(
  db: Executor,
  orgId: string,
  evaluationId: string,
  variant: number,
  scoreKey: string,
): Promise<number[]> {
  const score = sql`(${evaluationResults.scores} ->> ${scoreKey})::float8`;
  const rows = await db
    .select({ mean: sql<number>`avg(${score})::float8` })
    .from(evaluationResults)
    .where(
      and(
        tenantFilter(evaluationResults, orgId),
        eq(evaluationResults.evaluationId, evaluationId),
        eq(evaluationResults.variant, variant),
        sql`${evaluationResults.scores} ? ${scoreKey}`,
      ),
    )
    .groupBy(evaluationResults.itemPosition);
  return rows.map((r) => Number(r.mean));
}
