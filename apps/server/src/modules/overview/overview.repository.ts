import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { rollupRows } from '../../platform/db/rollups.js';

// The overview reads the rollups the gateway keeps current (daily ones for whole days), never the
// raw runs: its cost stays the same however many runs an organization has. Runs count in the hour
// they started.
const inRange = (orgId: string, from: Date, to: Date) => rollupRows(orgId, { from, to }, { t: 'day' });

/** Finished runs and cost of one organization in the hours of [from, to), by outcome. */
export async function runTotals(db: Executor, orgId: string, from: Date, to: Date) {
  const { rows } = await db.execute<{
    runs: number;
    failed: number;
    cancelled: number;
    interrupted: number;
    costUsd: string;
  }>(sql`
    SELECT coalesce(sum(runs), 0)::int AS runs, coalesce(sum(failed), 0)::int AS failed,
      coalesce(sum(cancelled), 0)::int AS cancelled, coalesce(sum(interrupted), 0)::int AS interrupted,
      coalesce(sum(cost_usd), 0)::text AS "costUsd"
    FROM ${inRange(orgId, from, to)} r`);
  return rows[0]!;
}

export async function mostRunPrompts(db: Executor, orgId: string, from: Date, to: Date, limit: number) {
  const { rows } = await db.execute<{ name: string; runs: number; costUsd: string }>(sql`
    SELECT prompt_name AS name, sum(runs)::int AS runs, coalesce(sum(cost_usd), 0)::text AS "costUsd"
    FROM ${inRange(orgId, from, to)} r
    WHERE prompt_name <> ''
    GROUP BY prompt_name
    ORDER BY runs DESC, prompt_name
    LIMIT ${limit}`);
  return rows;
}
