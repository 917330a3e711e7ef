import type { AppContext } from '../app-context.js';
import { BullMqScheduler } from './bullmq-scheduler.js';
import { InProcessScheduler } from './in-process-scheduler.js';
import { leaseFor } from './run-lease.js';
import type { Scheduler } from './scheduler.js';

export type { JobRun, RepeatableJob, Scheduler } from './scheduler.js';

/** BullMQ when REDIS_URL is set, the in-process scheduler (with a database lease) otherwise. */
export function createScheduler(ctx: AppContext): Scheduler {
  const log = ctx.log.child({ component: 'jobs' });
  if (ctx.config.REDIS_URL) {
    return new BullMqScheduler({ redisUrl: ctx.config.REDIS_URL, prefix: ctx.config.REDIS_PREFIX, log });
  }
  return new InProcessScheduler(leaseFor(ctx.database, log), log);
}
