import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { prompts, reviewActivity, reviewSettings, reviews } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type SettingsRow = typeof reviewSettings.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect & { promptName: string };
export type NewReview = typeof reviews.$inferInsert;
export type ActivityRow = typeof reviewActivity.$inferSelect;
export type NewActivity = typeof reviewActivity.$inferInsert;

export async function findSettings(db: Executor, orgId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(reviewSettings).where(tenantFilter(reviewSettings, orgId)).limit(1);
  return row;
}

export async function upsertSettings(
  db: Executor,
  orgId: string,
  values: Pick<SettingsRow, 'protectedLabels' | 'requiredApprovals' | 'evaluationGate'>,
): Promise<SettingsRow> {
  const [row] = await db
    .insert(reviewSettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({
      target: reviewSettings.orgId,
      set: { ...values, updatedAt: sql`now()` },
      setWhere: tenantFilter(reviewSettings, orgId),
    })
    .returning();
  return row!;
}

function selectReviews(db: Executor) {
  return db
    .select({
      id: reviews.id,
      orgId: reviews.orgId,
      promptId: reviews.promptId,
      version: reviews.version,
      label: reviews.label,
      baseVersion: reviews.baseVersion,
      description: reviews.description,
      status: reviews.status,
      authorId: reviews.authorId,
      authorEmail: reviews.authorEmail,
      authorApiKeyName: reviews.authorApiKeyName,
      requiredApprovals: reviews.requiredApprovals,
      gate: reviews.gate,
      evaluationId: reviews.evaluationId,
      createdAt: reviews.createdAt,
      updatedAt: reviews.updatedAt,
      closedAt: reviews.closedAt,
      promptName: prompts.name,
    })
    .from(reviews)
    .innerJoin(prompts, eq(prompts.id, reviews.promptId));
}

/** Inserts an open review; undefined when one is already open for the same version and label. */
export async function insertReview(db: Executor, values: NewReview): Promise<string | undefined> {
  const [row] = await db
    .insert(reviews)
    .values(values)
    .onConflictDoNothing({
      target: [reviews.promptId, reviews.label, reviews.version],
      where: sql`status = 'open'`,
    })
    .returning({ id: reviews.id });
  return row?.id;
}

export async function findReview(
  db: Executor,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ReviewRow | undefined> {
  const q = selectReviews(db)
    .where(and(tenantFilter(reviews, orgId), eq(reviews.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: reviews }) : await q;
  return row;
}

export async function listReviews(
  db: Executor,
  orgId: string,
  opts: {
    status?: ReviewRow['status'] | undefined;
    promptName?: string | undefined;
    before?: { at: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ReviewRow[]> {
  const conditions: (SQL | undefined)[] = [tenantFilter(reviews, orgId)];
  if (opts.status !== undefined) conditions.push(eq(reviews.status, opts.status));
  if (opts.promptName !== undefined) conditions.push(eq(prompts.name, opts.promptName));
  if (opts.before)
    conditions.push(
      or(
        lt(reviews.createdAt, opts.before.at),
        and(eq(reviews.createdAt, opts.before.at), lt(reviews.id, opts.before.id)),
      ),
    );
  return selectReviews(db)
    .where(and(...conditions))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(opts.limit);
}

export async function updateReview(
  db: Executor,
  orgId: string,
  id: string,
  set: Partial<Pick<NewReview, 'status' | 'closedAt' | 'gate' | 'evaluationId'>>,
): Promise<void> {
  await db
    .update(reviews)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(tenantFilter(reviews, orgId), eq(reviews.id, id)));
}

/** Adds an activity; undefined for a second approval by the same person (a unique index). */
export async function insertActivity(db: Executor, values: NewActivity): Promise<ActivityRow | undefined> {
  const [row] = await db
    .insert(reviewActivity)
    .values(values)
    .onConflictDoNothing({
      target: [reviewActivity.reviewId, reviewActivity.userId],
      where: sql`kind = 'approved'`,
    })
    .returning();
  return row;
}

/** Activities of the given reviews (which the caller has read through the tenant filter), oldest first. */
export async function listActivity(db: Executor, reviewIds: string[]): Promise<ActivityRow[]> {
  if (reviewIds.length === 0) return [];
  return db
    .select()
    .from(reviewActivity)
    .where(inArray(reviewActivity.reviewId, reviewIds))
    .orderBy(asc(reviewActivity.seq));
}

/** Approvals of one review (a later rejection by someone else does not withdraw them). */
export async function countApprovals(db: Executor, reviewId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewActivity)
    .where(and(eq(reviewActivity.reviewId, reviewId), eq(reviewActivity.kind, 'approved')));
  return row?.n ?? 0;
}

/** Open reviews whose gate is the given evaluation. */
export async function listOpenByEvaluation(
  db: Executor,
  orgId: string,
  evaluationId: string,
): Promise<ReviewRow[]> {
  return selectReviews(db).where(
    and(tenantFilter(reviews, orgId), eq(reviews.evaluationId, evaluationId), eq(reviews.status, 'open')),
  );
}
