import { z } from 'zod';
import * as outbox from '../events/outbox.repository.js';
import { defineJob } from './define-job.js';
import * as repo from './jobs.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 5_000;
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Retention of the platform's own tables: finished jobs after JOBS_RETENTION_DAYS, published
 * events after EVENTS_RETENTION_DAYS. Deletes in batches so no statement holds locks for long.
 */
export const pruneJob = defineJob({
  name: 'platform-prune',
  payload: z.object({}),
  queue: 'maintenance',
  concurrency: 1,
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 60_000 },
  async handler({ app, signal, log }) {
    const now = Date.now();
    const jobsBefore = new Date(now - app.config.JOBS_RETENTION_DAYS * DAY_MS);
    const eventsBefore = new Date(now - app.config.EVENTS_RETENTION_DAYS * DAY_MS);
    let jobs = 0;
    let events = 0;
    for (let n = BATCH; n === BATCH && !signal.aborted; jobs += n)
      n = await repo.deleteFinishedBefore(app.db, jobsBefore, BATCH);
    for (let n = BATCH; n === BATCH && !signal.aborted; events += n)
      n = await outbox.deletePublishedBefore(app.db, eventsBefore, BATCH);
    signal.throwIfAborted();
    log.info({ jobs, events }, 'pruned finished jobs and published events');
  },
});
