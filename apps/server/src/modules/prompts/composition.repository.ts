import { and, asc, eq, exists, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { promptIncludes, promptLabels, prompts } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';
import type { PromptRow } from './prompts.repository.js';

export type IncludeRow = typeof promptIncludes.$inferSelect;

/** Records the includes of stored versions; a reference written twice in one version is kept once. */
export async function insertIncludes(db: Executor, rows: IncludeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(promptIncludes).values(rows).onConflictDoNothing();
}

/** The includes of the given versions (the edges the cycle check follows). */
export async function listIncludes(db: Executor, orgId: string, versionIds: string[]): Promise<IncludeRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(promptIncludes)
    .where(and(tenantFilter(promptIncludes, orgId), inArray(promptIncludes.versionId, versionIds)))
    .orderBy(asc(promptIncludes.reference));
}

/**
 * Versions that include `targetName` and are the newest of their prompt or carry a label: the
 * ones a run can reach without naming an old version number.
 */
export async function listLiveIncluders(
  db: Executor,
  orgId: string,
  targetName: string,
): Promise<{ prompt: PromptRow; version: number; reference: string }[]> {
  return db
    .select({ prompt: prompts, version: promptIncludes.version, reference: promptIncludes.reference })
    .from(promptIncludes)
    .innerJoin(prompts, eq(prompts.id, promptIncludes.promptId))
    .where(
      and(
        tenantFilter(promptIncludes, orgId),
        eq(promptIncludes.targetName, targetName),
        or(
          eq(promptIncludes.version, prompts.latestVersion),
          exists(
            db
              .select({ one: promptLabels.promptId })
              .from(promptLabels)
              .where(
                and(
                  tenantFilter(promptLabels, orgId),
                  eq(promptLabels.promptId, promptIncludes.promptId),
                  eq(promptLabels.version, promptIncludes.version),
                ),
              ),
          ),
        ),
      ),
    )
    .orderBy(asc(prompts.name), asc(promptIncludes.version), asc(promptIncludes.reference));
}
