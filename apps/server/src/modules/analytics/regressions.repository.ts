import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { rollupRows } from '../../platform/db/rollups.js';
import { organizations, regressionAlerts } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';
import { HISTOGRAM_SIZE } from './latency-histogram.js';

export type RegressionAlertRow = typeof regressionAlerts.$inferSelect;
export type NewRegressionAlertRow = typeof regressionAlerts.$inferInsert;

/** Every organization's id: the detection job visits each one, its queries scoped to it. */
export async function listOrgIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations);
  return rows.map((r) => r.id);
}

export interface VersionStats {
  promptName: string;
  version: number;
  runs: number;
  failed: number;
  cancelled: number;
  interrupted: number;
  buckets: number[];
}

/** Finished runs of each stored prompt version since `since`, with their latency histogram. */
export async function versionStats(db: Executor, orgId: string, since: Date): Promise<VersionStats[]> {
  const buckets = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `sum(latency_buckets[${i + 1}])`);
  const rows = await db.execute<{
    prompt_name: string;
    prompt_version: number;
    runs: string;
    failed: string;
    cancelled: string;
    interrupted: string;
    buckets: number[];
  }>(sql`
    SELECT prompt_name, prompt_version, sum(runs) AS runs, sum(failed) AS failed,
      sum(cancelled) AS cancelled, sum(interrupted) AS interrupted,
      ${sql.raw(`ARRAY[${buckets.join(', ')}]::float8[]`)} AS buckets
    FROM ${rollupRows(
      orgId,
      { from: since, to: null },
      {
        t: 'day',
        // Drafts run without a version (0 in the rollups): only stored versions compare.
        where: [sql`prompt_name <> ''`, sql`prompt_version > 0`],
      },
    )} r
    GROUP BY prompt_name, prompt_version`);
  return rows.rows.map((r) => ({
    promptName: r.prompt_name,
    version: r.prompt_version,
    runs: Number(r.runs),
    failed: Number(r.failed),
    cancelled: Number(r.cancelled),
    interrupted: Number(r.interrupted),
    buckets: r.buckets,
  }));
}

/** Stores an alert unless one exists for its (prompt, version, metric); the new row, or undefined. */
export async function insertAlert(
  db: Executor,
  row: NewRegressionAlertRow,
): Promise<RegressionAlertRow | undefined> {
  const [created] = await db.insert(regressionAlerts).values(row).onConflictDoNothing().returning();
  return created;
}

/** The organization's alerts, newest first; of one prompt when `promptName` is given. */
export async function listAlerts(
  db: Executor,
  orgId: string,
  q: { promptName?: string | undefined; limit: number },
): Promise<RegressionAlertRow[]> {
  return db
    .select()
    .from(regressionAlerts)
    .where(
      and(
        tenantFilter(regressionAlerts, orgId),
        q.promptName === undefined ? undefined : eq(regressionAlerts.promptName, q.promptName),
      ),
    )
    .orderBy(desc(regressionAlerts.detectedAt), desc(regressionAlerts.id))
    .limit(q.limit);
}
