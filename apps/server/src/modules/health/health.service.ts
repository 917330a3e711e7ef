import type { HealthCheck, HealthHistory, ProviderHealth } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { visibleError } from '../../platform/llm/provider-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { clientForProvider } from '../providers/provider-client.js';
import { probe, type ProbeOptions, type ProbeResult } from './health-probe.js';
import * as repo from './health.repository.js';

export type Health = ProviderHealth;

/** History kept in provider_health_checks; older rows are deleted by the health job. */
export const HEALTH_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Providers probed at the same time by one job run. */
const PROBE_CONCURRENCY = 8;
const MAX_HISTORY_ITEMS = 2000;

export type CheckOptions = Omit<ProbeOptions, 'probe'> & { probe?: ProbeOptions['probe'] };

const UNKNOWN: Health = { status: 'unknown', checkedAt: null, latencyMs: null };

function toHealth(row: repo.HealthCheckRow, revealUpstream: boolean): Health {
  return {
    status: row.status,
    checkedAt: row.checkedAt.toISOString(),
    latencyMs: row.latencyMs,
    ...(row.error ? { error: visibleError(row.error, row.upstreamStatus, revealUpstream) } : {}),
  };
}

function toHealthCheck(row: repo.HealthCheckRow, revealUpstream: boolean): HealthCheck {
  return {
    id: row.id,
    providerId: row.providerId,
    modelId: row.modelId,
    status: row.status,
    latencyMs: row.latencyMs,
    error: row.error === null ? null : visibleError(row.error, row.upstreamStatus, revealUpstream),
    checkedAt: row.checkedAt.toISOString(),
  };
}

/**
 * The latest health of each provider; providers never checked are `unknown`. The provider's own
 * error body is included only for admins (`revealUpstream`).
 */
export async function latestHealth(
  db: Executor,
  orgId: string,
  providerIds: string[],
  revealUpstream: boolean,
): Promise<Map<string, Health>> {
  const rows = await repo.latestHealthChecks(db, orgId, [...new Set(providerIds)]);
  const byProvider = new Map(rows.map((r) => [r.providerId, toHealth(r, revealUpstream)]));
  return new Map(providerIds.map((id) => [id, byProvider.get(id) ?? UNKNOWN]));
}

/** Probes one provider: a network call, so never inside a transaction. */
async function probeTarget(
  app: AppContext,
  target: repo.ProbeTarget,
  opts: CheckOptions,
): Promise<repo.NewHealthCheckRow> {
  const kind = opts.probe ?? app.config.HEALTH_CHECK_PROBE;
  // Without an active model a completion probe has nothing to ask: list the models instead.
  const model = kind === 'completion' ? target.model : null;
  let result: ProbeResult;
  try {
    const client = await clientForProvider(app, target.provider);
    result = await probe(client, model?.name ?? null, { ...opts, probe: model ? 'completion' : 'models' });
  } catch (err) {
    // The client could not even be built (e.g. the key was encrypted under an unknown master key).
    result = { status: 'down', latencyMs: 0, error: err instanceof Error ? err.message : String(err) };
  }
  return {
    orgId: target.provider.orgId,
    providerId: target.provider.id,
    modelId: model?.id ?? null,
    status: result.status,
    latencyMs: result.latencyMs,
    error: result.error,
    upstreamStatus: result.upstreamStatus ?? null,
  };
}

/** "Check now" from the settings page: probe one provider of the caller's organization. */
export async function checkProviderNow(
  app: AppContext,
  ctx: OrgContext,
  providerId: string,
  opts: CheckOptions = {},
): Promise<Health> {
  const target = await repo.findProbeTarget(app.db, ctx.orgId, providerId);
  if (!target) throw notFound('Provider');
  const check = await probeTarget(app, target, opts);
  const row = await app.db.transaction(async (tx) => {
    const inserted = await repo.insertHealthCheck(tx, check);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'provider.health_checked',
      resourceType: 'provider',
      resourceId: providerId,
      details: { status: inserted.status, latencyMs: inserted.latencyMs, checkId: inserted.id },
    });
    return inserted;
  });
  return toHealth(row, ctx.role === 'admin');
}

export async function healthHistory(
  app: AppContext,
  ctx: OrgContext,
  providerId: string,
  hours: number,
): Promise<HealthHistory> {
  const target = await repo.findProbeTarget(app.db, ctx.orgId, providerId);
  if (!target) throw notFound('Provider');
  const since = new Date(Date.now() - hours * 60 * 60 * 1000);
  const rows = await repo.listHealthChecks(app.db, ctx.orgId, providerId, since, MAX_HISTORY_ITEMS);
  const reveal = ctx.role === 'admin';
  const latest = (await latestHealth(app.db, ctx.orgId, [providerId], reveal)).get(providerId)!;
  return { health: latest, items: rows.map((r) => toHealthCheck(r, reveal)) };
}

export interface HealthRunSummary {
  checked: number;
  healthy: number;
  degraded: number;
  down: number;
  pruned: number;
}

/**
 * One run of the health job: probe every provider that has an active model, in every
 * organization, then delete history older than the retention period.
 */
export async function runHealthChecks(app: AppContext, opts: CheckOptions = {}): Promise<HealthRunSummary> {
  const targets = await repo.listProbeTargetsAllOrgs(app.db);
  const summary: HealthRunSummary = { checked: 0, healthy: 0, degraded: 0, down: 0, pruned: 0 };
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      if (opts.signal?.aborted) return;
      const row = await repo.insertHealthCheck(app.db, await probeTarget(app, target, opts));
      summary.checked += 1;
      summary[row.status] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, queue.length) }, worker));
  summary.pruned = await repo.deleteHealthChecksBefore(app.db, new Date(Date.now() - HEALTH_RETENTION_MS));
  return summary;
}
