import type { AppContext } from '../platform/app-context.js';
import type { RepeatableJob } from '../platform/jobs/index.js';
import { runHealthChecks, type CheckOptions } from '../modules/health/health.service.js';

export const HEALTH_CHECK_JOB = 'provider-health-check';

/** Probes every provider with an active model every HEALTH_CHECK_INTERVAL_MS and prunes old history. */
export function healthCheckJob(app: AppContext, opts: CheckOptions = {}): RepeatableJob {
  const log = app.log.child({ job: HEALTH_CHECK_JOB });
  return {
    name: HEALTH_CHECK_JOB,
    everyMs: app.config.HEALTH_CHECK_INTERVAL_MS,
    async run({ scheduledAt, signal }) {
      const summary = await runHealthChecks(app, { ...opts, signal });
      log.info({ scheduledAt, ...summary }, 'provider health checked');
    },
  };
}
