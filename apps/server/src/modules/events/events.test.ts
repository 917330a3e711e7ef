import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../../platform/events/outbox-relay.js';
import {
  api,
  memberWithRole,
  signup,
  sseEvents,
  startTestServer,
  type Session,
  type SseMessage,
  type TestServer,
} from '../../../test/harness.js';

/** The change feed: live events, Last-Event-ID replay without gaps or repeats, tenant isolation. */
let s: TestServer;
let relay: OutboxRelay;
let admin: Session;
let baseUrl: string;
const feeds: AbortController[] = [];

beforeAll(async () => {
  s = await startTestServer();
  relay = new OutboxRelay(s.ctx.database, s.ctx.events, pino({ level: 'silent' }), { intervalMs: 20 });
  relay.start();
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signup(s.app, 'Feed Org');
}, 60_000);
afterAll(async () => {
  feeds.forEach((f) => f.abort());
  await relay?.close();
  await s?.close();
});

async function follow(session: Session, headers: Record<string, string> = {}, query = '') {
  const abort = new AbortController();
  feeds.push(abort);
  const res = await fetch(`${baseUrl}/api/v1/orgs/${session.orgId}/events${query}`, {
    headers: { authorization: `Bearer ${session.accessToken}`, ...headers },
    signal: abort.signal,
  });
  return { res, events: res.ok ? sseEvents(res) : undefined, stop: () => abort.abort() };
}

async function take(events: AsyncGenerator<SseMessage>, n: number): Promise<SseMessage[]> {
  const got: SseMessage[] = [];
  while (got.length < n) {
    const next = await events.next();
    if (next.done) throw new Error(`the feed ended after ${got.length} events`);
    got.push(next.value);
  }
  return got;
}

const createPrompt = (name: string) =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/prompts`,
    token: admin.accessToken,
    payload: { name, template: 'Hi {{who}}' },
  });

describe('the change feed', () => {
  it('streams the organization’s events live, each with its id, and replays after Last-Event-ID', async () => {
    const live = await follow(admin);
    expect(live.res.headers.get('content-type')).toContain('text/event-stream');
    expect((await createPrompt('feed-one')).status).toBe(201);
    const moved = await api(s.app, {
      method: 'PUT',
      url: `/api/v1/orgs/${admin.orgId}/prompts/feed-one/labels/production`,
      token: admin.accessToken,
      payload: { version: 1 },
    });
    expect(moved.status).toBeLessThan(300);
    const [created, label] = await take(live.events!, 2);
    expect(created).toMatchObject({
      event: 'prompt.version_created',
      data: { type: 'prompt.version_created', orgId: admin.orgId, payload: { name: 'feed-one', version: 1 } },
    });
    expect(label).toMatchObject({
      event: 'prompt.label_moved',
      data: { payload: { name: 'feed-one', label: 'production', version: 1, previousVersion: null } },
    });
    expect(Number(label!.id)).toBeGreaterThan(Number(created!.id));
    expect(created!.id).toBe(String(created!.data.id));
    live.stop();

    // Missed while disconnected: two more events. A reconnect from the first id gets the rest, in order, once.
    expect((await createPrompt('feed-two')).status).toBe(201);
    expect((await createPrompt('feed-three')).status).toBe(201);
    const resumed = await follow(admin, { 'last-event-id': created!.id! });
    const replayed = await take(resumed.events!, 3);
    expect(replayed.map((e) => e.data.payload.name ?? e.data.payload.label)).toEqual([
      'feed-one',
      'feed-two',
      'feed-three',
    ]);
    expect(replayed[0]!.event).toBe('prompt.label_moved');
    // ...then live events follow on the same connection.
    expect((await createPrompt('feed-four')).status).toBe(201);
    const [next] = await take(resumed.events!, 1);
    expect(next!.data.payload.name).toBe('feed-four');
    expect(Number(next!.id)).toBeGreaterThan(Number(replayed[2]!.id));
    resumed.stop();

    const byQuery = await follow(admin, {}, `?after=${replayed[2]!.id}`);
    const [fromQuery] = await take(byQuery.events!, 1);
    expect(fromQuery!.data.payload.name).toBe('feed-four');
    byQuery.stop();
  });

  it('carries experiments starting and stopping (a subject’s prompt fetch changes with them)', async () => {
    expect((await createPrompt('feed-ab')).status).toBe(201);
    const v2 = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts/feed-ab/versions`,
      token: admin.accessToken,
      payload: { template: 'Hello {{who}}' },
    });
    expect(v2.status).toBe(201);
    const live = await follow(admin);
    const started = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/experiments`,
      token: admin.accessToken,
      payload: {
        name: 'feed ab',
        promptName: 'feed-ab',
        variants: [
          { name: 'a', version: 1, weight: 1 },
          { name: 'b', version: 2, weight: 1 },
        ],
        metric: { name: 'converted', kind: 'binary' },
      },
    });
    expect(started.status).toBe(201);
    // The prompt's own events may still be on their way: the experiment's comes after them.
    let event: SseMessage | undefined;
    while (event?.event !== 'experiment.changed') [event] = await take(live.events!, 1);
    expect(event).toMatchObject({
      event: 'experiment.changed',
      data: {
        payload: { experimentId: started.body.experiment.id, promptName: 'feed-ab', status: 'running' },
      },
    });
    live.stop();
  });

  it('shows one organization’s events only to its members, viewers included', async () => {
    const other = await signup(s.app, 'Other Feed Org');
    const mine = await follow(admin);
    const theirs = await follow(other);
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const viewerFeed = await follow(viewer);
    expect(viewerFeed.res.status).toBe(200);
    expect((await createPrompt('feed-private')).status).toBe(201);
    const otherPrompt = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${other.orgId}/prompts`,
      token: other.accessToken,
      payload: { name: 'theirs', template: 'x' },
    });
    expect(otherPrompt.status).toBe(201);
    const [theirFirst] = await take(theirs.events!, 1);
    expect(theirFirst!.data.payload.name).toBe('theirs');
    const [myFirst] = await take(mine.events!, 1);
    expect(myFirst!.data.payload.name).toBe('feed-private');
    const [viewerFirst] = await take(viewerFeed.events!, 1);
    expect(viewerFirst!.data.payload.name).toBe('feed-private');

    const crossOrg = await follow({ ...admin, orgId: other.orgId });
    expect(crossOrg.res.status).toBe(404);
    const badId = await follow(admin, { 'last-event-id': 'yesterday' });
    expect(badId.res.status).toBe(400);
    expect(((await badId.res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'headers.last-event-id',
    );
  });
});
