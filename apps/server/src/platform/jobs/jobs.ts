import type { z } from 'zod';
import type { Executor } from '../db/database.js';
import { notFound, validationFailed } from '../errors.js';
import type { JobDefinition } from './define-job.js';
import * as repo from './jobs.repository.js';

export interface EnqueueOptions {
  /** The organization the job works for (its owner reads progress and cancels through it). */
  orgId?: string | null;
  /** Not before this time. */
  runAt?: Date;
  /** At most one job per key, ever: a second enqueue with the key inserts nothing. */
  dedupeKey?: string;
  scheduledAt?: Date;
}

/**
 * Writes the job's intent in the caller's transaction: it runs if and only if that transaction
 * commits. Returns the job id (null when `dedupeKey` already exists). Runners pick committed
 * intents up within JOBS_POLL_INTERVAL_MS.
 */
export async function enqueue<S extends z.ZodType>(
  tx: Executor,
  job: JobDefinition<S>,
  payload: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({ path: ['payload', ...i.path].join('.'), message: i.message })),
    );
  return repo.insertJob(tx, {
    kind: job.name,
    queue: job.queue,
    payload: parsed.data,
    maxAttempts: job.attempts,
    orgId: opts.orgId ?? null,
    ...(opts.runAt ? { runAt: opts.runAt } : {}),
    ...(opts.scheduledAt ? { scheduledAt: opts.scheduledAt } : {}),
    ...(opts.dedupeKey ? { dedupeKey: opts.dedupeKey } : {}),
  });
}

export interface JobStatus {
  id: string;
  kind: string;
  status: repo.JobRow['status'];
  attempts: number;
  maxAttempts: number;
  progress: { total: number; done: number; failed: number };
  cancelRequested: boolean;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function toStatus(row: repo.JobRow): JobStatus {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    progress: { total: row.progressTotal, done: row.progressDone, failed: row.progressFailed },
    cancelRequested: row.cancelRequestedAt !== null,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The job's state and progress, for the service that owns it (another organization's job: 404). */
export async function getJob(db: Executor, orgId: string, id: string): Promise<JobStatus> {
  const row = await repo.findJob(db, orgId, id);
  if (!row) throw notFound('Job');
  return toStatus(row);
}

/**
 * Cancels the job: a waiting one at once, a running one as soon as its worker's next heartbeat
 * sees the request (the handler's AbortSignal fires). Works from any process: the request lives
 * in the table. Cancelling a finished job changes nothing.
 */
export async function cancelJob(db: Executor, orgId: string, id: string): Promise<JobStatus> {
  const row = await repo.requestCancel(db, orgId, id);
  if (!row) throw notFound('Job');
  return toStatus(row);
}
