import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { FAIL_FAST, RedisWatch } from '../redis.js';

export interface BullMqTransportOptions {
  redisUrl: string;
  /** Key prefix (REDIS_PREFIX); BullMQ adds its own `:` separator. */
  prefix: string;
  log: Logger;
}

/**
 * Hands job ids to workers through BullMQ queues, one BullMQ queue per job queue. BullMQ only
 * carries the id: the row in Postgres is the job, so a lost BullMQ job (Redis flushed or
 * restarted) costs a re-dispatch, never the job. While Redis is unreachable (`up` is false) the
 * runner claims due rows from the database itself.
 */
export class BullMqTransport {
  /** Adding jobs fails at once during an outage, so dispatching never waits on Redis. */
  private readonly producer: RedisWatch;
  /** BullMQ's blocking commands need a connection that never gives up on a request. */
  private readonly consumer: RedisWatch;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly opts: BullMqTransportOptions) {
    this.producer = new RedisWatch(new Redis(opts.redisUrl, FAIL_FAST), opts.log, { name: 'job queue' });
    this.consumer = new RedisWatch(new Redis(opts.redisUrl, { maxRetriesPerRequest: null }), opts.log, {
      name: 'job workers',
    });
    this.prefix = opts.prefix.replace(/:+$/, '') || 'promptops';
  }

  /**
   * How jobs get to workers right now: through BullMQ; from the database (Redis unreachable); or
   * not yet decided (the first connection attempt is still under way, at most the connect timeout).
   */
  get mode(): 'bullmq' | 'database' | 'connecting' {
    if (this.producer.up) return 'bullmq';
    return this.producer.state === 'down' ? 'database' : 'connecting';
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer.client, prefix: this.prefix });
      // The connection's errors: its watch logs the outage once.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Starts a worker per queue; `run` claims and runs the job (it never throws). */
  startWorkers(
    queues: { name: string; concurrency: number }[],
    run: (jobId: string, queue: string) => Promise<void>,
  ): void {
    for (const q of queues) {
      const worker = new Worker<{ id: string }>(q.name, async (job) => run(job.data.id, q.name), {
        connection: this.consumer.client,
        prefix: this.prefix,
        concurrency: q.concurrency,
      });
      worker.on('error', (err) => {
        // During an outage every reconnect attempt fails here too; the watch said it once.
        if (this.consumer.up) this.opts.log.warn({ err, queue: q.name }, 'job worker error');
      });
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
    // Without Redis a graceful close would wait for it to return; the runner has already
    // handed its running jobs back to the database.
    const force = !this.consumer.up;
    // A queue or worker created moments ago may still be asking Redis for its version: quitting
    // under that request rejects it where nobody listens. While Redis is up, let them finish.
    if (this.producer.up && this.consumer.up)
      await Promise.all(
        [...this.queues.values(), ...this.workers].map((q) => q.waitUntilReady().catch(() => undefined)),
      );
    await Promise.all(this.workers.map((w) => w.close(force)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    for (const { client } of [this.producer, this.consumer]) {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }
}
