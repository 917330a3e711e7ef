import { type ChildProcess, spawn } from 'node:child_process';
import Fastify from 'fastify';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlatformEvent } from '@promptops/contracts';
import { loadConfig } from '../src/config.js';
import { createAppContext } from '../src/bootstrap.js';
import { emitEvent } from '../src/platform/events/events.js';
import { OutboxRelay } from '../src/platform/events/outbox-relay.js';
import { defineJob, enqueue, JobRunner } from '../src/platform/jobs/index.js';
import * as jobsRepo from '../src/platform/jobs/jobs.repository.js';
import { problemHandler } from '../src/platform/http/problem.js';
import { isRedisOutage, type RedisState, type RedisWatch } from '../src/platform/redis.js';
import {
  api,
  builtInMockModelId,
  signup,
  startTestServer,
  TEST_PASSWORD,
  type Session,
  type TestServer,
} from './harness.js';

/** A free TCP port on the loopback interface (nothing listens on it once this returns). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A throw-away Redis of this test's own, without persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGKILL: Redis vanishes as in a crash, without closing connections politely.
  child.kill('SIGKILL');
  await once(child, 'exit');
}

function nextState(watch: RedisWatch, state: RedisState): Promise<void> {
  if (watch.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = watch.onChange((s) => {
      if (s === state) {
        stop();
        resolve();
      }
    });
  });
}

/** Every log line the server writes, parsed. */
function capturingLogger() {
  const lines: { level: number; msg: string; redis?: string; reason?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const labelOf = (e: PlatformEvent) => ('label' in e.payload ? e.payload.label : undefined);

const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

describe('Redis refused at start', () => {
  it('refuses to start with one line that names the address and the reason, without waiting', async () => {
    const port = await freePort();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      PROMPTOPS_DATA_DIR: `/tmp/promptops-test-redis-refused-${port}`,
      REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`,
    });
    const { value: error, ms } = await timed(() =>
      createAppContext(config, { embeddedLocation: 'memory://' }).then(
        () => undefined,
        (err: unknown) => err as Error,
      ),
    );
    expect(error?.message).toMatch(
      new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(connect ECONNREFUSED [^)]*\\)`),
    );
    expect(error?.message).not.toContain('\n');
    // The password of the URL stays out of the message.
    expect(error?.message).not.toContain('hunter2');
    expect(ms).toBeLessThan(5_000);
  });
});

