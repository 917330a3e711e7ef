import type { AppContext } from '../platform/app-context.js';
import { createScheduler, type Scheduler } from '../platform/jobs/index.js';
import { healthCheckJob } from './health-check.job.js';

/** Starts every background job; close the returned scheduler to stop them. */
export async function startBackgroundJobs(app: AppContext): Promise<Scheduler> {
  const scheduler = createScheduler(app);
  try {
    await scheduler.add(healthCheckJob(app));
  } catch (err) {
    await scheduler.close();
    throw err;
  }
  app.log.info({ scheduler: scheduler.kind, jobs: ['health-check'] }, 'background jobs scheduled');
  return scheduler;
}
