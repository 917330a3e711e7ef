import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { experimentExposures, experimentOutcomes, experiments } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type ExperimentRow = typeof experiments.$inferSelect;
export type NewExperimentRow = typeof experiments.$inferInsert;

/** Inserts an experiment unless the prompt already has a running one (undefined then). */
export async function insertExperiment(
  db: Executor,
  values: NewExperimentRow,
): Promise<ExperimentRow | undefined> {
  const [row] = await db.insert(experiments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findExperiment(
  db: Executor,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ExperimentRow | undefined> {
  const q = db
    .select()
    .from(experiments)
    .where(and(tenantFilter(experiments, orgId), eq(experiments.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The running experiment of a prompt, by the prompt's name. */
export async function findRunningByPrompt(
  db: Executor,
  orgId: string,
  promptName: string,
): Promise<ExperimentRow | undefined> {
  const [row] = await db
    .select()
    .from(experiments)
    .where(
      and(
        tenantFilter(experiments, orgId),
        eq(experiments.promptName, promptName),
        eq(experiments.status, 'running'),
      ),
    )
    .limit(1);
  return row;
}

/** Newest first; `before` is the last row of the previous page. */
export async function listExperiments(
  db: Executor,
  orgId: string,
  opts: {
    promptName?: string | undefined;
    status?: ExperimentRow['status'] | undefined;
    before?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ExperimentRow[]> {
  const conditions: (SQL | undefined)[] = [tenantFilter(experiments, orgId)];
  if (opts.promptName !== undefined) conditions.push(eq(experiments.promptName, opts.promptName));
  if (opts.status !== undefined) conditions.push(eq(experiments.status, opts.status));
  if (opts.before)
    conditions.push(
      or(
        lt(experiments.createdAt, opts.before.createdAt),
        and(eq(experiments.createdAt, opts.before.createdAt), lt(experiments.id, opts.before.id)),
      ),
    );
  return db
    .select()
    .from(experiments)
    .where(and(...conditions))
    .orderBy(desc(experiments.createdAt), desc(experiments.id))
    .limit(opts.limit);
}

export async function updateExperiment(
  db: Executor,
  id: string,
  values: Partial<
    Pick<ExperimentRow, 'status' | 'stoppedAt' | 'winner' | 'evaluationId' | 'evaluationScoreKey'>
  >,
): Promise<ExperimentRow> {
  const [row] = await db.update(experiments).set(values).where(eq(experiments.id, id)).returning();
  return row!;
}

/** Records that a subject was served (the first time only). */
export async function recordExposure(
  db: Executor,
  experimentId: string,
  subject: string,
  variant: string,
): Promise<void> {
  await db.insert(experimentExposures).values({ experimentId, subject, variant }).onConflictDoNothing();
}

/** Stores a subject's outcome, replacing an earlier one; true when one was replaced. */
export async function upsertOutcome(
  db: Executor,
  values: { experimentId: string; subject: string; variant: string; value: number },
): Promise<boolean> {
  const [row] = await db
    .insert(experimentOutcomes)
    .values(values)
    .onConflictDoUpdate({
      target: [experimentOutcomes.experimentId, experimentOutcomes.subject],
      set: { value: values.value, variant: values.variant, updatedAt: sql`now()` },
    })
    // A row that existed before the statement has a non-zero xmax after the update.
    .returning({ replaced: sql<boolean>`xmax::text <> '0'` });
  return row!.replaced;
}

export interface OutcomeStats {
  variant: string;
  n: number;
  sum: number;
  mean: number;
  variance: number;
}

/** Per variant: outcomes, their sum, mean and sample variance (n − 1). */
export async function outcomeStats(db: Executor, experimentId: string): Promise<OutcomeStats[]> {
  const rows = await db
    .select({
      variant: experimentOutcomes.variant,
      n: sql<number>`count(*)::int`,
      sum: sql<number>`sum(${experimentOutcomes.value})::float8`,
      mean: sql<number>`avg(${experimentOutcomes.value})::float8`,
      variance: sql<number>`coalesce(var_samp(${experimentOutcomes.value}), 0)::float8`,
    })
    .from(experimentOutcomes)
    .where(eq(experimentOutcomes.experimentId, experimentId))
    .groupBy(experimentOutcomes.variant);
  return rows.map((r) => ({ ...r, sum: Number(r.sum), mean: Number(r.mean), variance: Number(r.variance) }));
}

export async function exposureCounts(db: Executor, experimentId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ variant: experimentExposures.variant, n: sql<number>`count(*)::int` })
    .from(experimentExposures)
    .where(eq(experimentExposures.experimentId, experimentId))
    .groupBy(experimentExposures.variant);
  return new Map(rows.map((r) => [r.variant, Number(r.n)]));
}
