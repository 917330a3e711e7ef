import { and, asc, desc, eq, ilike, inArray, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { models, promptLabels, promptVersions, prompts, reviewSettings } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type PromptRow = typeof prompts.$inferSelect;
export type PromptVersionRow = typeof promptVersions.$inferSelect;
export type NewPromptVersion = typeof promptVersions.$inferInsert;
export interface LabelRow {
  promptId: string;
  label: string;
  version: number;
}

/** Escapes LIKE wildcards so user input only ever matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findPrompt(
  db: Executor,
  orgId: string,
  name: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PromptRow | undefined> {
  const q = db
    .select()
    .from(prompts)
    .where(and(tenantFilter(prompts, orgId), eq(prompts.name, name)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listPrompts(
  db: Executor,
  orgId: string,
  filter: { search?: string | undefined; folder?: string | undefined; names?: string[] },
): Promise<PromptRow[]> {
  const conditions = [tenantFilter(prompts, orgId)];
  if (filter.search) {
    const pattern = `%${likeLiteral(filter.search)}%`;
    conditions.push(or(ilike(prompts.name, pattern), ilike(prompts.description, pattern))!);
  }
  if (filter.folder) conditions.push(like(prompts.name, `${likeLiteral(filter.folder)}/%`));
  if (filter.names) conditions.push(inArray(prompts.name, filter.names));
  return db
    .select()
    .from(prompts)
    .where(and(...conditions))
    .orderBy(asc(prompts.name));
}

/** Inserts a prompt unless the name is taken; undefined means it already exists. */
export async function insertPrompt(
  db: Executor,
  values: { orgId: string; name: string; description: string | null; type: PromptRow['type'] },
): Promise<PromptRow | undefined> {
  const [row] = await db
    .insert(prompts)
    .values({ ...values, latestVersion: 0 })
    .onConflictDoNothing({ target: [prompts.orgId, prompts.name] })
    .returning();
  return row;
}

export async function updatePromptHead(
  db: Executor,
  orgId: string,
  promptId: string,
  values: { latestVersion: number; description?: string | null },
): Promise<PromptRow> {
  const [row] = await db
    .update(prompts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(tenantFilter(prompts, orgId), eq(prompts.id, promptId)))
    .returning();
  return row!;
}

export async function insertVersions(db: Executor, values: NewPromptVersion[]): Promise<PromptVersionRow[]> {
  if (values.length === 0) return [];
  return db.insert(promptVersions).values(values).returning();
}

export async function findVersion(
  db: Executor,
  orgId: string,
  promptId: string,
  version: number,
): Promise<PromptVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(promptVersions)
    .where(
      and(
        tenantFilter(promptVersions, orgId),
        eq(promptVersions.promptId, promptId),
        eq(promptVersions.version, version),
      ),
    )
    .limit(1);
  return row;
}

/** Versions of the given prompts, newest first within each prompt. */
export async function listVersions(
  db: Executor,
  orgId: string,
  promptIds: string[],
): Promise<PromptVersionRow[]> {
  if (promptIds.length === 0) return [];
  return db
    .select()
    .from(promptVersions)
    .where(and(tenantFilter(promptVersions, orgId), inArray(promptVersions.promptId, promptIds)))
    .orderBy(asc(promptVersions.promptId), desc(promptVersions.version));
}

export async function listLabels(db: Executor, orgId: string, promptIds: string[]): Promise<LabelRow[]> {
  if (promptIds.length === 0) return [];
  return db
    .select({ promptId: promptLabels.promptId, label: promptLabels.label, version: promptLabels.version })
    .from(promptLabels)
    .where(and(tenantFilter(promptLabels, orgId), inArray(promptLabels.promptId, promptIds)))
    .orderBy(asc(promptLabels.label));
}

export async function findLabel(
  db: Executor,
  orgId: string,
  promptId: string,
  label: string,
): Promise<LabelRow | undefined> {
  const [row] = await db
    .select({ promptId: promptLabels.promptId, label: promptLabels.label, version: promptLabels.version })
    .from(promptLabels)
    .where(
      and(
        tenantFilter(promptLabels, orgId),
        eq(promptLabels.promptId, promptId),
        eq(promptLabels.label, label),
      ),
    )
    .limit(1);
  return row;
}

/** Points a label at a version, creating the label when it doesn't exist yet (one statement). */
export async function upsertLabel(
  db: Executor,
  orgId: string,
  promptId: string,
  label: string,
  version: number,
): Promise<void> {
  await db
    .insert(promptLabels)
    .values({ orgId, promptId, label, version })
    .onConflictDoUpdate({
      target: [promptLabels.promptId, promptLabels.label],
      set: { version, updatedAt: sql`now()` },
      // The conflicting row is the same prompt's, but keep the tenant condition on every write.
      setWhere: tenantFilter(promptLabels, orgId),
    });
}

export async function modelExists(db: Executor, orgId: string, modelId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(tenantFilter(models, orgId), eq(models.id, modelId)))
    .limit(1);
  return Boolean(row);
}

/** Model names by id, for the informational `model` field of an export. */
export async function modelNames(db: Executor, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: models.id, name: models.name })
    .from(models)
    .where(and(tenantFilter(models, orgId), inArray(models.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Model ids by name; a name shared by models of several providers is ambiguous and left out. */
export async function modelIdsByName(
  db: Executor,
  orgId: string,
  names: string[],
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ id: models.id, name: models.name })
    .from(models)
    .where(and(tenantFilter(models, orgId), inArray(models.name, names)));
  const byName = new Map<string, string | null>();
  for (const r of rows) byName.set(r.name, byName.has(r.name) ? null : r.id);
  return new Map([...byName].filter((e): e is [string, string] => e[1] !== null));
}

/** The organization's protected labels (moved only by a merged review); empty when none are set. */
export async function protectedLabels(db: Executor, orgId: string): Promise<string[]> {
  const [row] = await db
    .select({ labels: reviewSettings.protectedLabels })
    .from(reviewSettings)
    .where(tenantFilter(reviewSettings, orgId))
    .limit(1);
  return row?.labels ?? [];
}
