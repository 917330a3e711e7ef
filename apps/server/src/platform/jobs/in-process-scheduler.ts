import type { Logger } from 'pino';
import type { RunLease } from './run-lease.js';
import { runLogged, type RepeatableJob, type Scheduler } from './scheduler.js';

interface Entry {
  job: RepeatableJob;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  lastSlot: number;
}

/**
 * Runs jobs on timers inside this process. Runs are aligned to a wall-clock grid (multiples of
 * the interval since the epoch), so every scheduler on every process agrees on which interval a
 * run belongs to; the lease then lets exactly one of them run it. A run still going when the
 * next interval starts makes that interval skip (no overlap).
 */
export class InProcessScheduler implements Scheduler {
  readonly kind = 'in-process' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly lease: RunLease,
    private readonly log: Logger,
  ) {}

  async add(job: RepeatableJob): Promise<void> {
    if (this.closed) throw new Error('scheduler is closed');
    if (this.entries.has(job.name)) throw new Error(`job ${job.name} is already scheduled`);
    const entry: Entry = { job, lastSlot: -Infinity };
    this.entries.set(job.name, entry);
    this.arm(entry, Date.now());
  }

  private arm(entry: Entry, from: number) {
    const every = entry.job.everyMs;
    const next = (Math.floor(from / every) + 1) * every;
    // unref: pending timers never keep a finished process alive.
    entry.timer = setTimeout(() => this.fire(entry, next), Math.max(0, next - Date.now()));
    entry.timer.unref();
  }

  private fire(entry: Entry, slot: number) {
    if (this.closed) return;
    // Re-arm from the slot, not from "now": a timer firing a millisecond early must not repeat it.
    this.arm(entry, Math.max(slot, Date.now()));
    if (slot <= entry.lastSlot) return;
    entry.lastSlot = slot;
    if (entry.running) {
      this.log.warn({ job: entry.job.name }, 'previous run still going; skipping this interval');
      return;
    }
    entry.running = this.runSlot(entry, slot).finally(() => {
      entry.running = undefined;
    });
  }

  private async runSlot(entry: Entry, slot: number) {
    try {
      if (!(await this.lease.claim(entry.job.name, slot))) return;
      if (this.closed) return;
      await runLogged(this.log, entry.job, { scheduledAt: new Date(slot), signal: this.abort.signal });
    } catch {
      // Logged by runLogged; the next interval tries again.
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort(new Error('scheduler closing'));
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await Promise.all([...this.entries.values()].map((e) => e.running));
    await this.lease.close();
  }
}
