import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * SECURITY-CRITICAL: the one place that builds the tenant condition. Every repository query on
 * a tenant table goes through it, so a row of another organization can never be read or
 * written; a miss surfaces as "not found" (404), never as the foreign row.
 */
export function tenantFilter(table: { orgId: PgColumn }, orgId: string): SQL {
  if (!orgId) throw new Error('tenantFilter requires an organization id');
  return eq(table.orgId, orgId);
}
