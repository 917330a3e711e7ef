import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { outbox, outboxCursors } from '../db/schema.js';
import { tenantFilter } from '../db/tenant.js';
import { LOCK_CLASS } from '../jobs/run-lease.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type SequencedRow = OutboxRow & { seq: number };

export async function insertEvent(
  db: Executor,
  row: { orgId: string; type: string; payload: Record<string, unknown> },
): Promise<void> {
  await db.insert(outbox).values(row);
}

// Not the relay's leader lock: the leader's own session holds that one, and sequencing runs on another.
const SEQUENCE_LOCK = 'outbox-relay:sequence';

/** Held until the transaction ends: one sequencing transaction at a time, installation-wide. */
export async function lockSequencing(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${SEQUENCE_LOCK}))`);
}

/**
 * Gives committed, not yet sequenced rows their public ids in insertion order. The caller runs it
 * in a transaction holding the relay's lock, so a later batch always gets larger ids than an
 * earlier one: ids follow commit order, and a consumer that read up to id N has missed nothing
 * below N.
 */
export async function sequencePending(tx: Executor, limit: number): Promise<number> {
  const pending = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(isNull(outbox.seq))
    .orderBy(asc(outbox.id))
    .limit(limit);
  if (pending.length === 0) return 0;
  const { rows } = await tx.execute<{ seq: string }>(
    sql`SELECT nextval('outbox_seq')::text AS seq FROM generate_series(1, ${pending.length})`,
  );
  // nextval hands out increasing values; sort anyway so the mapping never depends on row order.
  const seqs = rows.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.execute(sql`
    UPDATE outbox SET seq = v.seq
    FROM unnest(${`{${pending.map((p) => p.id).join(',')}}`}::bigint[], ${`{${seqs.join(',')}}`}::bigint[]) AS v(id, seq)
    WHERE outbox.id = v.id`);
  return pending.length;
}

export async function listUnpublished(db: Executor, limit: number): Promise<SequencedRow[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(isNotNull(outbox.seq), isNull(outbox.publishedAt)))
    .orderBy(asc(outbox.seq))
    .limit(limit);
  return rows as SequencedRow[];
}

export async function markPublished(db: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ publishedAt: sql`now()` })
    .where(inArray(outbox.id, ids));
}

/** Sequenced events of one organization after `afterSeq`, oldest first. */
export async function listSince(
  db: Executor,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<SequencedRow[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(tenantFilter(outbox, orgId), gt(outbox.seq, afterSeq)))
    .orderBy(asc(outbox.seq))
    .limit(limit);
  return rows as SequencedRow[];
}

/** Deletes published events created before `before`, at most `limit` rows per call. */
export async function deletePublishedBefore(db: Executor, before: Date, limit: number): Promise<number> {
  const doomed = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNotNull(outbox.publishedAt), lt(outbox.createdAt, before)))
    .limit(limit);
  const deleted = await db.delete(outbox).where(inArray(outbox.id, doomed)).returning({ id: outbox.id });
  return deleted.length;
}

export async function countUnpublished(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(isNull(outbox.publishedAt));
  return row?.n ?? 0;
}

/** One cheap look (partial indexes) so an idle relay costs a single statement per tick. */
export async function hasPendingWork(db: Executor): Promise<boolean> {
  const { rows } = await db.execute<{ pending: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM outbox WHERE seq IS NULL)
        OR EXISTS (SELECT 1 FROM outbox WHERE seq IS NOT NULL AND published_at IS NULL) AS pending`);
  return Boolean(rows[0]?.pending);
}

/** Sequenced events of every organization after `afterSeq`, oldest first. */
export async function listSequencedAfter(
  db: Executor,
  afterSeq: number,
  limit: number,
): Promise<SequencedRow[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(gt(outbox.seq, afterSeq))
    .orderBy(asc(outbox.seq))
    .limit(limit);
  return rows as SequencedRow[];
}

/** The consumer's position, locked until the transaction ends (created at 0 the first time). */
export async function lockCursor(tx: Executor, name: string): Promise<number> {
  await tx.insert(outboxCursors).values({ name }).onConflictDoNothing();
  const [row] = await tx
    .select({ lastSeq: outboxCursors.lastSeq })
    .from(outboxCursors)
    .where(eq(outboxCursors.name, name))
    .for('update');
  return row!.lastSeq;
}

export async function advanceCursor(tx: Executor, name: string, lastSeq: number): Promise<void> {
  await tx
    .update(outboxCursors)
    .set({ lastSeq, updatedAt: sql`now()` })
    .where(eq(outboxCursors.name, name));
}
