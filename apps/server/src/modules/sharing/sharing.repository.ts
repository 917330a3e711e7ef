import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { models, prompts, shareLinks } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type ShareLinkRow = typeof shareLinks.$inferSelect;
export type NewShareLinkRow = typeof shareLinks.$inferInsert;

export async function insertShareLink(db: Executor, values: NewShareLinkRow): Promise<ShareLinkRow> {
  const [row] = await db.insert(shareLinks).values(values).returning();
  return row!;
}

/** Links of one prompt, newest first (revoked and expired ones included: the list is the history). */
export async function listShareLinks(db: Executor, orgId: string, promptId: string): Promise<ShareLinkRow[]> {
  return db
    .select()
    .from(shareLinks)
    .where(and(tenantFilter(shareLinks, orgId), eq(shareLinks.promptId, promptId)))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
}

export async function findShareLink(
  db: Executor,
  orgId: string,
  promptId: string,
  id: string,
): Promise<ShareLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(shareLinks)
    .where(and(tenantFilter(shareLinks, orgId), eq(shareLinks.promptId, promptId), eq(shareLinks.id, id)))
    .limit(1);
  return row;
}

export async function revokeShareLink(db: Executor, orgId: string, id: string, at: Date): Promise<void> {
  await db
    .update(shareLinks)
    .set({ revokedAt: at })
    .where(and(tenantFilter(shareLinks, orgId), eq(shareLinks.id, id), isNull(shareLinks.revokedAt)));
}

/**
 * SECURITY-CRITICAL: the one lookup without an organization, for the public page. The token's
 * hash is the only key, and only a link that is neither revoked nor expired is returned; the
 * caller then reads everything else within the link's own organization.
 */
export async function findActiveShareLinkByHash(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<(ShareLinkRow & { promptName: string }) | undefined> {
  const [row] = await db
    .select({ link: shareLinks, promptName: prompts.name })
    .from(shareLinks)
    .innerJoin(prompts, and(eq(prompts.id, shareLinks.promptId), eq(prompts.orgId, shareLinks.orgId)))
    .where(
      and(eq(shareLinks.tokenHash, tokenHash), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now)),
    )
    .limit(1);
  return row ? { ...row.link, promptName: row.promptName } : undefined;
}

/** A model's name, shown on the shared page instead of its id. */
export async function findModelName(db: Executor, orgId: string, modelId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: models.name })
    .from(models)
    .where(and(tenantFilter(models, orgId), eq(models.id, modelId)))
    .limit(1);
  return row?.name ?? null;
}
