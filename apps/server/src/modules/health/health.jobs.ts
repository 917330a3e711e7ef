import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { defineJob, type RepeatingJob } from '../../platform/jobs/index.js';
import { runHealthChecks } from './health.service.js';

/** Probes every provider with an active model and prunes old history. */
export const healthCheckJob = defineJob({
  name: 'provider-health-check',
  payload: z.object({}),
  queue: 'health-checks',
  concurrency: 1,
  // The next interval is the retry: a failed run is not repeated.
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 0 },
  async handler({ app, signal, log, job }) {
    const summary = await runHealthChecks(app, { signal });
    log.info({ scheduledAt: job.scheduledAt, ...summary }, 'provider health checked');
  },
});

export function healthJobs(app: AppContext): { jobs: [typeof healthCheckJob]; repeating: RepeatingJob[] } {
  return {
    jobs: [healthCheckJob],
    repeating: [{ job: healthCheckJob, everyMs: app.config.HEALTH_CHECK_INTERVAL_MS }],
  };
}
