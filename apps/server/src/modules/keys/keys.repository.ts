import { and, asc, eq, gt, isNotNull, not, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { providers } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

// Key ids are hex fingerprints, so they need no escaping inside a LIKE pattern.
const notUnder = (keyId: string) =>
  or(
    and(isNotNull(providers.apiKeyCiphertext), not(like(providers.apiKeyCiphertext, `v1.${keyId}.%`))),
    and(isNotNull(providers.headersCiphertext), not(like(providers.headersCiphertext, `v1.${keyId}.%`))),
  );

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
    .select({
      id: providers.id,
      name: providers.name,
      ciphertext: providers.apiKeyCiphertext,
      headersCiphertext: providers.headersCiphertext,
    })
    .from(providers)
    .where(
      and(tenantFilter(providers, orgId), notUnder(keyId), afterId ? gt(providers.id, afterId) : sql`true`),
    )
    .orderBy(asc(providers.id))
    .limit(limit)
    .for('update');
}

/** Replaces ciphertexts only; the secrets themselves (and so `updatedAt` and cached clients) are unchanged. */
export async function setCiphertexts(
  db: Executor,
  orgId: string,
  id: string,
  values: { apiKeyCiphertext?: string; headersCiphertext?: string },
) {
  await db
    .update(providers)
    .set(values)
    .where(and(tenantFilter(providers, orgId), eq(providers.id, id)));
}

/**
 * Providers whose secrets predate header encryption and the hint rule: plain header values in
 * settings, or a key hint to recompute. Cross-tenant on purpose: only start-up calls it.
 */
export async function listProvidersToUpgrade(db: Executor) {
  return db
    .select({
      id: providers.id,
      orgId: providers.orgId,
      settings: providers.settings,
      apiKeyCiphertext: providers.apiKeyCiphertext,
      keyHint: providers.keyHint,
    })
    .from(providers)
    .where(or(sql`${providers.settings} ? 'headers'`, isNotNull(providers.keyHint)))
    .orderBy(asc(providers.id));
}

export async function setUpgradedSecrets(
  db: Executor,
  orgId: string,
  id: string,
  values: {
    settings?: Record<string, unknown>;
    headersCiphertext?: string | null;
    headerHints?: { name: string; hint: string | null }[];
    keyHint?: string | null;
  },
) {
  await db
    .update(providers)
    .set(values)
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
