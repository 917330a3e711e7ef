import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { jobItems, jobs } from '../db/schema.js';
import { tenantFilter } from '../db/tenant.js';

export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;

const ms = (n: number) => sql`(${Math.round(n)} * interval '1 millisecond')`;

/** Inserts the intent; with a dedupe key that exists already, inserts nothing and returns null. */
export async function insertJob(db: Executor, row: NewJobRow): Promise<string | null> {
  const [inserted] = await db.insert(jobs).values(row).onConflictDoNothing().returning({ id: jobs.id });
  return inserted?.id ?? null;
}

const claimSet = (owner: string, leaseMs: number) => sql`
  status = 'running', attempts = jobs.attempts + 1, lease_owner = ${owner},
  lease_expires_at = now() + ${ms(leaseMs)}, started_at = coalesce(jobs.started_at, now()), error = NULL`;

/** In-process runners: takes the next due job of `queue` (one of `kinds`) for this worker. */
export async function claimNext(
  db: Executor,
  queue: string,
  kinds: string[],
  owner: string,
  leaseMs: number,
): Promise<JobRow | undefined> {
  const { rows } = await db.execute(sql`
    UPDATE jobs SET ${claimSet(owner, leaseMs)}
    WHERE id = (
      SELECT id FROM jobs
      WHERE status = 'queued' AND queue = ${queue} AND kind = ANY(${toArray(kinds)}::text[]) AND run_at <= now()
      ORDER BY run_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`);
  return rows[0] ? fromSql(rows[0]) : undefined;
}

/** Queue transports: takes a job handed over by the transport, if it is still waiting and due. */
export async function claimById(
  db: Executor,
  id: string,
  kinds: string[],
  owner: string,
  leaseMs: number,
): Promise<JobRow | undefined> {
  const { rows } = await db.execute(sql`
    UPDATE jobs SET ${claimSet(owner, leaseMs)}
    WHERE id = ${id} AND status = 'queued' AND kind = ANY(${toArray(kinds)}::text[]) AND run_at <= now()
    RETURNING *`);
  return rows[0] ? fromSql(rows[0]) : undefined;
}

/** Extends the lease; undefined when this worker no longer holds the job. */
export async function heartbeat(
  db: Executor,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<{ cancelRequested: boolean } | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`now() + ${ms(leaseMs)}` })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, 'running')))
    .returning({ cancelRequestedAt: jobs.cancelRequestedAt });
  return row ? { cancelRequested: row.cancelRequestedAt !== null } : undefined;
}

const owned = (id: string, owner: string) =>
  and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, 'running'));

