import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface BullMqTransportOptions {
  redisUrl: string;
  /** Key prefix (REDIS_PREFIX); BullMQ adds its own `:` separator. */
  prefix: string;
  log: Logger;
}

/**
 * Hands job ids to workers through BullMQ queues, one BullMQ queue per job queue. BullMQ only
 * carries the id: the row in Postgres is the job, so a lost BullMQ job (Redis flushed or
 * restarted) costs a re-dispatch, never the job.
 */
export class BullMqTransport {
  private readonly connection: Redis;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly opts: BullMqTransportOptions) {
    // BullMQ's blocking commands need a connection that never gives up on a request.
    this.connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (err) => opts.log.warn({ err }, 'job queue: Redis connection error'));
    this.prefix = opts.prefix.replace(/:+$/, '') || 'promptops';
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Starts a worker per queue; `run` claims and runs the job (it never throws). */
  startWorkers(queues: { name: string; concurrency: number }[], run: (jobId: string) => Promise<void>): void {
    for (const q of queues) {
      const worker = new Worker<{ id: string }>(q.name, async (job) => run(job.data.id), {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: q.concurrency,
      });
      worker.on('error', (err) => this.opts.log.warn({ err, queue: q.name }, 'job worker error'));
      this.workers.push(worker);
    }
  }

  /**
   * The BullMQ job id names the attempt, so handing the same attempt over twice (two dispatchers,
   * or a re-dispatch while it still waits in Redis) adds nothing.
   */
  async dispatch(job: { id: string; kind: string; queue: string; attempts: number }): Promise<void> {
    await this.queue(job.queue).add(
      job.kind,
      { id: job.id },
      { jobId: `${job.id}.${job.attempts}`, removeOnComplete: true, removeOnFail: true },
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
