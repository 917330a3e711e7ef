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

/** Adds exact decimal strings (numeric from the database) without floating point. */
function sumDecimals(values: readonly string[]): string {
  const SCALE = 12;
  let total = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    const negative = whole.startsWith('-');
    const units = BigInt(whole.replace('-', '') + fraction.padEnd(SCALE, '0').slice(0, SCALE));
    total += negative ? -units : units;
  }
  const digits = total.toString().padStart(SCALE + 1, '0');
  return normalizeDecimal(`${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`);
}

/** This month's runs, cost, failure rate and most-run prompts. */
export async function getOverview(app: AppContext, ctx: OrgContext, now = new Date()): Promise<Overview> {
  const from = monthStart(now);
  const [totals, top] = await Promise.all([
    repo.runTotalsByStatus(app.db, ctx.orgId, from, now),
    repo.mostRunPrompts(app.db, ctx.orgId, from, now, TOP_PROMPTS),
  ]);
  const byStatus = (status: string) => totals.find((t) => t.status === status)?.runs ?? 0;
  const runs = totals.reduce((sum, t) => sum + t.runs, 0);
  const failed = byStatus('failed');
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    runs,
    succeeded: byStatus('succeeded'),
    failed,
    cancelled: byStatus('cancelled'),
    failureRate: runs === 0 ? 0 : failed / runs,
    costUsd: sumDecimals(totals.map((t) => t.costUsd)),
    topPrompts: top.map((p) => ({ name: p.name, runs: p.runs, costUsd: normalizeDecimal(p.costUsd) })),
  };
}
