import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformEvent } from '@promptops/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signup, sql, startTestServer, type Session, type TestServer } from '../../../test/harness.js';
import { enqueue, JobRunner } from '../jobs/index.js';
import { pruneJob } from '../jobs/prune.job.js';
import { InProcessEventBus, RedisEventBus, type EventBus } from './event-bus.js';
import { emitEvent, readEventsSince } from './events.js';
import { OutboxRelay } from './outbox-relay.js';

const log = pino({ level: 'silent' });
const redisUrl = process.env.TEST_REDIS_URL;

let s: TestServer;
let admin: Session;
beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app);
});
afterAll(async () => s?.close());

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function createPrompt(session: Session, name: string) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${session.orgId}/prompts`,
    token: session.accessToken,
    payload: { name, template: 'Hello {{who}}' },
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** A second bus instance, as another process on the same Redis would have. */
function otherInstance(): EventBus {
  return redisUrl
    ? new RedisEventBus(s.ctx.redis!.duplicate(), s.ctx.config.REDIS_PREFIX, log)
    : new InProcessEventBus(log);
}

describe('outbox and event bus', () => {
  it('emits prompt events in the change’s transaction, in order, readable per organization', async () => {
    const other = await signup(s.app);
    const [before] = await readEventsSince(s.ctx.db, admin.orgId, 0);
    const name = `events/${randomBytes(3).toString('hex')}`;
    const created = await createPrompt(admin, name);
    const v2 = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/versions`,
      token: admin.accessToken,
      payload: { template: 'Hi {{who}}' },
    });
    expect(v2.status).toBe(201);
    const moved = await api(s.app, {
      method: 'PUT',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/labels/production`,
      token: admin.accessToken,
      payload: { version: 1 },
    });
    expect(moved.status).toBe(200);
    // A refused change (bad model) writes no event.
    const refused = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/versions`,
      token: admin.accessToken,
      payload: { template: 'x', modelId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(refused.status).toBe(400);

    const relay = new OutboxRelay(s.ctx.database, s.ctx.events, log);
    await relay.tick();
    await relay.close();
    const events = await readEventsSince(s.ctx.db, admin.orgId, before?.id ?? 0);
    const mine = events.filter((e) => 'promptId' in e.payload && e.payload.promptId === created.promptId);
    expect(mine.map((e) => [e.type, 'version' in e.payload ? e.payload.version : null])).toEqual([
      ['prompt.version_created', 1],
      ['prompt.version_created', 2],
      ['prompt.label_moved', 1],
    ]);
    expect(mine[2]!.payload).toMatchObject({ label: 'production', version: 1, previousVersion: null, name });
    expect(mine[0]!.payload).toMatchObject({ versionId: created.id, name });
    for (let i = 1; i < events.length; i++) expect(events[i]!.id).toBeGreaterThan(events[i - 1]!.id);
    // Another organization's feed holds none of them.
    const foreign = await readEventsSince(s.ctx.db, other.orgId, 0);
    expect(foreign.filter((e) => 'promptId' in e.payload && e.payload.promptId === created.promptId)).toEqual(
      [],
    );
  });

  it('delivers to every instance on the bus in id order, and a consumer that missed some replays them', async () => {
    const a = s.ctx.events;
    const b = otherInstance();
    const seenA: PlatformEvent[] = [];
    const seenB: PlatformEvent[] = [];
    const stopA = a.subscribe((e) => e.orgId === admin.orgId && seenA.push(e));
    const stopB = b.subscribe((e) => e.orgId === admin.orgId && seenB.push(e));
    if (a instanceof RedisEventBus) await a.ready();
    if (b instanceof RedisEventBus) await b.ready();
    // With an in-process bus each process has its own; B stands for a consumer that shares A's bus.
    const bBus = b instanceof InProcessEventBus ? null : b;
    const relayBus: EventBus = bBus ? a : fanOut(a, b);
    const relays = [new OutboxRelay(s.ctx.database, relayBus, log, { intervalMs: 50 })];
    // On PostgreSQL a second relay competes for the leader lease: events still go out once each.
    if (s.dbKind === 'postgres')
      relays.push(new OutboxRelay(s.ctx.database, relayBus, log, { intervalMs: 50 }));
    for (const r of relays) r.start();
    try {
      const emit = (n: number) =>
        s.ctx.db.transaction(async (tx) => {
          for (let i = 0; i < n; i++)
            await emitEvent(tx, {
              orgId: admin.orgId,
              type: 'prompt.label_moved',
              payload: {
                promptId: '00000000-0000-4000-8000-000000000001',
                name: 'bus',
                label: `l${seenA.length}-${i}`,
                version: 1,
                previousVersion: null,
              },
            });
        });
      for (let i = 0; i < 5; i++) await emit(4);
      await until('both instances to receive 20 events', () => seenA.length >= 20 && seenB.length >= 20);
      await sleep(200);
      expect(seenA).toHaveLength(20);
      expect(seenB.map((e) => e.id)).toEqual(seenA.map((e) => e.id));
      for (let i = 1; i < seenA.length; i++) expect(seenA[i]!.id).toBeGreaterThan(seenA[i - 1]!.id);

      // B goes away; events keep coming; B comes back and replays from the last id it saw.
      stopB();
      const lastSeenByB = seenB.at(-1)!.id;
      for (let i = 0; i < 3; i++) await emit(2);
      await until('A to receive the rest', () => seenA.length >= 26);
      const replayed = await readEventsSince(s.ctx.db, admin.orgId, lastSeenByB);
      expect(replayed.map((e) => e.id)).toEqual(seenA.slice(20).map((e) => e.id));
      expect(replayed.map((e) => e.payload)).toEqual(seenA.slice(20).map((e) => e.payload));

      // An event written in a rolled-back transaction never goes out.
      await expect(
        s.ctx.db.transaction(async (tx) => {
          await emitEvent(tx, {
            orgId: admin.orgId,
            type: 'prompt.label_moved',
            payload: {
              promptId: '00000000-0000-4000-8000-000000000001',
              name: 'rolled-back',
              label: 'x',
              version: 1,
              previousVersion: null,
            },
          });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await emit(1);
      await until('A to receive the next event', () => seenA.length >= 27);
      await sleep(200);
      expect(seenA).toHaveLength(27);
      expect(seenA.some((e) => 'name' in e.payload && e.payload.name === 'rolled-back')).toBe(false);
    } finally {
      stopA();
      for (const r of relays) await r.close();
      await b.close();
    }
  });

  it.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres')(
    'numbers events in commit order, so a reader that saw id N has missed nothing below N',
    async () => {
      const relay = new OutboxRelay(s.ctx.database, s.ctx.events, log);
      const [start] = (await readEventsSince(s.ctx.db, admin.orgId, 0)).slice(-1);
      const payload = (label: string) => ({
        promptId: '00000000-0000-4000-8000-000000000002',
        name: 'order',
        label,
        version: 1,
        previousVersion: null,
      });
      let releaseSlow!: () => void;
      const slowMayCommit = new Promise<void>((r) => (releaseSlow = r));
      let slowInserted!: () => void;
      const inserted = new Promise<void>((r) => (slowInserted = r));
      // The slow transaction inserts first (lower insertion id) but commits last.
      const slow = s.ctx.db.transaction(async (tx) => {
        await emitEvent(tx, { orgId: admin.orgId, type: 'prompt.label_moved', payload: payload('slow') });
        slowInserted();
        await slowMayCommit;
      });
      await inserted;
      await s.ctx.db.transaction((tx) =>
        emitEvent(tx, { orgId: admin.orgId, type: 'prompt.label_moved', payload: payload('fast') }),
      );
      await relay.tick();
      const firstRead = await readEventsSince(s.ctx.db, admin.orgId, start?.id ?? 0);
      expect(firstRead.map((e) => 'label' in e.payload && e.payload.label)).toEqual(['fast']);
      releaseSlow();
      await slow;
      await relay.tick();
      await relay.close();
      // Reading on from the last id seen finds the late commit: its id is higher.
      const next = await readEventsSince(s.ctx.db, admin.orgId, firstRead[0]!.id);
      expect(next.map((e) => 'label' in e.payload && e.payload.label)).toEqual(['slow']);
    },
  );

  it.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres')(
    'hands publishing over when the leading relay stops',
    async () => {
      const published: { relay: string; id: number }[] = [];
      const busFor = (relay: string): EventBus => ({
        kind: 'in-process',
        publish: async (events) => void published.push(...events.map((e) => ({ relay, id: e.id }))),
        subscribe: () => () => undefined,
        close: async () => undefined,
      });
      const a = new OutboxRelay(s.ctx.database, busFor('a'), log);
      const b = new OutboxRelay(s.ctx.database, busFor('b'), log);
      const emitOne = (label: string) =>
        s.ctx.db.transaction((tx) =>
          emitEvent(tx, {
            orgId: admin.orgId,
            type: 'prompt.label_moved',
            payload: {
              promptId: '00000000-0000-4000-8000-000000000003',
              name: 'handover',
              label,
              version: 1,
              previousVersion: null,
            },
          }),
        );
      await emitOne('first');
      await a.tick();
      await emitOne('second');
      // B is not the leader while A lives: it publishes nothing.
      expect(await b.tick()).toBe(0);
      await a.close();
      expect(await b.tick()).toBeGreaterThanOrEqual(1);
      await b.close();
      expect(published.filter((p) => p.relay === 'b').length).toBeGreaterThanOrEqual(1);
      const ids = published.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('prunes published events and finished jobs past their retention', async () => {
    await sql(
      s.ctx,
      `INSERT INTO outbox (org_id, type, payload, created_at, seq, published_at) VALUES
         ($1, 'prompt.label_moved', '{}', now() - interval '30 days', nextval('outbox_seq'), now() - interval '30 days'),
         ($1, 'prompt.label_moved', '{}', now() - interval '30 days', NULL, NULL)`,
      [admin.orgId],
    );
    await sql(
      s.ctx,
      `INSERT INTO jobs (kind, queue, payload, status, max_attempts, finished_at) VALUES
         ('old-job', 'old', '{}', 'succeeded', 1, now() - interval '30 days'),
         ('old-job', 'old', '{}', 'succeeded', 1, now())`,
    );
    const countOld = async () =>
      (
        await sql<{ events: number; unpublished: number; jobs: number }>(
          s.ctx,
          `SELECT (SELECT count(*)::int FROM outbox WHERE created_at < now() - interval '29 days' AND published_at IS NOT NULL) AS events,
                  (SELECT count(*)::int FROM outbox WHERE created_at < now() - interval '29 days' AND published_at IS NULL) AS unpublished,
                  (SELECT count(*)::int FROM jobs WHERE kind = 'old-job') AS jobs`,
        )
      )[0]!;
    expect(await countOld()).toEqual({ events: 1, unpublished: 1, jobs: 2 });
    const id = (await enqueue(s.ctx.db, pruneJob, {}))!;
    const runner = new JobRunner(s.ctx, [pruneJob], [], { leaseMs: 5_000, pollMs: 50 });
    runner.start();
    await until('the prune job', async () => {
      const [row] = await sql<{ status: string }>(s.ctx, `SELECT status FROM jobs WHERE id = $1`, [id]);
      return row?.status === 'succeeded';
    });
    await runner.close();
    // Unpublished events stay until the relay has sent them; the recent job stays.
    expect(await countOld()).toEqual({ events: 0, unpublished: 1, jobs: 1 });
    await sql(
      s.ctx,
      `DELETE FROM outbox WHERE published_at IS NULL AND created_at < now() - interval '29 days'`,
    );
  });
});

/** Embedded: one process, one bus; a second consumer of that process is just another listener. */
function fanOut(a: EventBus, b: EventBus): EventBus {
  return {
    kind: 'in-process',
    publish: async (events) => {
      await a.publish(events);
      await b.publish(events);
    },
    subscribe: (l) => a.subscribe(l),
    close: async () => undefined,
  };
}
