import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { leaseFor, type RunLease } from '../jobs/run-lease.js';
import type { EventBus } from './event-bus.js';
import { toPlatformEvent } from './events.js';
import * as repo from './outbox.repository.js';

const LEASE_NAME = 'outbox-relay';
const BATCH = 500;

export interface OutboxRelayOptions {
  intervalMs?: number;
}

/**
 * Moves committed outbox rows onto the event bus. One relay at a time publishes (a leader lease:
 * a session advisory lock on PostgreSQL, the process itself on the embedded database), so the bus
 * sees events in id order. A relay that dies after sequencing but before publishing leaves rows
 * with `published_at` unset; the next leader publishes them first (at-least-once delivery).
 */
export class OutboxRelay {
  private readonly lease: RunLease;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly intervalMs: number;

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
    private readonly log: Logger,
    opts: OutboxRelayOptions = {},
  ) {
    this.lease = leaseFor(database, log);
    this.intervalMs = opts.intervalMs ?? 200;
  }

  start(): void {
    this.schedule();
  }

  private schedule() {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.running = this.tickLogged().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private failing = false;

  private async tickLogged(): Promise<void> {
    try {
      await this.tick();
      if (this.failing) this.log.info('outbox relay: recovered');
      this.failing = false;
    } catch (err) {
      // Once per outage, not every tick.
      if (!this.failing) this.log.warn({ err }, 'outbox relay: publishing fails; retrying quietly');
      this.failing = true;
    }
  }

  /** One pass: sequence what committed, publish what is sequenced. Returns events published. */
  async tick(): Promise<number> {
    if (this.closed || !(await this.lease.claim(LEASE_NAME, Date.now()))) return 0;
    if (!(await repo.hasPendingWork(this.database.db))) return 0;
    let published = 0;
    for (;;) {
      await this.database.db.transaction(async (tx) => {
        // Serialises sequencing even during a leadership hand-over, so ids follow commit order.
        await repo.lockSequencing(tx);
        await repo.sequencePending(tx, BATCH);
      });
      const rows = await repo.listUnpublished(this.database.db, BATCH);
      if (rows.length === 0) return published;
      await this.bus.publish(rows.map(toPlatformEvent));
      await repo.markPublished(
        this.database.db,
        rows.map((r) => r.id),
      );
      published += rows.length;
      if (rows.length < BATCH || this.closed) return published;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
    await this.lease.close();
  }
}
