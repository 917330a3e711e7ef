import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';

/**
 * Decides which of several in-process schedulers runs a job's interval. `claim` returns true to
 * exactly one caller per (job, interval) for all schedulers on the same database.
 */
export interface RunLease {
  claim(job: string, slotStart: number): Promise<boolean>;
  close(): Promise<void>;
}

// The embedded database lives inside one process, so schedulers sharing it can only be in this
// process: a process-wide record per database is a complete lease.
const localSlots = new WeakMap<object, Map<string, number>>();

export class LocalLease implements RunLease {
  private readonly slots: Map<string, number>;

  constructor(scope: object) {
    let slots = localSlots.get(scope);
    if (!slots) {
      slots = new Map();
      localSlots.set(scope, slots);
    }
    this.slots = slots;
  }

  async claim(job: string, slotStart: number): Promise<boolean> {
    // Check and set with no await in between: the event loop makes this atomic.
    if ((this.slots.get(job) ?? -Infinity) >= slotStart) return false;
    this.slots.set(job, slotStart);
    return true;
  }

  async close(): Promise<void> {}
}

/** First half of the two-key advisory lock: "PrOp", so our locks can't collide with others'. */
export const LOCK_CLASS = 0x50724f70;

/**
 * Leader election for processes sharing one PostgreSQL: the leader holds a session-level
 * advisory lock per job on a dedicated connection (not a pooled one: the pool would hand the
 * session, and with it the lock, to unrelated queries and could close it at any time). Only the
 * leader runs the job. When the leader dies its session ends, the lock is released and another
 * process takes over at its next interval. Every scheduler ticks on the same wall-clock grid,
 * so a new leader starts at the next interval and never repeats the one just run.
 */
export class PostgresLeaderLease implements RunLease {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly held = new Set<string>();
  private readonly lastSlot = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly log: Logger,
  ) {}

  async claim(job: string, slotStart: number): Promise<boolean> {
    if (this.closed || (this.lastSlot.get(job) ?? -Infinity) >= slotStart) return false;
    let leader: boolean;
    try {
      leader = await this.ensureLeader(job);
    } catch (err) {
      this.log.warn({ err, job }, 'job lease: database unreachable, skipping this interval');
      this.drop();
      return false;
    }
    if (leader) this.lastSlot.set(job, slotStart);
    return leader;
  }

  private async ensureLeader(job: string): Promise<boolean> {
    const client = await this.connection();
    if (this.held.has(job)) {
      // The session is alive, so the lock it holds is too (an error here means we lost both).
      await client.query('SELECT 1');
      return true;
    }
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok',
      [LOCK_CLASS, job],
    );
    if (rows[0]?.ok) {
      this.held.add(job);
      this.log.info({ job }, 'this process now runs the job (lease acquired)');
      return true;
    }
    return false;
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new pg.Client(this.clientConfig);
      client.on('error', (err) => {
        this.log.warn({ err }, 'job lease connection failed; leadership released');
        if (this.client === client) this.drop();
      });
      try {
        await client.connect();
      } catch (err) {
        this.connecting = undefined;
        throw err;
      }
      this.client = client;
      this.connecting = undefined;
      return client;
    })();
    return this.connecting;
  }

  private drop() {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    void client?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    this.held.clear();
    // Ending the session releases its advisory locks, so another process can take over at once.
    await client?.end().catch(() => undefined);
  }
}

/** The lease that fits the database: local for the embedded one, leader election on PostgreSQL. */
export function leaseFor(database: Database, log: Logger): RunLease {
  if (database.kind === 'pglite') return new LocalLease(database);
  return new PostgresLeaderLease({ ...database.pool.options }, log);
}
