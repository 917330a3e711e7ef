import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { defineJob, type RepeatingJob } from '../../platform/jobs/index.js';
import { listOrganizationIds } from '../orgs/orgs.service.js';
import * as repo from './executions.repository.js';

/** Missed heartbeats after which a `running` run is taken for orphaned. */
export const STALE_AFTER_HEARTBEATS = 3;
const INTERRUPT_BATCH = 500;
const DELETE_BATCH = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Marks runs whose process died (no heartbeat for STALE_AFTER_HEARTBEATS intervals) as
 * `interrupted`, keeping the output and tokens of their last heartbeat. Any process running jobs
 * does it, for every process's runs.
 */
export const reconcileRunsJob = defineJob({
  name: 'executions-reconcile',
  payload: z.object({}),
  queue: 'executions-maintenance',
  concurrency: 1,
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 0 },
  async handler({ app, signal, log }) {
    const staleBefore = new Date(Date.now() - STALE_AFTER_HEARTBEATS * app.config.RUN_HEARTBEAT_MS);
    let interrupted = 0;
    for (let n = INTERRUPT_BATCH; n === INTERRUPT_BATCH && !signal.aborted;) {
      n = (await repo.interruptStale(app.db, staleBefore, INTERRUPT_BATCH)).length;
      interrupted += n;
    }
    if (interrupted > 0) log.warn({ interrupted }, 'marked runs of a stopped process as interrupted');
  },
});

/**
 * Retention of recorded runs (EXECUTIONS_RETENTION_DAYS): deletes in small batches, each its own
 * statement, so inserts of new runs never wait behind a long delete. Rollups are kept.
 */
export const pruneRunsJob = defineJob({
  name: 'executions-prune',
  payload: z.object({}),
  queue: 'executions-maintenance',
  concurrency: 1,
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 60_000 },
  async handler({ app, signal, log }) {
    const days = app.config.EXECUTIONS_RETENTION_DAYS;
    if (days === undefined) return;
    const deleted = await pruneExecutions(app, new Date(Date.now() - days * DAY_MS), signal);
    log.info({ deleted, days }, 'pruned recorded runs');
  },
});

export async function pruneExecutions(app: AppContext, before: Date, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (const orgId of await listOrganizationIds(app.db))
    for (let n = DELETE_BATCH; n === DELETE_BATCH && !signal?.aborted; deleted += n)
      n = await repo.deleteBefore(app.db, orgId, before, DELETE_BATCH);
  return deleted;
}

export function executionJobs(app: AppContext) {
  return {
    jobs: [reconcileRunsJob, pruneRunsJob],
    repeating: [
      {
        job: reconcileRunsJob,
        everyMs: Math.max(1_000, app.config.RUN_HEARTBEAT_MS * STALE_AFTER_HEARTBEATS),
      },
      { job: pruneRunsJob, everyMs: 60 * 60 * 1000 },
    ] satisfies RepeatingJob[],
  };
}
