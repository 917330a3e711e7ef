import type { Overview } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import * as repo from './overview.repository.js';

const TOP_PROMPTS = 5;

/** The first instant of `now`'s calendar month in UTC. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** This month's runs, cost, failure rate and most-run prompts. */
export async function getOverview(app: AppContext, ctx: OrgContext, now = new Date()): Promise<Overview> {
  const from = monthStart(now);
  // Through the end of the current hour: rollups are per hour, and later hours hold nothing yet.
  const to = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  const [totals, top] = await Promise.all([
    repo.runTotals(app.db, ctx.orgId, from, to),
    repo.mostRunPrompts(app.db, ctx.orgId, from, to, TOP_PROMPTS),
  ]);
  const { runs, failed, cancelled, interrupted } = totals;
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    runs,
    succeeded: runs - failed - cancelled - interrupted,
    failed,
    cancelled,
    interrupted,
    failureRate: runs === 0 ? 0 : failed / runs,
    costUsd: normalizeDecimal(totals.costUsd),
    topPrompts: top.map((p) => ({ name: p.name, runs: p.runs, costUsd: normalizeDecimal(p.costUsd) })),
  };
}
