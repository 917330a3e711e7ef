import { and, desc, gte, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { executionRollupsHourly as rollups } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

// The overview reads the hourly rollups the gateway keeps current, never the raw runs: its cost
// stays the same however many runs an organization has. Runs count in the hour they started.
const inRange = (orgId: string, from: Date, to: Date) =>
  and(tenantFilter(rollups, orgId), gte(rollups.hour, from), lt(rollups.hour, to));

/** Finished runs and cost of one organization in the hours of [from, to), by outcome. */
export async function runTotals(db: Executor, orgId: string, from: Date, to: Date) {
  const [row] = await db
    .select({
      runs: sql<number>`coalesce(sum(${rollups.runs}), 0)::int`,
      failed: sql<number>`coalesce(sum(${rollups.failed}), 0)::int`,
      cancelled: sql<number>`coalesce(sum(${rollups.cancelled}), 0)::int`,
      interrupted: sql<number>`coalesce(sum(${rollups.interrupted}), 0)::int`,
      costUsd: sql<string>`coalesce(sum(${rollups.costUsd}), 0)::text`,
    })
    .from(rollups)
    .where(inRange(orgId, from, to));
  return row!;
}

export async function mostRunPrompts(db: Executor, orgId: string, from: Date, to: Date, limit: number) {
  const runs = sql<number>`sum(${rollups.runs})::int`;
  return db
    .select({
      name: rollups.promptName,
      runs,
      costUsd: sql<string>`coalesce(sum(${rollups.costUsd}), 0)::text`,
    })
    .from(rollups)
    .where(and(inRange(orgId, from, to), ne(rollups.promptName, '')))
    .groupBy(rollups.promptName)
    .orderBy(desc(runs), rollups.promptName)
    .limit(limit);
}
