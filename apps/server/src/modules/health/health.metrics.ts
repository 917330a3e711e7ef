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

  new Gauge({
    name: 'promptops_provider_health',
    help: 'Latest health check of each provider: 1 for its current status, 0 for the others',
    labelNames: ['provider_id', 'provider_type', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await snapshot()) {
          for (const status of STATUSES) {
            this.set(
              { provider_id: row.provider_id, provider_type: row.provider_type, status },
              row.status === status ? 1 : 0,
            );
          }
        }
      } catch (err) {
        app.log.warn({ err }, 'provider health metrics unavailable');
      }
    },
  });

  new Gauge({
    name: 'promptops_provider_health_latency_ms',
    help: 'Latency of the latest health check of each provider, in milliseconds',
    labelNames: ['provider_id', 'provider_type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await snapshot()) {
          if (row.latency_ms !== null) {
            this.set({ provider_id: row.provider_id, provider_type: row.provider_type }, row.latency_ms);
          }
        }
      } catch (err) {
        app.log.warn({ err }, 'provider health metrics unavailable');
      }
    },
  });
}
