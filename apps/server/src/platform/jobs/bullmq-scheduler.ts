import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { runLogged, type RepeatableJob, type Scheduler } from './scheduler.js';

export interface BullMqSchedulerOptions {
  redisUrl: string;
  /** Key prefix (REDIS_PREFIX); BullMQ adds its own `:` separator. */
  prefix: string;
  queueName?: string;
  log: Logger;
}

const KEEP_FINISHED = { count: 100 };

/**
 * The interval a scheduled job belongs to. BullMQ names each one `repeat:<scheduler>:<millis>`
 * (one id per interval is what makes it run once); `opts.prevMillis` is only the producer's guess.
 */
function scheduledMillis(job: Job): number {
  const millis = Number(job.id?.slice(job.id.lastIndexOf(':') + 1));
  return Number.isSafeInteger(millis) ? millis : job.timestamp;
}

/**
 * Repeatable jobs on BullMQ. Every process upserts the same job scheduler (idempotent); BullMQ
 * keeps one delayed job per interval (its id carries the interval's timestamp) and exactly one
 * worker takes it, so a job runs once per interval however many workers there are.
 */
export class BullMqScheduler implements Scheduler {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly jobs = new Map<string, RepeatableJob>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly opts: BullMqSchedulerOptions) {
    // BullMQ's blocking commands need a connection that never gives up on a request.
    this.connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (err) => opts.log.warn({ err }, 'job queue: Redis connection error'));
    const prefix = opts.prefix.replace(/:+$/, '') || 'promptops';
    const name = opts.queueName ?? 'jobs';
    this.queue = new Queue(name, { connection: this.connection, prefix });
  }

  // Created on the first add(), so this worker never takes a job it has no handler for yet.
  private startWorker(): void {
    if (this.worker) return;
    this.worker = new Worker(this.queue.name, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.queue.opts.prefix!,
      concurrency: 1,
    });
    this.worker.on('error', (err) => this.opts.log.warn({ err }, 'job worker error'));
  }

  private async process(job: Job): Promise<void> {
    const definition = this.jobs.get(job.name);
    if (!definition) throw new Error(`No handler for job ${job.name} in this worker`);
    const scheduledAt = new Date(scheduledMillis(job));
    await runLogged(this.opts.log, definition, { scheduledAt, signal: this.abort.signal });
  }

  async add(job: RepeatableJob): Promise<void> {
    if (this.closed) throw new Error('scheduler is closed');
    this.jobs.set(job.name, job);
    this.startWorker();
    await this.queue.waitUntilReady();
    // Start on the wall-clock grid (multiples of the interval), as the in-process scheduler does.
    // If Redis answers only after that instant, BullMQ starts at once and keeps that offset.
    const startDate = (Math.floor(Date.now() / job.everyMs) + 1) * job.everyMs;
    await this.queue.upsertJobScheduler(
      job.name,
      { every: job.everyMs, startDate },
      { name: job.name, opts: { removeOnComplete: KEEP_FINISHED, removeOnFail: KEEP_FINISHED } },
    );
  }

  /** For tests and operators: forget a schedule (running workers stop creating its jobs). */
  async remove(name: string): Promise<void> {
    await this.queue.removeJobScheduler(name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort(new Error('scheduler closing'));
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
