import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
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
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  proc.removeAllListeners('exit');
  return proc;
}

/** Resolves when `seen` holds `n` ids (the listener calls `check` after each event). */
function waitFor(seen: number[], n: number): { promise: Promise<void>; check: () => void } {
  let done!: () => void;
  const promise = new Promise<void>((r) => (done = r));
  const check = () => {
    if (seen.length >= n) done();
  };
  check();
  return { promise, check };
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
    let arrived = waitFor(seen, 3);
    sub.subscribe((e) => {
      seen.push(e.id);
      arrived.check();
    });
    await sub.ready();
    await pub.publish([event(1), event(2)]);
    // Not a platform event: dropped, and delivery goes on.
    await publisher.publish('bus-test:events', '{"id":"nope"}');
    await pub.publish([event(3)]);
    await arrived.promise;
    expect(seen).toEqual([1, 2, 3]);

    const down = once(procs[0]!, 'exit');
    procs[0]!.kill('SIGKILL');
    await down;
    // Not events.once: it would reject on the connection errors of the outage.
    const publisherBack = new Promise((r) => publisher.once('ready', r));
    procs.push(await redisServer(port));
    await publisherBack;
    // The subscriber reconnects and subscribes again by itself: Redis counts it back on the channel.
    // (Its connection is the bus's own, so its state is read from Redis.)
    for (let i = 0; ; i++) {
      const [, subscribers] = (await publisher.pubsub('NUMSUB', 'bus-test:events')) as [string, number];
      if (subscribers > 0) break;
      if (i > 500) throw new Error('the subscriber did not come back');
      await new Promise((r) => setTimeout(r, 10));
    }
    arrived = waitFor(seen, 4);
    await pub.publish([event(4)]);
    await arrived.promise;
    expect(seen).toEqual([1, 2, 3, 4]);
    await sub.close();
    await pub.close();
    publisher.disconnect();
    subscriberSide.disconnect();
  }, 30_000);
});
