import { Gauge, type Registry } from 'prom-client';
import type { AppContext } from '../../platform/app-context.js';
import * as repo from './health.repository.js';

const STATUSES = ['healthy', 'degraded', 'down'] as const;
const registered = new WeakSet<Registry>();

/**
 * Registers the provider health gauges on the app's registry (once per registry). Values are
 * read from the database at scrape time, so every API pod reports the same health whichever
 * worker ran the check, and deleted providers disappear from the output.
 */
export function registerHealthMetrics(app: AppContext): void {
  const registry = app.metrics.registry;
  if (registered.has(registry)) return;
  registered.add(registry);

  let latest: Promise<Awaited<ReturnType<typeof repo.latestHealthAllOrgs>>> | undefined;
  // Both gauges are collected in the same scrape: share one query.
  const snapshot = () => {
    latest ??= repo.latestHealthAllOrgs(app.db).finally(() => {
      setImmediate(() => (latest = undefined));
    });
    return latest;
  };

  // Aggregated per provider type: provider and organization ids never appear in labels, so a
  // scrape reveals no tenant's resources.
  new Gauge({
    name: 'promptops_provider_health',
    help: 'Providers whose latest health check has each status, by provider type',
    labelNames: ['provider_type', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const counts = new Map<string, Record<(typeof STATUSES)[number], number>>();
        for (const row of await snapshot()) {
          const byStatus = counts.get(row.provider_type) ?? { healthy: 0, degraded: 0, down: 0 };
          if (row.status in byStatus) byStatus[row.status as (typeof STATUSES)[number]] += 1;
          counts.set(row.provider_type, byStatus);
        }
        for (const [type, byStatus] of counts) {
          for (const status of STATUSES) this.set({ provider_type: type, status }, byStatus[status]);
        }
      } catch (err) {
        app.log.warn({ err }, 'provider health metrics unavailable');
      }
    },
  });

  new Gauge({
    name: 'promptops_provider_health_latency_ms',
    help: 'Slowest latest health check among providers of each type, in milliseconds',
    labelNames: ['provider_type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const slowest = new Map<string, number>();
        for (const row of await snapshot()) {
          if (row.latency_ms !== null)
            slowest.set(row.provider_type, Math.max(slowest.get(row.provider_type) ?? 0, row.latency_ms));
        }
        for (const [type, latency] of slowest) this.set({ provider_type: type }, latency);
      } catch (err) {
        app.log.warn({ err }, 'provider health metrics unavailable');
      }
    },
  });
}
