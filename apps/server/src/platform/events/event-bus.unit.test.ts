import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformEvent } from '@promptops/contracts';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisEventBus } from './event-bus.js';

const log = pino({ level: 'silent' });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** A throw-away redis-server, so the test can take it down without touching the shared one. */
async function redisServer(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return proc;
    } catch {
      await sleep(50);
    }
  }
  throw new Error('redis-server did not start');
}

const event = (id: number): PlatformEvent => ({
  id,
  orgId: '00000000-0000-4000-8000-000000000009',
  type: 'prompt.label_moved',
  payload: {
    promptId: '00000000-0000-4000-8000-000000000001',
    name: 'p',
    label: 'production',
    version: id,
    previousVersion: null,
  },
  createdAt: new Date().toISOString(),
});

const procs: ChildProcess[] = [];
afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
});

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

describe.runIf(hasRedisServer)('Redis event bus', () => {
  it('keeps its subscription across a Redis restart and ignores foreign messages', async () => {
    const port = await freePort();
    procs.push(await redisServer(port));
    const publisher = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    const subscriberSide = new Redis(port, '127.0.0.1', { lazyConnect: true, enableOfflineQueue: false });
    // The outage below is on purpose.
    publisher.on('error', () => undefined);
    subscriberSide.on('error', () => undefined);
    const pub = new RedisEventBus(publisher, 'bus-test:', log);
    const sub = new RedisEventBus(subscriberSide, 'bus-test:', log);
    const seen: number[] = [];
    sub.subscribe((e) => seen.push(e.id));
    await sub.ready();
    await pub.publish([event(1), event(2)]);
    // Not a platform event: dropped, and delivery goes on.
    await publisher.publish('bus-test:events', '{"id":"nope"}');
    await pub.publish([event(3)]);
    for (let i = 0; i < 100 && seen.length < 3; i++) await sleep(20);
    expect(seen).toEqual([1, 2, 3]);

    procs[0]!.kill('SIGKILL');
    await sleep(300);
    procs.push(await redisServer(port));
    // The subscriber reconnects and subscribes again by itself; publish until it hears.
    for (let i = 0; i < 100 && !seen.includes(4); i++) {
      await pub.publish([event(4)]).catch(() => undefined);
      await sleep(100);
    }
    expect(seen).toContain(4);
    await sub.close();
    await pub.close();
    publisher.disconnect();
    subscriberSide.disconnect();
  }, 30_000);
});
