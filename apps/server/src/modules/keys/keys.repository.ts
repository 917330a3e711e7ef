import { and, asc, eq, gt, isNotNull, not, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { providers } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

// Key ids are hex fingerprints, so they need no escaping inside a LIKE pattern.
const notUnder = (keyId: string) =>
  and(isNotNull(providers.apiKeyCiphertext), not(like(providers.apiKeyCiphertext, `v1.${keyId}.%`)));

/**
 * Organizations holding provider keys not encrypted under `keyId`. Cross-tenant on purpose:
 * only the `promptops keys rotate` command calls it.
 */
export async function orgsWithKeysNotUnder(db: Executor, keyId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: providers.orgId })
    .from(providers)
    .where(notUnder(keyId))
    .orderBy(asc(providers.orgId));
  return rows.map((r) => r.orgId);
}

/** The next batch of an organization's keys still under another master key, locked for update. */
export async function lockKeysNotUnder(
  db: Executor,
  orgId: string,
  keyId: string,
  afterId: string | null,
  limit: number,
) {
  return db
    .select({ id: providers.id, name: providers.name, ciphertext: providers.apiKeyCiphertext })
    .from(providers)
    .where(
      and(tenantFilter(providers, orgId), notUnder(keyId), afterId ? gt(providers.id, afterId) : sql`true`),
    )
    .orderBy(asc(providers.id))
    .limit(limit)
    .for('update');
}

/** Replaces the ciphertext only; the key itself (and so `updatedAt` and cached clients) is unchanged. */
export async function setKeyCiphertext(db: Executor, orgId: string, id: string, ciphertext: string) {
  await db
    .update(providers)
    .set({ apiKeyCiphertext: ciphertext })
    .where(and(tenantFilter(providers, orgId), eq(providers.id, id)));
}

/** How many stored keys each master key id encrypts (for the summary). */
export async function countKeysByKeyId(db: Executor): Promise<Record<string, number>> {
  const result = await db.execute<{ key_id: string; n: string }>(sql`
    SELECT split_part(${providers.apiKeyCiphertext}, '.', 2) AS key_id, count(*) AS n
    FROM ${providers} WHERE ${providers.apiKeyCiphertext} IS NOT NULL GROUP BY 1 ORDER BY 1
  `);
  return Object.fromEntries(result.rows.map((r) => [r.key_id, Number(r.n)]));
}
