import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signup, sql, startTestServer, type Session, type TestServer } from '../../../test/harness.js';
import { AppError } from '../errors.js';
import {
  cancelJob,
  defineJob,
  enqueue,
  getJob,
  JobRunner,
  type JobContext,
  type JobDefinition,
} from './index.js';
import * as repo from './jobs.repository.js';

const LEASE_MS = 1500;

let s: TestServer;
let org: Session;
beforeAll(async () => {
  s = await startTestServer();
  org = await signup(s.app);
});
afterAll(async () => s?.close());

const uid = () => randomBytes(4).toString('hex');

function testJob(
  handler: (ctx: JobContext<{ n: number }>) => Promise<void>,
  opts: Partial<Pick<JobDefinition, 'attempts' | 'concurrency' | 'queue' | 'backoff'>> = {},
) {
  const name = `t-${uid()}`;
  return defineJob({
    name,
    payload: z.object({ n: z.number().int() }),
    queue: opts.queue ?? name,
    concurrency: opts.concurrency ?? 1,
    attempts: opts.attempts ?? 3,
    backoff: opts.backoff ?? { type: 'fixed', delayMs: 50 },
    handler,
  });
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  // performance.now: tests may fake Date.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const jobRow = async (id: string) => (await repo.findJob(s.ctx.db, org.orgId, id))!;
const finished = (id: string) =>
  until(`job ${id} to finish`, async () => {
    const row = await jobRow(id);
    return ['succeeded', 'failed', 'cancelled'].includes(row.status) && row;
  });

const modes = ['in-process', ...(process.env.TEST_REDIS_URL ? ['bullmq' as const] : [])] as const;

describe.each(modes)('jobs (%s runner)', (mode) => {
  const runners: JobRunner[] = [];
  const runner = (defs: JobDefinition[], extra: { redispatchMs?: number } = {}) => {
    const r = new JobRunner(s.ctx, defs, [], {
      leaseMs: LEASE_MS,
      pollMs: 50,
      ...(mode === 'bullmq'
        ? { redis: { url: process.env.TEST_REDIS_URL!, prefix: s.ctx.config.REDIS_PREFIX } }
        : {}),
      ...extra,
    });
    runners.push(r);
    r.start();
    return r;
  };
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });

  it('runs a job enqueued in a committed transaction once, and never one from a rolled-back transaction', async () => {
    const runs: number[] = [];
    const job = testJob(async ({ payload }) => void runs.push(payload.n));
    const committed = await s.ctx.db.transaction((tx) => enqueue(tx, job, { n: 1 }, { orgId: org.orgId }));
    await expect(
      s.ctx.db.transaction(async (tx) => {
        await enqueue(tx, job, { n: 2 }, { orgId: org.orgId });
        throw new Error('the request failed after enqueueing');
      }),
    ).rejects.toThrow('the request failed');
    runner([job]);
    runner([job]);
    const row = await finished(committed!);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(1);
    // Closed runners have finished whatever they had started: a second run would show now.
    await Promise.all(runners.splice(0).map((r) => r.close()));
    expect(runs).toEqual([1]);
    const rows = await sql(s.ctx, `SELECT id FROM jobs WHERE kind = $1`, [job.name]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a payload that does not match the schema, naming the field', async () => {
    const job = testJob(async () => {});
    const err = await enqueue(s.ctx.db, job, { n: 'x' as unknown as number }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect(JSON.stringify((err as AppError).extra.errors)).toContain('payload.n');
  });

  it('retries a failing attempt with backoff, skipping the items that finished, then fails for good', async () => {
    const seen: string[] = [];
    const job = testJob(
      async (ctx) => {
        await ctx.setTotal(6);
        for (let i = 0; i < 6; i++) {
          await ctx.item(`k${i}`, async () => {
            seen.push(`a${ctx.job.attempt}:k${i}`);
            // Item 3 fails the first attempt as a whole; item 5 fails on its own every time.
            if (i === 3 && ctx.job.attempt === 1) throw Object.assign(new Error('boom'), { fatal: true });
            if (i === 5) throw new Error('item 5 is bad');
            return i;
          });
          if (i === 3 && ctx.job.attempt === 1) throw new Error('attempt 1 crashed');
        }
      },
      { attempts: 2, backoff: { type: 'fixed', delayMs: 300 } },
    );
    const id = (await enqueue(s.ctx.db, job, { n: 0 }, { orgId: org.orgId }))!;
    runner([job]);
    const row = await finished(id);
    // Attempt 1: k0..k2 done, k3 failed (recorded), then the attempt crashed. Attempt 2 skipped all four.
    expect(seen).toEqual(['a1:k0', 'a1:k1', 'a1:k2', 'a1:k3', 'a2:k4', 'a2:k5']);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
    expect(await getJob(s.ctx.db, org.orgId, id)).toMatchObject({
      status: 'succeeded',
      progress: { total: 6, done: 4, failed: 2 },
    });
    const items = await sql<{ key: string; status: string }>(
      s.ctx,
      `SELECT key, status FROM job_items WHERE job_id = $1 ORDER BY key`,
      [id],
    );
    expect(items.map((i) => `${i.key}:${i.status}`)).toEqual([
      'k0:done',
      'k1:done',
      'k2:done',
      'k3:failed',
      'k4:done',
      'k5:failed',
    ]);

    const always = testJob(
      async () => {
        throw new Error('never works');
      },
      { attempts: 3, backoff: { type: 'exponential', delayMs: 100 } },
    );
    const failing = (await enqueue(s.ctx.db, always, { n: 0 }, { orgId: org.orgId }))!;
    const started = Date.now();
    runner([always]);
    const failed = await finished(failing);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: 'never works' });
    // Backoff 100 ms then 200 ms between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('cancels: a waiting job never starts; a running one sees its AbortSignal fire', async () => {
    let sawAbort: unknown;
    let started = false;
    const job = testJob(async ({ signal }) => {
      started = true;
      await sleep(60_000, undefined, { signal }).catch((err: unknown) => {
        sawAbort = signal.reason;
        throw err;
      });
    });
    const waiting = (await enqueue(
      s.ctx.db,
      job,
      { n: 0 },
      { orgId: org.orgId, runAt: new Date(Date.now() + 60_000) },
    ))!;
    expect((await cancelJob(s.ctx.db, org.orgId, waiting)).status).toBe('cancelled');

    const id = (await enqueue(s.ctx.db, job, { n: 1 }, { orgId: org.orgId }))!;
    runner([job]);
    await until('the job to start', async () => started);
    // Another process would do exactly this: the request goes through the table.
    const requested = Date.now();
    expect((await cancelJob(s.ctx.db, org.orgId, id)).cancelRequested).toBe(true);
    const row = await finished(id);
    expect(row.status).toBe('cancelled');
    expect(String(sawAbort)).toContain('cancelled');
    // The worker notices at its next heartbeat (every third of the lease).
    expect(Date.now() - requested).toBeLessThan(LEASE_MS);
    expect((await jobRow(waiting)).startedAt).toBeNull();
  });

  it('keeps queues apart: a busy queue does not starve another', async () => {
    const release: (() => void)[] = [];
    const slow = testJob(() => new Promise<void>((resolve) => release.push(resolve)), {
      queue: `slow-${uid()}`,
    });
    let fastRan = 0;
    const fast = testJob(async () => void (fastRan += 1), { queue: `fast-${uid()}` });
    const slowIds = [];
    for (let i = 0; i < 4; i++)
      slowIds.push((await enqueue(s.ctx.db, slow, { n: i }, { orgId: org.orgId }))!);
    runner([slow, fast]);
    await until('a slow job to start', async () => release.length === 1);
    const fastIds = [];
    for (let i = 0; i < 3; i++)
      fastIds.push((await enqueue(s.ctx.db, fast, { n: i }, { orgId: org.orgId }))!);
    for (const id of fastIds) expect((await finished(id)).status).toBe('succeeded');
    expect(fastRan).toBe(3);
    // The slow queue (concurrency 1) is still on its first job.
    expect(release).toHaveLength(1);
    while (release.length) release.shift()!();
    for (const id of slowIds) {
      await until(`slow job ${id}`, async () => {
        release.shift()?.();
        return (await jobRow(id)).status === 'succeeded';
      });
    }
  });

  it('re-runs a job whose worker died: the expired lease is reconciled and the attempt counted', async () => {
    const runs: number[] = [];
    const job = testJob(async ({ job }) => void runs.push(job.attempt));
    const id = (await enqueue(s.ctx.db, job, { n: 0 }, { orgId: org.orgId }))!;
    // A worker that claimed the job and then vanished (no heartbeat ever).
    const claimed = await repo.claimNext(s.ctx.db, job.queue, [job.name], 'dead-worker:1', 200);
    expect(claimed?.id).toBe(id);
    runner([job]);
    const row = await finished(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
    expect(runs).toEqual([2]);
  });

  it('fails a job whose last worker died and tells its definition, in the same transaction', async () => {
    const told: { n: number; reason: string }[] = [];
    const job = {
      ...testJob(async () => undefined, { attempts: 1 }),
      gaveUp: async (_tx: unknown, payload: { n: number }, reason: string) =>
        void told.push({ ...payload, reason }),
    } as JobDefinition;
    const id = (await enqueue(s.ctx.db, job, { n: 7 }, { orgId: org.orgId }))!;
    await repo.claimNext(s.ctx.db, job.queue, [job.name], 'dead-worker:2', 200);
    runner([job]);
    const row = await finished(id);
    expect(row.status).toBe('failed');
    expect(told).toEqual([{ n: 7, reason: expect.stringContaining('dead-worker:2 stopped heartbeating') }]);
  });

  it('answers 404 for another organization’s job', async () => {
    const other = await signup(s.app);
    const job = testJob(async () => {});
    const id = (await enqueue(
      s.ctx.db,
      job,
      { n: 0 },
      { orgId: org.orgId, runAt: new Date(Date.now() + 60_000) },
    ))!;
    await expect(getJob(s.ctx.db, other.orgId, id)).rejects.toMatchObject({ status: 404 });
    await expect(cancelJob(s.ctx.db, other.orgId, id)).rejects.toMatchObject({ status: 404 });
    expect((await jobRow(id)).status).toBe('queued');
    await cancelJob(s.ctx.db, org.orgId, id);
  });

  it.runIf(mode === 'bullmq')('loses nothing when Redis loses every key of the installation', async () => {
    const runs: number[] = [];
    const job = testJob(async ({ payload }) => void runs.push(payload.n));
    // Dispatched to BullMQ by a runner that has no worker for the queue: the jobs wait in Redis.
    const dispatcher = runner([testJob(async () => {}, { queue: job.queue })]);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueue(s.ctx.db, job, { n: i }, { orgId: org.orgId }))!);
    // A poll already under way may have started before the last enqueue: wait for the next ones.
    await until('the three jobs to be handed to BullMQ', async () => {
      await dispatcher.poll();
      const dispatched = await sql(
        s.ctx,
        `SELECT id FROM jobs WHERE kind = $1 AND dispatched_at IS NOT NULL`,
        [job.name],
      );
      return dispatched.length === 3;
    });
    await dispatcher.close();
    // What a FLUSHALL does to this installation, without touching other users of the Redis server.
    const keys = await s.ctx.redis!.keys(`${s.ctx.config.REDIS_PREFIX}*`);
    expect(keys.length).toBeGreaterThan(0);
    await s.ctx.redis!.del(...keys);
    runner([job], { redispatchMs: 500 });
    for (const id of ids) expect((await finished(id)).status).toBe('succeeded');
    expect(runs.sort()).toEqual([0, 1, 2]);
  });
});

