import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AppContext } from '../app-context.js';
import { BullMqTransport } from './bullmq-transport.js';
import { backoffDelay, type JobContext, type JobDefinition, type RepeatingJob } from './define-job.js';
import { enqueue } from './jobs.js';
import * as repo from './jobs.repository.js';

export interface JobRunnerOptions {
  /** How long a claimed job stays ours without a heartbeat (heartbeats every third of it). */
  leaseMs: number;
  /** How often an idle runner looks for due jobs (and repeating jobs' intervals). */
  pollMs: number;
  /** BullMQ when set; otherwise workers claim from the table in this process. */
  redis?: { url: string; prefix: string };
  /** A job handed to BullMQ and still waiting after this long is handed over again. */
  redispatchMs?: number;
}

class Stop extends Error {
  constructor(readonly why: 'cancelled' | 'lease-lost' | 'shutdown') {
    super(
      why === 'cancelled'
        ? 'job cancelled'
        : why === 'lease-lost'
          ? 'job lease lost'
          : 'worker shutting down',
    );
  }
}

interface Running {
  row: repo.JobRow;
  abort: AbortController;
  done: Promise<void>;
}

interface QueueState {
  name: string;
  concurrency: number;
  kinds: string[];
  active: number;
  /** The claim loop of this queue in flight (one at a time, so `active` never passes `concurrency`). */
  claiming?: Promise<void> | undefined;
  /** A slot was freed while the loop ran: it looks again before it ends. */
  claimAgain?: boolean;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs the registered jobs in this process: claims due jobs (from the table, or as BullMQ hands
 * their ids over), heartbeats their leases, finishes, retries with backoff, and reconciles jobs
 * whose worker died (an expired lease goes back to the queue, the attempt counted). Every
 * process with a runner also enqueues the repeating jobs' intervals; one row per interval makes
 * each run once.
 */
export class JobRunner {
  readonly kind: 'bullmq' | 'in-process';
  /** `<host>:<pid>:` names this process; the random part tells runners of one process apart. */
  private static readonly processOwner = `${hostname()}:${process.pid}:`;
  readonly owner = `${JobRunner.processOwner}${randomBytes(3).toString('hex')}`;
  private readonly defs = new Map<string, JobDefinition>();
  private readonly queues = new Map<string, QueueState>();
  private readonly running = new Map<string, Running>();
  private readonly transport: BullMqTransport | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly log: Logger;
  private polling: Promise<void> | undefined;
  private repeatSlots = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly app: AppContext,
    definitions: JobDefinition[],
    private readonly repeating: RepeatingJob[],
    private readonly opts: JobRunnerOptions,
  ) {
    this.log = app.log.child({ component: 'jobs' });
    for (const def of [...definitions, ...repeating.map((r) => r.job)]) {
      const known = this.defs.get(def.name);
      if (known && known !== def) throw new Error(`two job definitions are named ${def.name}`);
      this.defs.set(def.name, def);
      const queue = this.queues.get(def.queue);
      if (queue && known !== def) {
        if (queue.concurrency !== def.concurrency)
          throw new Error(`jobs of queue ${def.queue} disagree on its concurrency`);
        queue.kinds.push(def.name);
      } else if (!queue) {
        this.queues.set(def.queue, {
          name: def.queue,
          concurrency: def.concurrency,
          kinds: [def.name],
          active: 0,
        });
      }
    }
    this.kind = opts.redis ? 'bullmq' : 'in-process';
    if (opts.redis)
      this.transport = new BullMqTransport({
        redisUrl: opts.redis.url,
        prefix: opts.redis.prefix,
        log: this.log,
      });
  }

  start(): void {
    this.transport?.startWorkers([...this.queues.values()], (id, queue) => this.runHandedOver(id, queue));
    this.every('poll', this.opts.pollMs, () => this.poll());
    this.every('heartbeat', Math.max(100, Math.floor(this.opts.leaseMs / 3)), () => this.heartbeat());
    this.every('reconcile', Math.max(100, Math.floor(this.opts.leaseMs / 2)), async () => {
      await this.reconcile();
    });
    // The embedded database belongs to this process alone: whatever it shows as running was held
    // by a process that is gone (killed or crashed), so take it back now rather than after a lease.
    const startup =
      this.app.database.kind === 'pglite'
        ? this.reconcile({ orphansOfDeadProcess: true })
        : Promise.resolve(0);
    void startup
      .catch((err: unknown) => this.log.warn({ err }, 'job runner: start-up reconcile failed'))
      .then(() => this.poll())
      .catch(() => undefined);
  }

