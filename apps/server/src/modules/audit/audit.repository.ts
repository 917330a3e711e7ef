import { and, desc, eq, gte, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { auditCheckpoints, auditEvents } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

/** Chain key for advisory locks: each organization (or the org-less chain) is serialised separately. */
function chainLockKey(orgId: string | null): string {
  return `audit:${orgId ?? 'global'}`;
}

export async function lockChain(tx: Executor, orgId: string | null): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${chainLockKey(orgId)}))`);
}

export async function findChainHead(
  tx: Executor,
  orgId: string | null,
): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(orgId ? tenantFilter(auditEvents, orgId) : isNull(auditEvents.orgId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

export async function insertAuditRow(tx: Executor, row: NewAuditRow): Promise<void> {
  await tx.insert(auditEvents).values(row);
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorId?: string;
  action?: string;
  resourceType?: string;
  beforeSeq?: number;
}

export async function listAuditRows(db: Executor, orgId: string, f: AuditFilter, limit: number) {
  const conds: SQL[] = [tenantFilter(auditEvents, orgId)];
  if (f.from) conds.push(gte(auditEvents.at, f.from));
  if (f.to) conds.push(lte(auditEvents.at, f.to));
  if (f.actorId) conds.push(eq(auditEvents.actorId, f.actorId));
  if (f.action) conds.push(eq(auditEvents.action, f.action));
  if (f.resourceType) conds.push(eq(auditEvents.resourceType, f.resourceType));
  if (f.beforeSeq !== undefined) conds.push(lt(auditEvents.seq, f.beforeSeq));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

/** Whole chain in order, in pages, for verification. */
export async function listChainPage(db: Executor, orgId: string, afterSeq: number, limit: number) {
  return db
    .select()
    .from(auditEvents)
    .where(and(tenantFilter(auditEvents, orgId), sql`${auditEvents.seq} > ${afterSeq}`))
    .orderBy(auditEvents.seq)
    .limit(limit);
}

export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

/** Moves a chain's checkpoint to its new head (inside the audit write's transaction). */
export async function upsertCheckpoint(
  tx: Executor,
  values: { chainId: string; seq: number; headHash: string; signature: string },
): Promise<void> {
  await tx
    .insert(auditCheckpoints)
    .values({ ...values, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: auditCheckpoints.chainId,
      set: { seq: values.seq, headHash: values.headHash, signature: values.signature, updatedAt: new Date() },
    });
}

/** The checkpoint of one chain: the organization's id (tenant key) or the nil uuid. */
export async function findCheckpoint(db: Executor, chainId: string): Promise<CheckpointRow | undefined> {
  const [row] = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.chainId, chainId))
    .limit(1);
  return row;
}

/**
 * Every checkpoint (cross-tenant on purpose: only start-up and `keys rotate` call it, to sign
 * checkpoints left unsigned by the migration or signed under an old master key).
 */
export async function listCheckpointsAllChains(db: Executor): Promise<CheckpointRow[]> {
  return db.select().from(auditCheckpoints);
}

export async function setCheckpointSignature(
  db: Executor,
  chainId: string,
  seq: number,
  signature: string,
): Promise<boolean> {
  const rows = await db
    .update(auditCheckpoints)
    .set({ signature })
    // Only if no audit write moved it meanwhile.
    .where(and(eq(auditCheckpoints.chainId, chainId), eq(auditCheckpoints.seq, seq)))
    .returning({ chainId: auditCheckpoints.chainId });
  return rows.length > 0;
}