describe('repeating jobs', () => {
  it('run once per interval with two runners on one database (and one Redis when configured)', async () => {
    const INTERVAL = 300;
    const INTERVALS = 4;
    const runs: { slot: number; pid: string }[] = [];
    const job = testJob(async ({ job }) => void runs.push({ slot: job.scheduledAt.getTime(), pid: job.id }));
    // Only Date is faked: runners place intervals on the wall-clock grid, and the test moves that
    // clock one interval at a time instead of waiting for it. Timers, database and Redis are real.
    vi.useFakeTimers({ toFake: ['Date'] });
    const make = () =>
      new JobRunner(s.ctx, [], [{ job, everyMs: INTERVAL, payload: { n: 0 } }], {
        leaseMs: LEASE_MS,
        pollMs: 40,
        ...(process.env.TEST_REDIS_URL
          ? { redis: { url: process.env.TEST_REDIS_URL, prefix: s.ctx.config.REDIS_PREFIX } }
          : {}),
      });
    const a = make();
    const b = make();
    try {
      const first = Math.ceil(Date.now() / INTERVAL) * INTERVAL;
      vi.setSystemTime(first);
      a.start();
      b.start();
      for (let i = 0; i < INTERVALS; i++) {
        vi.setSystemTime(first + i * INTERVAL + 1);
        // Both runners look at the clock at once, as their poll timers do.
        await Promise.all([a.poll(), b.poll()]);
        await until(`interval ${i} to run`, async () => runs.length >= i + 1);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
      vi.useRealTimers();
    }
    const rows = await sql<{ scheduled_at: Date; status: string; attempts: number }>(
      s.ctx,
      `SELECT scheduled_at, status, attempts FROM jobs WHERE kind = $1 ORDER BY scheduled_at`,
      [job.name],
    );
    const slots = runs.map((r) => r.slot).sort((x, y) => x - y);
    // Each interval ran exactly once (none twice, none lost), on the interval grid.
    expect(new Set(slots).size).toBe(INTERVALS);
    expect(slots).toHaveLength(INTERVALS);
    for (const slot of slots) expect(slot % INTERVAL).toBe(0);
    expect(rows.map((r) => new Date(r.scheduled_at).getTime())).toEqual(slots);
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
  });
});

describe('job metrics', () => {
  it('exposes the backlog per kind, the oldest due wait per queue and the relay lag', async () => {
    const job = testJob(async () => {});
    const id = (await enqueue(s.ctx.db, job, { n: 0 }, { orgId: org.orgId }))!;
    await sql(s.ctx, `UPDATE jobs SET run_at = now() - interval '90 seconds' WHERE id = $1`, [id]);
    const res = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`promptops_jobs{kind="${job.name}",status="queued"} 1`);
    const oldest = new RegExp(`promptops_jobs_oldest_due_seconds\\{queue="${job.queue}"\\} ([\\d.]+)`).exec(
      res.body,
    );
    expect(Number(oldest?.[1])).toBeGreaterThanOrEqual(90);
    expect(res.body).toMatch(/promptops_outbox_unpublished \d+/);
    // No tenant ids in the labels.
    expect(res.body).not.toContain(org.orgId);
    await cancelJob(s.ctx.db, org.orgId, id);
    const after = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(after.body).not.toContain(`kind="${job.name}"`);
  });
});
