import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { InProcessScheduler } from './in-process-scheduler.js';
import { LocalLease, PostgresLeaderLease, leaseFor } from './run-lease.js';
import type { RepeatableJob } from './scheduler.js';
import { expectOneRunPerInterval } from './test-support.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INTERVAL = 300;

interface Run {
  worker: string;
  slot: number;
}

function countingJob(name: string, worker: string, runs: Run[], work = async () => {}): RepeatableJob {
  return {
    name,
    everyMs: INTERVAL,
    async run({ scheduledAt }) {
      runs.push({ worker, slot: scheduledAt.getTime() });
      await work();
    },
  };
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe('in-process scheduler', () => {
  it('uses a leader lease on PostgreSQL and a process-local lease on the embedded database', () => {
    const lease = leaseFor(s.ctx.database, log);
    expect(lease).toBeInstanceOf(s.dbKind === 'postgres' ? PostgresLeaderLease : LocalLease);
    void lease.close();
  });

  it('runs a job once per interval with two schedulers on one database', async () => {
    const name = `test-job-${randomUUID()}`;
    const runs: Run[] = [];
    const a = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    const b = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    await a.add(countingJob(name, 'a', runs));
    await b.add(countingJob(name, 'b', runs));
    await sleep(2_000);
    await Promise.all([a.close(), b.close()]);
    expectOneRunPerInterval(runs, INTERVAL, 2_000);
    for (const r of runs) expect(r.slot % INTERVAL).toBe(0);
  });

  it('hands the job to another scheduler when the one running it stops', async () => {
    const name = `test-job-${randomUUID()}`;
    const runs: Run[] = [];
    const a = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    const b = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    await a.add(countingJob(name, 'a', runs));
    await b.add(countingJob(name, 'b', runs));
    await sleep(1_000);
    const first = runs[0]!.worker;
    await (first === 'a' ? a : b).close();
    const stoppedAt = runs.length;
    await sleep(1_000);
    await Promise.all([a.close(), b.close()]);
    expect(runs.slice(stoppedAt).length).toBeGreaterThanOrEqual(2);
    expect(runs.slice(stoppedAt).every((r) => r.worker !== first)).toBe(true);
    const slots = runs.map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('never overlaps runs: an interval that finds the previous run going is skipped', async () => {
    const runs: Run[] = [];
    let active = 0;
    let maxActive = 0;
    const scheduler = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    await scheduler.add(
      countingJob(`slow-job-${randomUUID()}`, 'a', runs, async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(INTERVAL * 2 + 50);
        active -= 1;
      }),
    );
    await sleep(2_000);
    await scheduler.close();
    expect(maxActive).toBe(1);
    // Each run takes about 2.2 intervals, so roughly every third interval runs.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(3);
  });

  it('keeps the schedule after a run fails, and close() waits for the running job', async () => {
    const runs: Run[] = [];
    let finished = 0;
    const scheduler = new InProcessScheduler(leaseFor(s.ctx.database, log), log);
    await scheduler.add(
      countingJob(`failing-job-${randomUUID()}`, 'a', runs, async () => {
        if (runs.length === 1) throw new Error('first run fails');
        await sleep(100);
        finished += 1;
      }),
    );
    await sleep(INTERVAL * 3 + 100);
    await scheduler.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(runs.length - 1);
  });
});
