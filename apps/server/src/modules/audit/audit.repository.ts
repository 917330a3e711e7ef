import { and, desc, eq, gte, isNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { auditEvents } from '../../platform/db/schema.js';
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

/** Escapes LIKE's wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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
  // A prefix: "prompt" finds prompt.created and prompt.version.created; a full name still matches itself.
  if (f.action) conds.push(like(auditEvents.action, `${escapeLike(f.action)}%`));
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
