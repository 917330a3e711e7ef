import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { defineJob, type RepeatingJob } from '../../platform/jobs/index.js';
import { detectRegressions } from './regressions.service.js';

/** Compares each prompt's newest version with the one before it and records regressions. */
export const regressionCheckJob = defineJob({
  name: 'analytics-regressions',
  payload: z.object({}),
  // Its own queue: a slow pass over many organizations never delays other jobs.
  queue: 'analytics-regressions',
  concurrency: 1,
  // The next interval is the retry; an alert is stored once, so a repeated pass changes nothing.
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 0 },
  async handler({ app, signal, log }) {
    const created = await detectRegressions(app, { signal });
    if (created.length > 0) log.warn({ regressions: created.length }, 'prompt version regressions detected');
  },
});

export function analyticsJobs(app: AppContext): {
  jobs: [typeof regressionCheckJob];
  repeating: RepeatingJob[];
} {
  return {
    jobs: [regressionCheckJob],
    repeating: [{ job: regressionCheckJob, everyMs: app.config.REGRESSION_CHECK_INTERVAL_MS }],
  };
}