export async function finishJob(
  db: Executor,
  id: string,
  owner: string,
  status: 'succeeded' | 'failed' | 'cancelled',
  error: string | null,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      // A handler that stopped on its own after a cancel request (it watches for it) was cancelled.
      status:
        status === 'succeeded'
          ? sql`CASE WHEN ${jobs.cancelRequestedAt} IS NULL THEN 'succeeded' ELSE 'cancelled' END`
          : status,
      error,
      finishedAt: sql`now()`,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(owned(id, owner))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A failed attempt with attempts left: back to the queue, due after the backoff. */
export async function retryJob(
  db: Executor,
  id: string,
  owner: string,
  delayMs: number,
  error: string,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'queued',
      error,
      runAt: sql`now() + ${ms(delayMs)}`,
      dispatchedAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(owned(id, owner))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Graceful shutdown: hands the job back without counting the interrupted attempt. */
export async function releaseJob(db: Executor, id: string, owner: string): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'queued',
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
      runAt: sql`now()`,
      dispatchedAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(owned(id, owner));
}

/**
 * Running jobs whose worker stopped heartbeating — or, given `notOwnedBy` (an owner prefix naming
 * this process), every running job held by another process, for when no other process can be
 * alive. Locked for the reconciler's transaction.
 */
export async function lockExpiredLeases(tx: Executor, limit: number, notOwnedBy?: string): Promise<JobRow[]> {
  const expired = notOwnedBy
    ? sql`(lease_owner IS NULL OR left(lease_owner, ${notOwnedBy.length}) <> ${notOwnedBy})`
    : sql`lease_expires_at < now()`;
  const { rows } = await tx.execute(sql`
    SELECT * FROM jobs WHERE status = 'running' AND ${expired}
    ORDER BY lease_expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  return rows.map(fromSql);
}

export async function requeueExpired(
  tx: Executor,
  id: string,
  delayMs: number,
  error: string,
): Promise<void> {
  await tx
    .update(jobs)
    .set({
      status: 'queued',
      error,
      runAt: sql`now() + ${ms(delayMs)}`,
      dispatchedAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(eq(jobs.id, id));
}

export async function endExpired(
  tx: Executor,
  id: string,
  status: 'failed' | 'cancelled',
  error: string,
): Promise<void> {
  await tx
    .update(jobs)
    .set({ status, error, finishedAt: sql`now()`, leaseOwner: null, leaseExpiresAt: null })
    .where(eq(jobs.id, id));
}

/**
 * Queue transports: marks due jobs as handed over and returns them. A job handed over longer
 * than `staleMs` ago and still waiting is handed over again (the transport may have lost it).
 */
export async function takeForDispatch(
  db: Executor,
  queues: string[],
  staleMs: number,
  limit: number,
): Promise<Pick<JobRow, 'id' | 'kind' | 'queue' | 'attempts'>[]> {
  const { rows } = await db.execute<{ id: string; kind: string; queue: string; attempts: number }>(sql`
    UPDATE jobs SET dispatched_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE status = 'queued' AND queue = ANY(${toArray(queues)}::text[]) AND run_at <= now()
        AND (dispatched_at IS NULL OR dispatched_at < now() - ${ms(staleMs)})
      ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, queue, attempts`);
  return rows;
}

export async function setTotal(db: Executor, id: string, total: number): Promise<void> {
  await db.update(jobs).set({ progressTotal: total }).where(eq(jobs.id, id));
}

export async function findItem(db: Executor, jobId: string, key: string) {
  const [row] = await db
    .select({ status: jobItems.status })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), eq(jobItems.key, key)));
  return row;
}

/** Marks the item finished and counts it; false when it was already marked (nothing changed). */
export async function recordItem(
  tx: Executor,
  jobId: string,
  key: string,
  status: 'done' | 'failed',
  error: string | null,
): Promise<boolean> {
  const inserted = await tx
    .insert(jobItems)
    .values({ jobId, key, status, error })
    .onConflictDoNothing()
    .returning({ key: jobItems.key });
  if (inserted.length === 0) return false;
  await tx
    .update(jobs)
    .set(
      status === 'done'
        ? { progressDone: sql`${jobs.progressDone} + 1` }
        : { progressFailed: sql`${jobs.progressFailed} + 1` },
    )
    .where(eq(jobs.id, jobId));
  return true;
}

export async function findJob(db: Executor, orgId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(tenantFilter(jobs, orgId), eq(jobs.id, id)));
  return row;
}

/** Cancels a waiting job at once; asks the worker of a running one to stop (seen at its next heartbeat). */
export async function requestCancel(db: Executor, orgId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({
      cancelRequestedAt: sql`coalesce(${jobs.cancelRequestedAt}, now())`,
      status: sql`CASE WHEN ${jobs.status} = 'queued' THEN 'cancelled' ELSE ${jobs.status} END`,
      finishedAt: sql`CASE WHEN ${jobs.status} = 'queued' THEN now() ELSE ${jobs.finishedAt} END`,
    })
    .where(and(tenantFilter(jobs, orgId), eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
    .returning();
  return row ?? findJob(db, orgId, id);
}

/** True while a job of `kind` waits or runs (a repeating job does not overlap itself). */
export async function hasActive(db: Executor, kind: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    SELECT 1 FROM jobs WHERE kind = ${kind} AND status IN ('queued', 'running') LIMIT 1`);
  return rows.length > 0;
}

export async function deleteFinishedBefore(db: Executor, before: Date, limit: number): Promise<number> {
  const doomed = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.status, ['succeeded', 'failed', 'cancelled']), lt(jobs.finishedAt, before)))
    .limit(limit);
  const deleted = await db.delete(jobs).where(inArray(jobs.id, doomed)).returning({ id: jobs.id });
  return deleted.length;
}

function toArray(values: string[]): string {
  // A Postgres array literal; values are kebab-case names (checked by defineJob).
  return `{${values.map((v) => `"${v}"`).join(',')}}`;
}

/** Raw `RETURNING *` rows come back with snake_case keys and text timestamps from some drivers. */
function fromSql(r: Record<string, unknown>): JobRow {
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    id: r.id as string,
    orgId: (r.org_id as string | null) ?? null,
    kind: r.kind as string,
    queue: r.queue as string,
    payload: r.payload,
    status: r.status as JobRow['status'],
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    progressTotal: Number(r.progress_total),
    progressDone: Number(r.progress_done),
    progressFailed: Number(r.progress_failed),
    scheduledAt: date(r.scheduled_at)!,
    runAt: date(r.run_at)!,
    dedupeKey: (r.dedupe_key as string | null) ?? null,
    dispatchedAt: date(r.dispatched_at),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseExpiresAt: date(r.lease_expires_at),
    cancelRequestedAt: date(r.cancel_requested_at),
    error: (r.error as string | null) ?? null,
    createdAt: date(r.created_at)!,
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
  };
}

export type BacklogRow = {
  kind: string;
  queue: string;
  status: 'queued' | 'running';
  n: number;
  oldest_due_seconds: number | null;
};

/** Waiting and running jobs per kind, with the age of the oldest due waiting one (for /metrics). */
export async function backlog(db: Executor): Promise<BacklogRow[]> {
  const { rows } = await db.execute<BacklogRow>(sql`
    SELECT kind, queue, status, count(*)::int AS n,
           extract(epoch FROM now() - min(run_at) FILTER (WHERE status = 'queued' AND run_at <= now()))::float8
             AS oldest_due_seconds
    FROM jobs WHERE status IN ('queued', 'running') GROUP BY kind, queue, status`);
  return rows;
}
