import { and, arrayContains, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { webhookDeliveries, webhooks } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDeliveryRow = typeof webhookDeliveries.$inferInsert;
export type DeliveryStatus = DeliveryRow['status'];

export async function insertWebhook(db: Executor, values: NewWebhookRow): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row!;
}

export async function findWebhook(
  db: Executor,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WebhookRow | undefined> {
  const q = db
    .select()
    .from(webhooks)
    .where(and(tenantFilter(webhooks, orgId), eq(webhooks.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listWebhooks(db: Executor, orgId: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(tenantFilter(webhooks, orgId))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export async function updateWebhook(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<
    Pick<
      WebhookRow,
      'url' | 'events' | 'format' | 'description' | 'active' | 'secretCiphertext' | 'secretHint'
    >
  >,
): Promise<WebhookRow> {
  const [row] = await db
    .update(webhooks)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(tenantFilter(webhooks, orgId), eq(webhooks.id, id)))
    .returning();
  return row!;
}

export async function deleteWebhook(db: Executor, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhooks)
    .where(and(tenantFilter(webhooks, orgId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}

/** The active webhooks of an organization that subscribe to `event`. */
export async function listSubscribers(db: Executor, orgId: string, event: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(
      and(tenantFilter(webhooks, orgId), eq(webhooks.active, true), arrayContains(webhooks.events, [event])),
    );
}

/** The newest delivery of each webhook given. */
export async function lastDeliveries(
  db: Executor,
  orgId: string,
  webhookIds: string[],
): Promise<Map<string, DeliveryRow>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([webhookDeliveries.webhookId])
    .from(webhookDeliveries)
    .where(and(tenantFilter(webhookDeliveries, orgId), inArray(webhookDeliveries.webhookId, webhookIds)))
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  return new Map(rows.map((r) => [r.webhookId, r]));
}

/**
 * Inserts deliveries; one that exists for the same (webhook, event) is left as it is, so
 * replaying events never creates a second delivery. Returns how many were created.
 */
export async function insertDeliveries(db: Executor, values: NewDeliveryRow[]): Promise<number> {
  if (values.length === 0) return 0;
  const rows = await db
    .insert(webhookDeliveries)
    .values(values)
    .onConflictDoNothing({ target: [webhookDeliveries.webhookId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

export async function insertDelivery(db: Executor, values: NewDeliveryRow): Promise<DeliveryRow> {
  const [row] = await db.insert(webhookDeliveries).values(values).returning();
  return row!;
}

export async function findDelivery(
  db: Executor,
  orgId: string,
  webhookId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        tenantFilter(webhookDeliveries, orgId),
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.id, id),
      ),
    )
    .limit(1);
  return row;
}

/** Newest first; `before` is the last row of the previous page. */
export async function listDeliveries(
  db: Executor,
  orgId: string,
  webhookId: string,
  opts: {
    status?: DeliveryStatus | undefined;
    before?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const conditions: (SQL | undefined)[] = [
    tenantFilter(webhookDeliveries, orgId),
    eq(webhookDeliveries.webhookId, webhookId),
  ];
  if (opts.status !== undefined) conditions.push(eq(webhookDeliveries.status, opts.status));
  if (opts.before)
    conditions.push(
      or(
        lt(webhookDeliveries.createdAt, opts.before.createdAt),
        and(eq(webhookDeliveries.createdAt, opts.before.createdAt), lt(webhookDeliveries.id, opts.before.id)),
      ),
    );
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit);
}

/**
 * Claims up to `limit` due deliveries for one attempt each: the attempt is counted and the next
 * try pushed to `leaseUntil` in the same statement, under FOR UPDATE SKIP LOCKED, so two workers
 * never claim the same attempt, and a worker that dies mid-send leaves the delivery due again
 * once the lease passes. Installation-wide: the dispatcher serves every organization.
 */
export async function claimDue(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<DeliveryRow[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ['pending', 'retrying']),
        lte(webhookDeliveries.nextAttemptAt, now),
      ),
    )
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
}

/** Claims one more attempt of a delivery now, whatever its status (send test, redeliver). */
export async function claimOne(
  db: Executor,
  orgId: string,
  id: string,
  leaseUntil: Date,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      // A crash mid-send leaves it due again once the lease passes, like a claimed one.
      status: 'pending',
      nextAttemptAt: leaseUntil,
    })
    .where(and(tenantFilter(webhookDeliveries, orgId), eq(webhookDeliveries.id, id)))
    .returning();
  return row;
}

/**
 * Stores an attempt's outcome, unless a later attempt was claimed meanwhile (a redelivery): the
 * newest attempt's outcome is the one the log shows.
 */
export async function recordAttempt(
  db: Executor,
  id: string,
  attempt: number,
  values: Pick<
    DeliveryRow,
    'status' | 'nextAttemptAt' | 'responseStatus' | 'responseBody' | 'error' | 'durationMs' | 'deliveredAt'
  >,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set(values)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attempt)))
    .returning();
  return row;
}

export async function findDeliveryById(db: Executor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return row;
}

/** The webhooks of the given ids, across organizations (the sender serves all of them). */
export async function webhooksByIds(db: Executor, ids: string[]): Promise<Map<string, WebhookRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(webhooks).where(inArray(webhooks.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
