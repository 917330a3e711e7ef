import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { models, providerHealthChecks, providers } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type HealthCheckRow = typeof providerHealthChecks.$inferSelect;
export type NewHealthCheckRow = typeof providerHealthChecks.$inferInsert;
export type ProviderRow = typeof providers.$inferSelect;

export interface ProbeTarget {
  provider: ProviderRow;
  /** The provider's first active model (by name), for a completion probe. */
  model: { id: string; name: string } | null;
}

// Correlated subqueries name the outer table literally: inside a select list drizzle renders
// ${providers.id} unqualified, which would resolve to the subquery's own models.id.
const hasActiveModel = sql`
  (m.provider_id = providers.id AND m.org_id = providers.org_id AND m.active)`;

// The provider's first active model by name.
const firstActiveModel = (column: 'id' | 'name') =>
  sql<string | null>`(
    SELECT m.${sql.raw(column)} FROM ${models} m WHERE ${hasActiveModel} ORDER BY m.name LIMIT 1
  )`;

const probeTargetColumns = {
  provider: providers,
  modelId: firstActiveModel('id'),
  modelName: firstActiveModel('name'),
};

function toTarget(r: {
  provider: ProviderRow;
  modelId: string | null;
  modelName: string | null;
}): ProbeTarget {
  return {
    provider: r.provider,
    model: r.modelId && r.modelName ? { id: r.modelId, name: r.modelName } : null,
  };
}

/**
 * Every provider with at least one active model, in every organization. Cross-tenant on
 * purpose: only the scheduled health job calls it, never a request handler.
 */
export async function listProbeTargetsAllOrgs(db: Executor): Promise<ProbeTarget[]> {
  const rows = await db
    .select(probeTargetColumns)
    .from(providers)
    .where(sql`EXISTS (SELECT 1 FROM ${models} m WHERE ${hasActiveModel})`)
    .orderBy(asc(providers.orgId), asc(providers.name));
  return rows.map(toTarget);
}

export async function findProbeTarget(
  db: Executor,
  orgId: string,
  providerId: string,
): Promise<ProbeTarget | undefined> {
  const [row] = await db
    .select(probeTargetColumns)
    .from(providers)
    .where(and(tenantFilter(providers, orgId), eq(providers.id, providerId)))
    .limit(1);
  return row && toTarget(row);
}

export async function insertHealthCheck(db: Executor, values: NewHealthCheckRow): Promise<HealthCheckRow> {
  const [row] = await db.insert(providerHealthChecks).values(values).returning();
  return row!;
}

/** Retention across every organization (the job's housekeeping). */
export async function deleteHealthChecksBefore(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(providerHealthChecks)
    .where(lt(providerHealthChecks.checkedAt, before))
    .returning({ id: providerHealthChecks.id });
  return rows.length;
}

/** The newest check of each given provider. */
export async function latestHealthChecks(
  db: Executor,
  orgId: string,
  providerIds: string[],
): Promise<HealthCheckRow[]> {
  if (providerIds.length === 0) return [];
  return db
    .selectDistinctOn([providerHealthChecks.providerId])
    .from(providerHealthChecks)
    .where(
      and(tenantFilter(providerHealthChecks, orgId), inArray(providerHealthChecks.providerId, providerIds)),
    )
    .orderBy(providerHealthChecks.providerId, desc(providerHealthChecks.checkedAt));
}

export async function listHealthChecks(
  db: Executor,
  orgId: string,
  providerId: string,
  since: Date,
  limit: number,
): Promise<HealthCheckRow[]> {
  return db
    .select()
    .from(providerHealthChecks)
    .where(
      and(
        tenantFilter(providerHealthChecks, orgId),
        eq(providerHealthChecks.providerId, providerId),
        gte(providerHealthChecks.checkedAt, since),
      ),
    )
    .orderBy(desc(providerHealthChecks.checkedAt))
    .limit(limit);
}

/**
 * The latest status of every provider in every organization, for the Prometheus gauges (one
 * index lookup per provider). Cross-tenant on purpose: /metrics is an operator endpoint.
 */
export async function latestHealthAllOrgs(db: Executor) {
  const result = await db.execute<{
    provider_id: string;
    provider_type: string;
    status: 'healthy' | 'degraded' | 'down';
    latency_ms: number | null;
  }>(sql`
    SELECT p.id AS provider_id, p.type AS provider_type, h.status, h.latency_ms
    FROM ${providers} p
    JOIN LATERAL (
      SELECT status, latency_ms FROM ${providerHealthChecks} c
      WHERE c.provider_id = p.id ORDER BY c.checked_at DESC LIMIT 1
    ) h ON true
  `);
  return result.rows;
}
