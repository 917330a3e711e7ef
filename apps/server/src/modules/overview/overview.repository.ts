import { and, count, desc, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { executions } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

/** Runs and cost of one organization in [from, to), by status. */
export async function runTotalsByStatus(db: Executor, orgId: string, from: Date, to: Date) {
  return db
    .select({
      status: executions.status,
      runs: count(),
      costUsd: sql<string>`coalesce(sum(${executions.costUsd}), 0)::text`,
    })
    .from(executions)
    .where(
      and(tenantFilter(executions, orgId), gte(executions.createdAt, from), lt(executions.createdAt, to)),
    )
    .groupBy(executions.status);
}

export async function mostRunPrompts(db: Executor, orgId: string, from: Date, to: Date, limit: number) {
  const runs = count();
  return db
    .select({
      name: sql<string>`${executions.promptName}`,
      runs,
      costUsd: sql<string>`coalesce(sum(${executions.costUsd}), 0)::text`,
    })
    .from(executions)
    .where(
      and(
        tenantFilter(executions, orgId),
        isNotNull(executions.promptName),
        gte(executions.createdAt, from),
        lt(executions.createdAt, to),
      ),
    )
    .groupBy(executions.promptName)
    .orderBy(desc(runs), executions.promptName)
    .limit(limit);
}
