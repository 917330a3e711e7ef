import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  workflowLabels,
  workflowRunSteps,
  workflowSettings,
  workflowRuns,
  workflowVersions,
  workflows,
} from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type WorkflowRow = typeof workflows.$inferSelect;
export type WorkflowVersionRow = typeof workflowVersions.$inferSelect;
export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowStepRow = typeof workflowRunSteps.$inferSelect;
export type NewWorkflowRunRow = typeof workflowRuns.$inferInsert;

type Before = { at: Date; id: string } | undefined;

/** Inserts a workflow unless the name is taken in the organization (undefined then). */
export async function insertWorkflow(
  db: Executor,
  values: typeof workflows.$inferInsert,
): Promise<WorkflowRow | undefined> {
  // Millisecond timestamps, like the cursors that page through them.
  const now = new Date();
  const [row] = await db
    .insert(workflows)
    .values({ createdAt: now, updatedAt: now, ...values })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findWorkflow(
  db: Executor,
  orgId: string,
  name: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WorkflowRow | undefined> {
  const q = db
    .select()
    .from(workflows)
    .where(and(tenantFilter(workflows, orgId), eq(workflows.name, name)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listWorkflows(
  db: Executor,
  orgId: string,
  opts: { search?: string | undefined; before: Before; limit: number },
): Promise<WorkflowRow[]> {
  const conditions: (SQL | undefined)[] = [tenantFilter(workflows, orgId)];
  if (opts.search) conditions.push(ilike(workflows.name, `%${opts.search.replace(/[\\%_]/g, '\\$&')}%`));
  if (opts.before)
    conditions.push(
      or(
        lt(workflows.updatedAt, opts.before.at),
        and(eq(workflows.updatedAt, opts.before.at), lt(workflows.id, opts.before.id)),
      ),
    );
  return db
    .select()
    .from(workflows)
    .where(and(...conditions))
    .orderBy(desc(workflows.updatedAt), desc(workflows.id))
    .limit(opts.limit);
}

export async function deleteWorkflow(db: Executor, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(workflows)
    .where(and(tenantFilter(workflows, orgId), eq(workflows.id, id)))
    .returning({ id: workflows.id });
  return rows.length > 0;
}

export async function bumpLatestVersion(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
): Promise<void> {
  await db
    .update(workflows)
    .set({ latestVersion: version, updatedAt: new Date() })
    .where(and(tenantFilter(workflows, orgId), eq(workflows.id, id)));
}

export async function insertVersion(
  db: Executor,
  values: typeof workflowVersions.$inferInsert,
): Promise<WorkflowVersionRow> {
  const [row] = await db.insert(workflowVersions).values(values).returning();
  return row!;
}

export async function findVersion(
  db: Executor,
  orgId: string,
  workflowId: string,
  version: number,
): Promise<WorkflowVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(workflowVersions)
    .where(
      and(
        tenantFilter(workflowVersions, orgId),
        eq(workflowVersions.workflowId, workflowId),
        eq(workflowVersions.version, version),
      ),
    )
    .limit(1);
  return row;
}

export async function findVersionById(
  db: Executor,
  orgId: string,
  id: string,
): Promise<WorkflowVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(workflowVersions)
    .where(and(tenantFilter(workflowVersions, orgId), eq(workflowVersions.id, id)))
    .limit(1);
  return row;
}

/** Newest first, without the graphs (the node count is read from the stored JSON). */
export async function listVersions(
  db: Executor,
  orgId: string,
  workflowId: string,
  opts: { beforeVersion?: number | undefined; limit: number },
): Promise<(Omit<WorkflowVersionRow, 'graph'> & { nodeCount: number })[]> {
  const conditions: (SQL | undefined)[] = [
    tenantFilter(workflowVersions, orgId),
    eq(workflowVersions.workflowId, workflowId),
  ];
  if (opts.beforeVersion !== undefined) conditions.push(lt(workflowVersions.version, opts.beforeVersion));
  return db
    .select({
      id: workflowVersions.id,
      orgId: workflowVersions.orgId,
      workflowId: workflowVersions.workflowId,
      version: workflowVersions.version,
      message: workflowVersions.message,
      actorType: workflowVersions.actorType,
      actorId: workflowVersions.actorId,
      createdAt: workflowVersions.createdAt,
      nodeCount: sql<number>`coalesce(jsonb_array_length(${workflowVersions.graph} -> 'nodes'), 0)::int`,
    })
    .from(workflowVersions)
    .where(and(...conditions))
    .orderBy(desc(workflowVersions.version))
    .limit(opts.limit);
}

/** Node counts of the latest versions of the given workflows. */
export async function latestNodeCounts(
  db: Executor,
  orgId: string,
  rows: readonly WorkflowRow[],
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const found = await db
    .select({
      workflowId: workflowVersions.workflowId,
      nodeCount: sql<number>`coalesce(jsonb_array_length(${workflowVersions.graph} -> 'nodes'), 0)::int`,
    })
    .from(workflowVersions)
    .innerJoin(
      workflows,
      and(
        eq(workflows.id, workflowVersions.workflowId),
        eq(workflows.latestVersion, workflowVersions.version),
      ),
    )
    .where(
      and(
        tenantFilter(workflowVersions, orgId),
        inArray(
          workflowVersions.workflowId,
          rows.map((r) => r.id),
        ),
      ),
    );
  return new Map(found.map((r) => [r.workflowId, r.nodeCount]));
}

export async function labelsOf(
  db: Executor,
  workflowIds: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (workflowIds.length === 0) return out;
  // The workflow ids come from tenant-filtered reads; labels have no org column of their own.
  const rows = await db
    .select()
    .from(workflowLabels)
    .where(inArray(workflowLabels.workflowId, [...workflowIds]))
    .orderBy(asc(workflowLabels.label));
  for (const row of rows) {
    const labels = out.get(row.workflowId) ?? {};
    labels[row.label] = row.version;
    out.set(row.workflowId, labels);
  }
  return out;
}

export async function setLabel(
  db: Executor,
  workflowId: string,
  label: string,
  version: number,
): Promise<void> {
  await db
    .insert(workflowLabels)
    .values({ workflowId, label, version })
    .onConflictDoUpdate({
      target: [workflowLabels.workflowId, workflowLabels.label],
      set: { version, updatedAt: new Date() },
    });
}

export async function deleteLabel(db: Executor, workflowId: string, label: string): Promise<boolean> {
  const rows = await db
    .delete(workflowLabels)
    .where(and(eq(workflowLabels.workflowId, workflowId), eq(workflowLabels.label, label)))
    .returning({ label: workflowLabels.label });
  return rows.length > 0;
}

// --- Runs ---

export async function insertRun(db: Executor, values: NewWorkflowRunRow): Promise<WorkflowRunRow> {
  // Millisecond precision, like the cursor that pages through runs.
  const [row] = await db
    .insert(workflowRuns)
    .values({ createdAt: new Date(), ...values })
    .returning();
  return row!;
}

export async function findRun(
  db: Executor,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WorkflowRunRow | undefined> {
  const q = db
    .select()
    .from(workflowRuns)
    .where(and(tenantFilter(workflowRuns, orgId), eq(workflowRuns.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** For the engine, which knows the run only by id (the job's payload). */
export async function findRunById(db: Executor, id: string): Promise<WorkflowRunRow | undefined> {
  const [row] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, id)).limit(1);
  return row;
}

export async function listRuns(
  db: Executor,
  orgId: string,
  opts: {
    workflowId?: string | undefined;
    status?: WorkflowRunRow['status'] | undefined;
    before: Before;
    limit: number;
  },
): Promise<WorkflowRunRow[]> {
  const conditions: (SQL | undefined)[] = [tenantFilter(workflowRuns, orgId)];
  if (opts.workflowId) conditions.push(eq(workflowRuns.workflowId, opts.workflowId));
  if (opts.status) conditions.push(eq(workflowRuns.status, opts.status));
  if (opts.before)
    conditions.push(
      or(
        lt(workflowRuns.createdAt, opts.before.at),
        and(eq(workflowRuns.createdAt, opts.before.at), lt(workflowRuns.id, opts.before.id)),
      ),
    );
  return db
    .select()
    .from(workflowRuns)
    .where(and(...conditions))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(opts.limit);
}

/**
 * Moves a run from one of `from` to a new status in one statement: the compare-and-set that
 * makes a double resume or a resume racing a cancel do nothing the second time.
 */
export async function transitionRun(
  db: Executor,
  id: string,
  from: readonly WorkflowRunRow['status'][],
  set: { [K in keyof NewWorkflowRunRow]?: NewWorkflowRunRow[K] | SQL } & { status: WorkflowRunRow['status'] },
): Promise<WorkflowRunRow | undefined> {
  const [row] = await db
    .update(workflowRuns)
    .set(set)
    .where(and(eq(workflowRuns.id, id), inArray(workflowRuns.status, [...from])))
    .returning();
  return row;
}

export async function updateRun(db: Executor, id: string, set: Partial<NewWorkflowRunRow>): Promise<void> {
  await db.update(workflowRuns).set(set).where(eq(workflowRuns.id, id));
}

export async function stepsOf(db: Executor, runId: string): Promise<WorkflowStepRow[]> {
  return db
    .select()
    .from(workflowRunSteps)
    .where(eq(workflowRunSteps.runId, runId))
    .orderBy(asc(workflowRunSteps.startedAt), asc(workflowRunSteps.nodeId), asc(workflowRunSteps.iteration));
}

/** Records a node's visit as started (a repeated attempt of the same visit starts it again). */
export async function startStep(
  db: Executor,
  values: Pick<WorkflowStepRow, 'runId' | 'nodeId' | 'iteration' | 'nodeType'>,
): Promise<void> {
  const now = new Date();
  await db
    .insert(workflowRunSteps)
    .values({ ...values, status: 'running', startedAt: now })
    .onConflictDoUpdate({
      target: [workflowRunSteps.runId, workflowRunSteps.nodeId, workflowRunSteps.iteration],
      set: { status: 'running', error: null, endedAt: null },
    });
}

/**
 * Records how a node's visit ended. The row may not exist yet: nodes that finish at once (start,
 * condition, loop, parallel, join, end) are written once, here, rather than started and ended.
 */
export async function finishStep(
  db: Executor,
  key: Pick<WorkflowStepRow, 'runId' | 'nodeId' | 'iteration' | 'nodeType'>,
  set: Omit<Partial<typeof workflowRunSteps.$inferInsert>, 'runId' | 'nodeId' | 'iteration' | 'nodeType'> & {
    status: WorkflowStepRow['status'];
  },
): Promise<void> {
  await db
    .insert(workflowRunSteps)
    .values({ ...key, ...set })
    .onConflictDoUpdate({
      target: [workflowRunSteps.runId, workflowRunSteps.nodeId, workflowRunSteps.iteration],
      set,
    });
}

/** The run's cost and tokens as the sums of its steps, for an UPDATE of the run row (no extra round trip). */
export function totalsFromSteps(runId: string) {
  const of = (column: string) =>
    sql.raw(`(select coalesce(sum(${column}), 0) from workflow_run_steps where run_id = `);
  return {
    costUsd: sql<string>`${of('cost_usd')}${runId})`,
    inputTokens: sql<number>`${of('input_tokens')}${runId})::int`,
    outputTokens: sql<number>`${of('output_tokens')}${runId})::int`,
  };
}

/** A finished run's checkpoints are never read again: drop them so paused runs are all they hold. */
export async function deleteCheckpoints(db: Executor, runId: string): Promise<void> {
  // One statement (one round trip) for the three tables.
  await db.execute(sql`
    with writes as (delete from checkpoint_writes where thread_id = ${runId}),
         blobs as (delete from checkpoint_blobs where thread_id = ${runId})
    delete from checkpoints where thread_id = ${runId}`);
}

// --- Settings ---

export async function findSettings(
  db: Executor,
  orgId: string,
): Promise<typeof workflowSettings.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(workflowSettings)
    .where(tenantFilter(workflowSettings, orgId))
    .limit(1);
  return row;
}

export async function saveSettings(
  db: Executor,
  orgId: string,
  httpAllowedHosts: string[],
): Promise<typeof workflowSettings.$inferSelect> {
  const [row] = await db
    .insert(workflowSettings)
    .values({ orgId, httpAllowedHosts })
    .onConflictDoUpdate({ target: workflowSettings.orgId, set: { httpAllowedHosts, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** Runs of a workflow that may still hold checkpoints (not ended). */
export async function listOpenRunIds(db: Executor, orgId: string, workflowId: string): Promise<string[]> {
  const rows = await db
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(
      and(
        tenantFilter(workflowRuns, orgId),
        eq(workflowRuns.workflowId, workflowId),
        inArray(workflowRuns.status, ['queued', 'running', 'waiting']),
      ),
    );
  return rows.map((r) => r.id);
}