describe('Redis going away while running', () => {
  const probe = defineJob({
    name: 'redis-outage-probe',
    payload: z.object({ n: z.number().int() }),
    queue: 'redis-outage-probe',
    concurrency: 2,
    attempts: 1,
    backoff: { type: 'fixed', delayMs: 50 },
    handler: async ({ payload }) => void ran.push(payload.n),
  });
  const ran: number[] = [];
  let port: number;
  let redis: ChildProcess;
  let s: TestServer;
  let admin: Session;
  let modelId: string;
  let runner: JobRunner;
  let relay: OutboxRelay;
  const seen: PlatformEvent[] = [];
  const logs = capturingLogger();
  const consoleErrors = vi.spyOn(console, 'error');

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    s = await startTestServer({ REDIS_URL: url, LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3' }, { logger: logs.log });
    admin = await signup(s.app);
    modelId = await builtInMockModelId(s.app, admin);
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: { name: 'outage/greeting', type: 'text', template: 'Hello {{name}}' },
    });
    expect(created.status).toBe(201);
    runner = new JobRunner(s.ctx, [probe], [], {
      leaseMs: 3_000,
      pollMs: 50,
      redis: { url, prefix: s.ctx.config.REDIS_PREFIX },
    });
    runner.start();
    relay = new OutboxRelay(s.ctx.database, s.ctx.events, s.ctx.log, { intervalMs: 50 });
    relay.start();
    s.ctx.events.subscribe((e) => e.orgId === admin.orgId && seen.push(e));
  });

  afterAll(async () => {
    await runner?.close();
    await relay?.close();
    if (redis.exitCode !== null || redis.signalCode !== null) redis = await startRedis(port);
    await s?.close();
    await stopRedis(redis);
    consoleErrors.mockRestore();
  });

  const readyz = () => api(s.app, { method: 'GET', url: '/readyz' });
  const login = (password = TEST_PASSWORD) =>
    api(s.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password } });
  const fetchPrompt = () =>
    api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent('outage/greeting')}`,
      token: admin.accessToken,
    });
  const run = () =>
    api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { prompt: { name: 'outage/greeting' }, modelId, variables: { name: 'Ada' } },
    });
  const emitOne = (label: string) =>
    s.ctx.db.transaction((tx) =>
      emitEvent(tx, {
        orgId: admin.orgId,
        type: 'prompt.label_moved',
        payload: {
          promptId: '00000000-0000-4000-8000-000000000001',
          name: 'outage/greeting',
          label,
          version: 1,
          previousVersion: null,
        },
      }),
    );
  const enqueueProbe = (n: number) =>
    s.ctx.db.transaction((tx) => enqueue(tx, probe, { n }, { orgId: admin.orgId }));
  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    // Waiting on the job runner's and relay's own timers: polling a condition is what is left.
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('degrades while Redis is away, reports it in /readyz, logs each change once and recovers', async () => {
    const watch = s.ctx.redisWatch!;

    // Before: everything on Redis.
    const before = await readyz();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: 'ready', redis: { status: 'up' } });
    const loginBefore = await timed(login);
    expect(loginBefore.value.status).toBe(200);
    await enqueueProbe(1);
    await until('the job handed over through BullMQ to run', () => ran.includes(1));
    await emitOne('before');
    await until('the event through Redis pub/sub', () => seen.some((e) => labelOf(e) === 'before'));

    // Redis dies.
    await stopRedis(redis);
    await nextState(watch, 'down');

    const during = await readyz();
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({
      status: 'degraded',
      redis: {
        status: 'down',
        fallbacks: {
          rateLimits: 'in-process',
          providerRateLimits: 'in-process',
          events: 'in-process',
          jobs: 'database-polling',
        },
      },
    });

    // Commands fail at once instead of waiting out reconnects (the old 7.5 s).
    const direct = await timed(() => s.ctx.redis!.get('anything').catch((err: unknown) => err));
    expect(isRedisOutage(direct.value)).toBe(true);
    expect(direct.ms).toBeLessThan(250);

    // A use of Redis without a fallback answers 503 at once, not a 500 after retries.
    const bare = Fastify({ logger: false });
    bare.setErrorHandler(problemHandler);
    bare.get('/needs-redis', async () => ({ value: await s.ctx.redis!.get('anything') }));
    const unavailable = await timed(() => bare.inject({ method: 'GET', url: '/needs-redis' }));
    expect(unavailable.value.statusCode).toBe(503);
    expect(unavailable.value.headers['content-type']).toContain('application/problem+json');
    expect(unavailable.value.headers['retry-after']).toBe('5');
    expect(unavailable.ms).toBeLessThan(250);
    await bare.close();

    const loginDuring = await timed(login);
    expect(loginDuring.value.status).toBe(200);
    expect(loginDuring.value.body.accessToken).toEqual(expect.any(String));
    expect(loginDuring.ms).toBeLessThan(loginBefore.ms + 1_000);

    const prompt = await fetchPrompt();
    expect(prompt.status).toBe(200);
    expect(prompt.body).toMatchObject({ name: 'outage/greeting', version: 1 });

    const execution = await run();
    expect(execution.status).toBe(201);
    expect(execution.body.execution).toMatchObject({ status: 'succeeded', promptName: 'outage/greeting' });
    expect(execution.body.execution.output).toEqual(expect.any(String));

    // The login limit still holds, counted in this process: 3 failures allowed, the 4th refused.
    for (let i = 0; i < 3; i++) expect((await login('wrong password')).status).toBe(401);
    const limited = await login('wrong password');
    expect(limited.status).toBe(429);

    // Jobs: claimed from the database by polling; events: delivered in this process.
    const duringJob = (await enqueueProbe(2))!;
    await until('the job claimed from the database', () => ran.includes(2));
    await emitOne('during');
    await until('the event delivered in process', () => seen.some((e) => labelOf(e) === 'during'));

    // Redis returns on the same address.
    redis = await startRedis(port);
    await nextState(watch, 'up');
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'ready', redis: { status: 'up' } });
    expect(after.body.redis.fallbacks).toBeUndefined();
    // A successful login resets the account's counter, in Redis and in process.
    expect((await login()).status).toBe(200);
    const afterJob = (await enqueueProbe(3))!;
    await until('a job after recovery', () => ran.includes(3));
    // Each ran once, and the database knows it.
    expect(ran).toEqual([1, 2, 3]);
    for (const id of [duringJob, afterJob])
      await until(
        'the job row to finish',
        async () => (await jobsRepo.findJob(s.ctx.db, admin.orgId, id))?.status === 'succeeded',
      );
    await emitOne('after');
    await until('the event after recovery', () => seen.some((e) => labelOf(e) === 'after'));

    // One line per state change of the shared connection, none per request or reconnect attempt.
    const shared = logs.lines.filter((l) => l.redis === 'shared');
    expect(shared.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^Redis unreachable: /),
      'Redis reachable again',
    ]);
    expect(shared[0]!.reason).toEqual(expect.any(String));
    expect(logs.lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    // The other connections (job queue and workers, event subscriber) log their changes at debug.
    expect(logs.lines.filter((l) => l.redis && l.redis !== 'shared')).toEqual([]);
    expect(logs.lines.filter((l) => l.msg === 'job worker error')).toEqual([]);
    const ioredisNoise = consoleErrors.mock.calls.filter((c) => String(c[0]).includes('ioredis'));
    expect(ioredisNoise).toEqual([]);
  });
});
