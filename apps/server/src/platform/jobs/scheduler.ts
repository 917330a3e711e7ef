import type { Logger } from 'pino';

/** What a job run knows about itself. */
export interface JobRun {
  /** Start of the interval this run belongs to (the same for every worker that sees it). */
  scheduledAt: Date;
  /** Aborted when the scheduler shuts down; long jobs should pass it on to their I/O. */
  signal: AbortSignal;
}

/** A job that runs once per interval across every worker of an installation. */
export interface RepeatableJob {
  /** Stable id: workers that register the same name share one schedule. */
  name: string;
  everyMs: number;
  run(run: JobRun): Promise<void>;
}

/**
 * Runs repeatable jobs: BullMQ when Redis is configured, in-process otherwise. Either way a job
 * runs at most once per interval however many processes schedule it.
 */
export interface Scheduler {
  readonly kind: 'bullmq' | 'in-process';
  add(job: RepeatableJob): Promise<void>;
  /** Stops scheduling, aborts and waits for running jobs, and releases connections. */
  close(): Promise<void>;
}

/** Runs one job, logging instead of throwing: a failed run must not stop the schedule. */
export async function runLogged(log: Logger, job: RepeatableJob, run: JobRun): Promise<void> {
  const started = performance.now();
  try {
    await job.run(run);
    log.debug(
      { job: job.name, scheduledAt: run.scheduledAt, ms: Math.round(performance.now() - started) },
      'job finished',
    );
  } catch (err) {
    log.error({ err, job: job.name, scheduledAt: run.scheduledAt }, 'job failed');
    throw err;
  }
}
