import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BullMqScheduler } from './bullmq-scheduler.js';
import type { RepeatableJob } from './scheduler.js';
import { expectOneRunPerInterval } from './test-support.js';

const redisUrl = process.env.TEST_REDIS_URL;
const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INTERVAL = 300;

describe.runIf(redisUrl)('BullMQ scheduler', () => {
  const prefix = `promptops-test:${randomUUID()}:`;
  const schedulers: BullMqScheduler[] = [];
  const scheduler = () => {
    const sch = new BullMqScheduler({ redisUrl: redisUrl!, prefix, log });
    schedulers.push(sch);
    return sch;
  };

  afterAll(async () => {
    await Promise.all(schedulers.map((sch) => sch.close()));
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('runs a job once per interval with two workers on one Redis', async () => {
    const name = `test-job-${randomUUID()}`;
    const runs: { worker: string; slot: number }[] = [];
    const job = (worker: string): RepeatableJob => ({
      name,
      everyMs: INTERVAL,
      async run({ scheduledAt }) {
        runs.push({ worker, slot: scheduledAt.getTime() });
      },
    });
    const a = scheduler();
    const b = scheduler();
    await a.add(job('a'));
    // The second worker joins later, while a run may be in progress: its upsert must not add a run.
    await sleep(INTERVAL * 2 + 20);
    await b.add(job('b'));
    await sleep(2_000 - INTERVAL * 2 - 20);
    await a.remove(name);
    await Promise.all([a.close(), b.close()]);
    expectOneRunPerInterval(runs, INTERVAL, 2_000);
    // One grid: every run is a whole number of intervals after the first.
    for (const r of runs) expect((r.slot - runs[0]!.slot) % INTERVAL).toBe(0);
  });

  it('keeps keys under the configured prefix', async () => {
    const redis = new Redis(redisUrl!);
    const ours = await redis.keys(`${prefix}*`);
    const stray = await redis.keys(`bull:*`);
    await redis.quit();
    expect(ours.length).toBeGreaterThan(0);
    expect(stray.filter((k) => k.includes(prefix))).toEqual([]);
  });
});
