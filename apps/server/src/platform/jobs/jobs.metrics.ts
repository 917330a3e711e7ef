import { Gauge, type Registry } from 'prom-client';
import type { AppContext } from '../app-context.js';
import * as outbox from '../events/outbox.repository.js';
import * as repo from './jobs.repository.js';

const registered = new WeakSet<Registry>();

/**
 * Job backlog and relay lag, read from the database at scrape time: every pod reports the same
 * numbers whichever process runs the jobs. Labels are job kinds and queues (no tenant ids).
 */
export function registerJobMetrics(app: AppContext): void {
  const registry = app.metrics.registry;
  if (registered.has(registry)) return;
  registered.add(registry);

  let latest: Promise<repo.BacklogRow[]> | undefined;
  const snapshot = () => {
    latest ??= repo.backlog(app.db).finally(() => setImmediate(() => (latest = undefined)));
    return latest;
  };
  const warn = (err: unknown) => app.log.warn({ err }, 'job metrics unavailable');

  new Gauge({
    name: 'promptops_jobs',
    help: 'Jobs waiting (queued) or running, per kind',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await snapshot()) this.set({ kind: row.kind, status: row.status }, row.n);
      } catch (err) {
        warn(err);
      }
    },
  });

  new Gauge({
    name: 'promptops_jobs_oldest_due_seconds',
    help: 'How long the oldest due job of each queue has been waiting (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const oldest = new Map<string, number>();
        for (const row of await snapshot())
          oldest.set(row.queue, Math.max(oldest.get(row.queue) ?? 0, row.oldest_due_seconds ?? 0));
        for (const [queue, seconds] of oldest) this.set({ queue }, seconds);
      } catch (err) {
        warn(err);
      }
    },
  });

  new Gauge({
    name: 'promptops_outbox_unpublished',
    help: 'Events committed but not yet published by the outbox relay',
    registers: [registry],
    async collect() {
      try {
        this.set(await outbox.countUnpublished(app.db));
      } catch (err) {
        warn(err);
      }
    },
  });
}