  /** Runs `fn` every `ms`; logs when a step starts failing and when it recovers, not every time. */
  private every(step: string, ms: number, fn: () => Promise<void>) {
    let busy = false;
    let failing = false;
    const timer = setInterval(() => {
      if (busy || this.closed) return;
      busy = true;
      fn()
        .then(() => {
          if (failing) this.log.info({ step }, 'job runner: recovered');
          failing = false;
        })
        .catch((err: unknown) => {
          if (!failing) this.log.warn({ err, step }, 'job runner: step failing; retrying quietly');
          failing = true;
        })
        .finally(() => (busy = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Looks for work now (tests and the repeating scheduler call it instead of waiting a poll). */
  async poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        await this.enqueueRepeating();
        const mode = this.transport?.mode ?? 'database';
        if (mode === 'bullmq') await this.dispatch();
        // Redis unreachable: the table is the queue, so claim from it as without Redis.
        else if (mode === 'database') await this.claimLocal();
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private async enqueueRepeating(): Promise<void> {
    const now = Date.now();
    for (const r of this.repeating) {
      // Intervals on the wall-clock grid: every process computes the same slot for "now".
      const slot = Math.floor(now / r.everyMs) * r.everyMs;
      if ((this.repeatSlots.get(r.job.name) ?? -1) >= slot) continue;
      this.repeatSlots.set(r.job.name, slot);
      // A run still waiting or going makes this interval skip: runs never pile up or overlap.
      if (await repo.hasActive(this.app.db, r.job.name)) continue;
      await enqueue(this.app.db, r.job, r.payload ?? {}, {
        dedupeKey: `repeat:${r.job.name}:${slot}`,
        scheduledAt: new Date(slot),
      });
    }
  }

  private async claimLocal(): Promise<void> {
    for (const queue of this.queues.values()) await this.claimQueue(queue);
  }

  private claimQueue(queue: QueueState): Promise<void> {
    if (queue.claiming) {
      queue.claimAgain = true;
      return queue.claiming;
    }
    const loop = async () => {
      do {
        queue.claimAgain = false;
        while (!this.closed && queue.active < queue.concurrency) {
          const row = await repo.claimNext(
            this.app.db,
            queue.name,
            queue.kinds,
            this.owner,
            this.opts.leaseMs,
          );
          if (!row) break;
          this.track(row);
        }
      } while (queue.claimAgain && !this.closed);
    };
    // Cleared in a later microtask, after the assignment (a loop with nothing to do ends at once).
    const claiming: Promise<void> = loop().finally(() => {
      if (queue.claiming === claiming) queue.claiming = undefined;
    });
    queue.claiming = claiming;
    return queue.claiming;
  }

  private async dispatch(): Promise<void> {
    const due = await repo.takeForDispatch(
      this.app.db,
      [...this.queues.keys()],
      this.opts.redispatchMs ?? Math.max(2_000, this.opts.leaseMs),
      100,
    );
    for (const job of due) await this.transport!.dispatch(job);
  }

  /** BullMQ handed a job id over: claim it (another worker may have it already) and run it. */
  private async runHandedOver(id: string, queueName: string): Promise<void> {
    if (this.closed) return;
    const queue = this.queues.get(queueName);
    // Jobs claimed from the database during a Redis outage may still fill the queue: leave this
    // one queued; it is handed over again after `redispatchMs`.
    if (queue && queue.active >= queue.concurrency) return;
    const kinds = [...this.defs.keys()];
    const row = await repo.claimById(this.app.db, id, kinds, this.owner, this.opts.leaseMs);
    if (!row) return;
    await this.track(row).done;
  }

  private track(row: repo.JobRow): Running {
    const queue = this.queues.get(row.queue)!;
    queue.active += 1;
    const abort = new AbortController();
    const entry: Running = { row, abort, done: Promise.resolve() };
    this.running.set(row.id, entry);
    entry.done = this.execute(row, abort).finally(() => {
      queue.active -= 1;
      this.running.delete(row.id);
      // A freed slot takes the next job of its queue without waiting for the poll timer (the
      // other queues' slots did not change: looking there too cost one UPDATE per queue per job).
      if (!this.closed && (this.transport?.mode ?? 'database') === 'database')
        void this.claimQueue(queue).catch(() => undefined);
    });
    return entry;
  }

  private async execute(row: repo.JobRow, abort: AbortController): Promise<void> {
    const def = this.defs.get(row.kind)!;
    const log = this.log.child({ job: row.kind, jobId: row.id, attempt: row.attempts });
    const started = performance.now();
    try {
      const payload = def.payload.safeParse(row.payload);
      if (!payload.success) {
        await repo.finishJob(
          this.app.db,
          row.id,
          this.owner,
          'failed',
          `invalid payload: ${payload.error.message}`,
        );
        return;
      }
      await def.handler(this.context(row, payload.data, abort.signal, log));
      if (abort.signal.aborted) throw abort.signal.reason;
      await repo.finishJob(this.app.db, row.id, this.owner, 'succeeded', null);
      log.info({ ms: Math.round(performance.now() - started) }, 'job succeeded');
    } catch (err) {
      await this.settleFailure(row, def, abort.signal.aborted ? abort.signal.reason : err, log);
    }
  }

  private async settleFailure(row: repo.JobRow, def: JobDefinition, err: unknown, log: Logger) {
    if (err instanceof Stop) {
      if (err.why === 'cancelled') await repo.finishJob(this.app.db, row.id, this.owner, 'cancelled', null);
      else if (err.why === 'shutdown') await repo.releaseJob(this.app.db, row.id, this.owner);
      // lease-lost: the job is no longer ours; whoever holds it now finishes it.
      log.info({ why: err.why }, 'job stopped');
      return;
    }
    if (row.attempts < row.maxAttempts) {
      const delay = backoffDelay(def.backoff, row.attempts);
      await repo.retryJob(this.app.db, row.id, this.owner, delay, message(err));
      log.warn({ err, retryInMs: delay }, 'job attempt failed; retrying');
    } else {
      await repo.finishJob(this.app.db, row.id, this.owner, 'failed', message(err));
      log.error({ err }, 'job failed');
    }
  }

  private context<P>(row: repo.JobRow, payload: P, signal: AbortSignal, log: Logger): JobContext<P> {
    const db = this.app.db;
    return {
      app: this.app,
      payload,
      job: {
        id: row.id,
        kind: row.kind,
        orgId: row.orgId,
        attempt: row.attempts,
        scheduledAt: row.scheduledAt,
      },
      signal,
      log,
      setTotal: (total) => repo.setTotal(db, row.id, total),
      async item(key, run, opts) {
        if (signal.aborted) throw signal.reason;
        if (!opts?.knownUnfinished && (await repo.findItem(db, row.id, key))) return { status: 'skipped' };
        let result;
        try {
          result = await run(signal);
        } catch (err) {
          if (signal.aborted) throw signal.reason;
          await db.transaction((tx) => repo.recordItem(tx, row.id, key, 'failed', message(err)));
          return { status: 'failed', error: message(err) };
        }
        // The effect and the "finished" mark commit together, so the effect is stored exactly once.
        const recorded = await db.transaction(async (tx) => {
          if (!(await repo.recordItem(tx, row.id, key, 'done', null))) return false;
          await opts?.record?.(tx, result);
          return true;
        });
        return recorded ? { status: 'done', result } : { status: 'skipped' };
      },
    };
  }

  private async heartbeat(): Promise<void> {
    for (const [id, entry] of this.running) {
      if (entry.abort.signal.aborted) continue;
      const beat = await repo.heartbeat(this.app.db, id, this.owner, this.opts.leaseMs);
      if (!beat) entry.abort.abort(new Stop('lease-lost'));
      else if (beat.cancelRequested) entry.abort.abort(new Stop('cancelled'));
    }
  }

  /** Jobs whose worker died: back to the queue with backoff, or failed when out of attempts. */
  async reconcile(opts: { orphansOfDeadProcess?: boolean } = {}): Promise<number> {
    return this.app.db.transaction(async (tx) => {
      const expired = await repo.lockExpiredLeases(
        tx,
        opts.orphansOfDeadProcess ? 10_000 : 100,
        opts.orphansOfDeadProcess ? JobRunner.processOwner : undefined,
      );
      for (const row of expired) {
        const def = this.defs.get(row.kind);
        const why = `worker ${row.leaseOwner ?? '?'} stopped heartbeating (attempt ${row.attempts})`;
        if (row.cancelRequestedAt) await repo.endExpired(tx, row.id, 'cancelled', why);
        else if (row.attempts >= row.maxAttempts) {
          await repo.endExpired(tx, row.id, 'failed', why);
          const payload = def?.payload.safeParse(row.payload);
          if (def?.gaveUp && payload?.success) await def.gaveUp(tx, payload.data, why);
        } else await repo.requeueExpired(tx, row.id, def ? backoffDelay(def.backoff, row.attempts) : 0, why);
        this.log.warn({ jobId: row.id, job: row.kind }, `reconciled: ${why}`);
      }
      return expired.length;
    });
  }

  /** Stops taking jobs, stops running ones (they go back to the queue, attempt not counted). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.polling?.catch(() => undefined);
    for (const entry of this.running.values()) entry.abort.abort(new Stop('shutdown'));
    await Promise.allSettled([...this.running.values()].map((e) => e.done));
    await this.transport?.close();
  }
}
