import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { executions } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type ExecutionRow = typeof executions.$inferSelect;
export type NewExecutionRow = typeof executions.$inferInsert;

export async function insertExecution(db: Executor, values: NewExecutionRow): Promise<ExecutionRow> {
  const [row] = await db.insert(executions).values(values).returning();
  return row!;
}

export async function findExecution(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(tenantFilter(executions, orgId), eq(executions.id, id)))
    .limit(1);
  return row;
}

export async function listExecutions(
  db: Executor,
  orgId: string,
  opts: {
    promptName?: string | undefined;
    before?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ExecutionRow[]> {
  const conds: SQL[] = [tenantFilter(executions, orgId)];
  if (opts.promptName) conds.push(eq(executions.promptName, opts.promptName));
  if (opts.before) {
    conds.push(
      or(
        lt(executions.createdAt, opts.before.createdAt),
        and(eq(executions.createdAt, opts.before.createdAt), lt(executions.id, opts.before.id)),
      )!,
    );
  }
  return db
    .select()
    .from(executions)
    .where(and(...conds))
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(opts.limit);
}
