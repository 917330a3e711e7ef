import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { closeAppContext, createAppContext } from '../src/bootstrap.js';
import type { AppContext } from '../src/platform/app-context.js';
import { enqueue } from '../src/platform/jobs/index.js';
import { startTestServer, sql, type TestServer } from './harness.js';
import { itemsTestJob } from './fixtures/items-test.job.js';
import { promptops, until } from './processes.js';

// The real `promptops` command in child processes, with a test-only job kind registered, killed
// with SIGKILL in the middle of a multi-item job.
const ITEMS = 24;
const ITEM_MS = 150;
const LEASE_MS = 1500;
const JOB_ENV = { JOBS_LEASE_MS: String(LEASE_MS), JOBS_POLL_INTERVAL_MS: '100' };

interface LogLine {
  event: 'start' | 'end';
  item: number;
  pid: number;
}
async function readLog(file: string): Promise<LogLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [event, item, pid] = l.split(' ');
      return { event: event as LogLine['event'], item: Number(item), pid: Number(pid) };
    });
}

/** Every item recorded once, and only the item in flight at the kill computed twice at most. */
async function expectEveryItemOnce(ctx: AppContext, jobId: string, log: LogLine[], killedPid: number) {
  const [job] = await sql<{
    status: string;
    attempts: number;
    progress_total: number;
    progress_done: number;
    progress_failed: number;
  }>(ctx, `SELECT * FROM jobs WHERE id = $1`, [jobId]);
  expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
  expect([job!.progress_total, job!.progress_done, job!.progress_failed]).toEqual([ITEMS, ITEMS, 0]);
  const items = await sql<{ key: string; status: string }>(
    ctx,
    `SELECT key, status FROM job_items WHERE job_id = $1 ORDER BY key`,
    [jobId],
  );
  expect(items.map((i) => i.key).sort()).toEqual(Array.from({ length: ITEMS }, (_, i) => `item-${i}`).sort());
  expect(items.every((i) => i.status === 'done')).toBe(true);

  const endedBeforeKill = new Set(
    log.filter((l) => l.pid === killedPid && l.event === 'end').map((l) => l.item),
  );
  const resumed = log.filter((l) => l.pid !== killedPid);
  expect(endedBeforeKill.size).toBeGreaterThanOrEqual(5);
  expect(resumed.length).toBeGreaterThan(0);
  // The resumed run started no item that had finished before the kill, except the one in flight:
  // computed, but killed before its record committed.
  const inFlight = Math.max(
    ...log.filter((l) => l.pid === killedPid && l.event === 'start').map((l) => l.item),
  );
  const redone = resumed.filter((l) => l.event === 'start' && endedBeforeKill.has(l.item)).map((l) => l.item);
  expect(redone.filter((item) => item !== inFlight)).toEqual([]);
  // ...and every item was computed once, except at most the one in flight when the process died.
  const starts = log.filter((l) => l.event === 'start').length;
  expect(starts).toBeGreaterThanOrEqual(ITEMS);
  expect(starts).toBeLessThanOrEqual(ITEMS + 1);
  for (let i = 0; i < ITEMS; i++) expect(log.some((l) => l.event === 'end' && l.item === i)).toBe(true);
}

describe.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres' && process.env.TEST_REDIS_URL)(
  'a worker process killed mid-job (PostgreSQL + Redis, two `promptops worker` processes)',
  () => {
    let s: TestServer;
    afterAll(async () => s?.close());

    it('is finished by the other worker, every item exactly once', async () => {
      s = await startTestServer();
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-jobs-'));
      const logFile = path.join(dir, 'items.log');
      await writeFile(logFile, '');
      const env = {
        DATABASE_URL: s.ctx.config.DATABASE_URL!,
        REDIS_URL: s.ctx.config.REDIS_URL!,
        REDIS_PREFIX: s.ctx.config.REDIS_PREFIX,
        PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
      };
      const workers = [
        promptops('worker', { ...JOB_ENV, ...env }),
        promptops('worker', { ...JOB_ENV, ...env }),
      ];
      for (const w of workers)
        await until('a worker to start', () => w.output().includes('PromptOps worker is running'));

      const jobId = (await enqueue(s.ctx.db, itemsTestJob, {
        items: ITEMS,
        delayMs: ITEM_MS,
        log: logFile,
      }))!;
      const log = await until('some items to finish', async () => {
        const lines = await readLog(logFile);
        return lines.filter((l) => l.event === 'end').length >= 6 && lines;
      });
      const victimPid = log.at(-1)!.pid;
      const victim = workers.find((w) => w.proc.pid === victimPid)!;
      expect(victim).toBeDefined();
      victim.proc.kill('SIGKILL');
      await victim.exited;

      await until(
        'the other worker to finish the job',
        async () =>
          (await sql<{ status: string }>(s.ctx, `SELECT status FROM jobs WHERE id = $1`, [jobId]))[0]
            ?.status === 'succeeded',
      );
      const finalLog = await readLog(logFile);
      await expectEveryItemOnce(s.ctx, jobId, finalLog, victimPid);
      const survivor = workers.find((w) => w !== victim)!;
      expect(finalLog.filter((l) => l.pid !== victimPid).every((l) => l.pid === survivor.proc.pid)).toBe(
        true,
      );

      survivor.proc.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
      await rm(dir, { recursive: true, force: true });
    }, 300_000);
  },
);

describe.runIf(process.env.PROMPTOPS_TEST_DB !== 'postgres')(
  'the embedded database, the process killed mid-job and started again',
  () => {
    it('has no separate workers: `promptops worker` refuses to open it, saying what to run instead', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-jobs-'));
      const worker = promptops('worker', { ...JOB_ENV, PROMPTOPS_DATA_DIR: dir });
      expect(await worker.exited).toBe(78);
      expect(worker.output()).toContain('promptops worker needs DATABASE_URL');
      expect(worker.output()).toContain('promptops start');
      await rm(dir, { recursive: true, force: true });
    }, 120_000);

    it('finishes the job after the restart, every item exactly once', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-jobs-'));
      const logFile = path.join(dir, 'items.log');
      await writeFile(logFile, '');
      const env = {
        PROMPTOPS_DATA_DIR: path.join(dir, 'data'),
        PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        PROMPTOPS_WEB_DIR: path.join(dir, 'no-web'),
      };
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
      let ctx = await createAppContext(config);
      const jobId = (await enqueue(ctx.db, itemsTestJob, { items: ITEMS, delayMs: ITEM_MS, log: logFile }))!;
      await closeAppContext(ctx);

      const first = promptops('start', { ...JOB_ENV, ...env });
      await until('some items to finish', async () => {
        const lines = await readLog(logFile);
        return lines.filter((l) => l.event === 'end').length >= 6;
      });
      first.proc.kill('SIGKILL');
      await first.exited;

      const second = promptops('start', { ...JOB_ENV, ...env });
      await until('the restarted process to finish the job', () =>
        second
          .output()
          .split('\n')
          .some((l) => l.includes('"job":"test-items"') && l.includes('job succeeded')),
      );
      // Stop cleanly: that frees the data dir for this process to open.
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      ctx = await createAppContext(config);
      try {
        await expectEveryItemOnce(ctx, jobId, await readLog(logFile), first.proc.pid!);
      } finally {
        await closeAppContext(ctx);
        await rm(dir, { recursive: true, force: true });
      }
    }, 300_000);
  },
);
