import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Tx } from '../db/database.js';

export interface Backoff {
  type: 'fixed' | 'exponential';
  /** Delay before the second attempt; exponential doubles it for each further attempt. */
  delayMs: number;
  /** Upper bound for exponential backoff. */
  maxDelayMs?: number;
}

export type ItemOutcome<R> =
  { status: 'done'; result: R } | { status: 'failed'; error: string } | { status: 'skipped' };

export interface ItemOptions<R> {
  /**
   * Writes the item's effect in the same transaction as its "finished" mark, so the effect is
   * stored exactly once even when the item was computed twice (a worker died in between).
   */
  record?: (tx: Tx, result: R) => Promise<void>;
  /**
   * The caller has already read which items are finished (e.g. from its own result rows) and
   * knows this one is not: skip the lookup. Recording stays exactly-once either way.
   */
  knownUnfinished?: boolean;
}

/** What a handler sees of its run. */
export interface JobContext<P> {
  app: AppContext;
  payload: P;
  job: {
    id: string;
    kind: string;
    orgId: string | null;
    /** 1 for the first attempt. */
    attempt: number;
    /** When the job was meant to run (the interval's start for repeating jobs). */
    scheduledAt: Date;
  };
  /** Aborted when the job is cancelled, its lease is lost or the worker shuts down. */
  signal: AbortSignal;
  log: Logger;
  /** Sets the number of items this run will process (progress.total). */
  setTotal(total: number): Promise<void>;
  /**
   * Runs one item once: an item already finished by an earlier attempt is skipped. `run` may do
   * network I/O (it runs outside any transaction); a throw marks the item failed (counted in
   * progress.failed) unless the job was aborted, which stops the run and leaves the item to the
   * next attempt.
   */
  item<R>(
    key: string,
    run: (signal: AbortSignal) => Promise<R>,
    opts?: ItemOptions<R>,
  ): Promise<ItemOutcome<R>>;
}

export interface JobOptions<S extends z.ZodType> {
  /** Stable id of the kind, stored on every job row. */
  name: string;
  payload: S;
  /** Jobs of a queue share its workers; give each kind its own queue so none starves another. */
  queue: string;
  /** Jobs of this queue that one worker process runs at the same time. */
  concurrency: number;
  /** Total attempts, the first included (a dead worker's attempt counts). */
  attempts: number;
  backoff: Backoff;
  handler: (ctx: JobContext<z.output<S>>) => Promise<void>;
  /**
   * Called in the reconciler's transaction when a job whose worker died is out of attempts (its
   * handler never saw the last failure), so the job's own records can say it failed too.
   */
  gaveUp?: (tx: Tx, payload: z.output<S>, reason: string) => Promise<void>;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobOptions<S> {
  readonly __job: true;
}

/** Declares a kind of background job. Register it in the job list that the runners load. */
export function defineJob<S extends z.ZodType>(opts: JobOptions<S>): JobDefinition<S> {
  if (!/^[a-z0-9][a-z0-9.:-]*$/.test(opts.name))
    throw new Error(`job name "${opts.name}" must be kebab-case`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(opts.queue))
    throw new Error(`queue name "${opts.queue}" must be kebab-case`);
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new Error('concurrency must be ≥ 1');
  if (!Number.isInteger(opts.attempts) || opts.attempts < 1) throw new Error('attempts must be ≥ 1');
  return { ...opts, __job: true };
}

/** Delay before attempt `attempt + 1` after attempt `attempt` failed. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  const delay = backoff.delayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(delay, backoff.maxDelayMs ?? 3_600_000);
}

/** A job enqueued once per interval by every runner; the interval's row key makes it run once. */
export interface RepeatingJob {
  job: JobDefinition;
  everyMs: number;
  payload?: unknown;
}
