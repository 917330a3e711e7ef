import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  builtInMockModelId,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { OutboxRelay } from '../../platform/events/outbox-relay.js';
import { dispatchEvents, OUTBOX_CONSUMER, sendDueDeliveries, type Clock } from './webhook-dispatch.js';
import { RETRY_WINDOW_MS } from './webhook-messages.js';

/** One request as the receiver saw it. */
interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/**
 * A real HTTP receiver on the loopback address: records every request and answers with the
 * next scripted status (200 once the script is used up).
 */
class Receiver {
  readonly requests: Received[] = [];
  script: { status: number; body?: string; headers?: Record<string, string> }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        const next = this.script.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(next.status, { 'content-type': 'text/plain', ...next.headers });
        res.end(next.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  reset() {
    this.requests.length = 0;
    this.script = [];
  }

  async close() {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** What a receiver does with the signature header: recompute the HMAC over "<t>.<raw body>". */
function signatureValid(secret: string, header: string | undefined, raw: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw}`).digest('hex');
  return timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
}

let s: TestServer;
let relay: OutboxRelay;
let receiver: Receiver;
let admin: Session;
let other: Session;
let modelId: string;
/** Webhooks of the running test: deleted after it, so no test sees another's deliveries. */
const created: { id: string; session: Session }[] = [];

const url = (path: string, session = admin) => `/api/v1/orgs/${session.orgId}${path}`;
const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  path: string,
  payload?: object,
  session = admin,
) =>
  api(s.app, {
    method,
    url: url(path, session),
    token: session.accessToken,
    ...(payload ? { payload } : {}),
  });

async function createWebhook(body: Record<string, unknown> = {}, session = admin) {
  const res = await call(
    'POST',
    '/webhooks',
    { url: receiver.url, events: ['prompt.version.created'], ...body },
    session,
  );
  expect(res.status).toBe(201);
  created.push({ id: res.body.id, session });
  return res.body as { id: string; secret: string; secretHint: string; format: string };
}

/** Creates a prompt (a prompt.version.created event) and makes the event readable for dispatch. */
async function newPrompt(session = admin): Promise<string> {
  const name = `p-${randomBytes(4).toString('hex')}`;
  const res = await call('POST', '/prompts', { name, template: 'Hello {{who}}', modelId }, session);
  expect(res.status).toBe(201);
  await relay.tick();
  return name;
}

const deliveriesOf = (webhookId: string) =>
  sql<{
    id: string;
    status: string;
    attempts: number;
    event_id: string | null;
    next_attempt_at: Date | null;
  }>(
    s.ctx,
    `SELECT id, status, attempts, event_id, next_attempt_at FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at, id`,
    [webhookId],
  );

/** A clock that stands still until moved (deterministic jitter). */
function fixedClock(at: Date): Clock & { set: (d: Date) => void } {
  let now = at;
  return { now: () => now, random: () => 0.5, set: (d) => (now = d) };
}

beforeAll(async () => {
  s = await startTestServer();
  relay = new OutboxRelay(s.ctx.database, s.ctx.events, pino({ level: 'silent' }), { intervalMs: 60_000 });
  receiver = new Receiver();
  await receiver.start();
  admin = await signup(s.app, 'Webhooks Org');
  other = await signup(s.app, 'Other Org');
  modelId = await builtInMockModelId(s.app, admin);
  // Deliveries of earlier tests' events never leak into a later test's counts.
  await relay.tick();
  await dispatchEvents(s.ctx);
}, 60_000);
afterAll(async () => {
  await relay?.close();
  await s?.close();
  await receiver?.close();
});
beforeEach(() => receiver.reset());
afterEach(async () => {
  for (const { id, session } of created.splice(0))
    await call('DELETE', `/webhooks/${id}`, undefined, session);
});

describe('managing webhooks', () => {
  it('returns the generated secret once, stores it encrypted and audits the change', async () => {
    const created = await createWebhook({ events: ['prompt.version.created', 'review.opened'] });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.secretHint).toBe(created.secret.slice(-4));
    const got = await call('GET', `/webhooks/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('secret');
    expect(got.body.events).toEqual(['prompt.version.created', 'review.opened']);
    const listed = await call('GET', '/webhooks');
    expect(listed.body.items.find((w: { id: string }) => w.id === created.id)).not.toHaveProperty('secret');
    const [row] = await sql<{ secret_ciphertext: string }>(
      s.ctx,
      `SELECT secret_ciphertext FROM webhooks WHERE id = $1`,
      [created.id],
    );
    expect(row!.secret_ciphertext).not.toContain(created.secret);
    expect(s.ctx.secrets.decrypt(row!.secret_ciphertext)).toBe(created.secret);
    const audit = await sql<{ action: string; details: Record<string, unknown> }>(
      s.ctx,
      `SELECT action, details FROM audit_events WHERE org_id = $1 AND resource_id = $2`,
      [admin.orgId, created.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['webhook.created']);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it('keeps a given secret, rotates it on request and never shows it again', async () => {
    const secret = 'a-given-secret-of-enough-length';
    const created = await createWebhook({ secret });
    expect(created.secret).toBe(secret);
    const patched = await call('PATCH', `/webhooks/${created.id}`, { description: 'CI channel' });
    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty('secret');
    expect(patched.body.description).toBe('CI channel');
    const rotated = await call('PATCH', `/webhooks/${created.id}`, { rotateSecret: true });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secretHint).toBe(rotated.body.secret.slice(-4));
    const [row] = await sql<{ secret_ciphertext: string }>(
      s.ctx,
      `SELECT secret_ciphertext FROM webhooks WHERE id = $1`,
      [created.id],
    );
    expect(s.ctx.secrets.decrypt(row!.secret_ciphertext)).toBe(rotated.body.secret);
  });

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['a link-local IPv6 address', 'http://[fe80::1]/hook'],
    ['a metadata host name', 'http://metadata.google.internal/hook'],
  ])('refuses %s with a 400 on url, on create and on update; nothing stored', async (_what, bad) => {
    const count = async () =>
      (
        await sql<{ n: number }>(s.ctx, `SELECT count(*)::int AS n FROM webhooks WHERE org_id = $1`, [
          admin.orgId,
        ])
      )[0]!.n;
    const before = await count();
    const res = await call('POST', '/webhooks', { url: bad, events: ['prompt.version.created'] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'url', message: expect.stringContaining('egress policy') }]);
    expect(await count()).toBe(before);
    const hook = await createWebhook();
    const patched = await call('PATCH', `/webhooks/${hook.id}`, { url: bad });
    expect(patched.status).toBe(400);
    expect(patched.body.errors[0].path).toBe('url');
    expect((await call('GET', `/webhooks/${hook.id}`)).body.url).toBe(receiver.url);
  });

  it.each([
    ['an unknown event', { events: ['prompt.deleted'] }, 'events.0'],
    ['no events', { events: [] }, 'events'],
    ['a repeated event', { events: ['review.opened', 'review.opened'] }, 'events'],
    ['a short secret', { secret: 'short' }, 'secret'],
    ['an unknown format', { format: 'xml' }, 'format'],
    ['a non-http URL', { url: 'ftp://example.com/hook' }, 'url'],
  ])('rejects %s with a 400 naming %s', async (_what, change, path) => {
    const res = await call('POST', '/webhooks', { url: receiver.url, events: ['review.opened'], ...change });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 404 for another organization's webhook and changes nothing", async () => {
    const hook = await createWebhook();
    for (const [method, path, payload] of [
      ['GET', `/webhooks/${hook.id}`],
      ['PATCH', `/webhooks/${hook.id}`, { active: false }],
      ['DELETE', `/webhooks/${hook.id}`],
      ['POST', `/webhooks/${hook.id}/test`],
      ['GET', `/webhooks/${hook.id}/deliveries`],
    ] as const) {
      // Other's own org in the URL, admin's webhook id: the tenant filter must miss it.
      const res = await call(method, path, payload, other);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('GET', '/webhooks', undefined, other)).body.items).toEqual([]);
    const got = await call('GET', `/webhooks/${hook.id}`);
    expect(got.body.active).toBe(true);
    expect(receiver.requests).toHaveLength(0);
  });

  it('lets admins only manage webhooks', async () => {
    const editor = await memberWithRole(s.app, admin, 'editor');
    expect((await call('GET', '/webhooks', undefined, editor)).status).toBe(403);
    expect(
      (await call('POST', '/webhooks', { url: receiver.url, events: ['review.opened'] }, editor)).status,
    ).toBe(403);
  });

  it('deletes a webhook with its delivery log', async () => {
    const hook = await createWebhook();
    expect((await call('POST', `/webhooks/${hook.id}/test`)).status).toBe(200);
    const res = await call('DELETE', `/webhooks/${hook.id}`);
    expect(res.status).toBe(204);
    expect((await call('GET', `/webhooks/${hook.id}`)).status).toBe(404);
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });
});

describe('delivering events', () => {
  it('POSTs a signed JSON delivery that the receiver verifies with the secret', async () => {
    const hook = await createWebhook();
    const name = await newPrompt();
    expect(await dispatchEvents(s.ctx)).toBe(1);
    expect(await sendDueDeliveries(s.ctx)).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toBe('PromptOps-Webhooks/1');
    expect(req.headers['x-promptops-event']).toBe('prompt.version.created');
    expect(signatureValid(hook.secret, req.headers['x-promptops-signature'] as string, req.raw)).toBe(true);
    expect(
      signatureValid('not-the-secret-at-all', req.headers['x-promptops-signature'] as string, req.raw),
    ).toBe(false);
    const t = Number(/t=(\d+)/.exec(req.headers['x-promptops-signature'] as string)![1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(60);
    expect(req.body).toEqual({
      id: req.headers['x-promptops-delivery'],
      event: 'prompt.version.created',
      createdAt: expect.any(String),
      orgId: admin.orgId,
      data: { promptId: expect.any(String), name, version: 1, versionId: expect.any(String) },
    });
    const log = await call('GET', `/webhooks/${hook.id}/deliveries`);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        id: req.body.id,
        event: 'prompt.version.created',
        eventId: expect.any(Number),
        status: 'succeeded',
        attempts: 1,
        responseStatus: 200,
        responseBody: 'ok',
        error: null,
        durationMs: expect.any(Number),
        nextAttemptAt: null,
        deliveredAt: expect.any(String),
        payload: req.body.data,
      }),
    ]);
    const listed = await call('GET', `/webhooks/${hook.id}`);
    expect(listed.body.lastDelivery).toEqual({
      status: 'succeeded',
      responseStatus: 200,
      at: expect.any(String),
    });
  });

  it("delivers only subscribed events of the webhook's own organization, to active webhooks", async () => {
    const labels = await createWebhook({ events: ['prompt.label.moved'] });
    const inactive = await createWebhook({ active: false });
    const foreign = await createWebhook({}, other);
    const name = await newPrompt();
    await dispatchEvents(s.ctx);
    expect(await deliveriesOf(labels.id)).toHaveLength(0);
    expect(await deliveriesOf(inactive.id)).toHaveLength(0);
    expect(await deliveriesOf(foreign.id)).toHaveLength(0);
    const moved = await call('PUT', `/prompts/${name}/labels/production`, { version: 1 });
    expect(moved.status).toBe(200);
    await relay.tick();
    await dispatchEvents(s.ctx);
    expect(await deliveriesOf(labels.id)).toHaveLength(1);
    await sendDueDeliveries(s.ctx);
    const req = receiver.requests.find((r) => r.headers['x-promptops-event'] === 'prompt.label.moved');
    expect(req?.body.data).toMatchObject({ name, label: 'production', version: 1, previousVersion: null });
  });

  it('replaying the outbox creates no second delivery, even with two dispatchers at once', async () => {
    const hook = await createWebhook();
    await newPrompt();
    await newPrompt();
    const created = await Promise.all([dispatchEvents(s.ctx), dispatchEvents(s.ctx)]);
    expect(created[0] + created[1]).toBe(2);
    // Reset the dispatcher's work: it reads every event again from the start.
    await sql(s.ctx, `UPDATE outbox_cursors SET last_seq = 0 WHERE name = $1`, [OUTBOX_CONSUMER]);
    expect(await dispatchEvents(s.ctx)).toBe(0);
    const rows = await deliveriesOf(hook.id);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(2);
    const [cursor] = await sql<{ last_seq: string }>(
      s.ctx,
      `SELECT last_seq FROM outbox_cursors WHERE name = $1`,
      [OUTBOX_CONSUMER],
    );
    const [max] = await sql<{ seq: string }>(s.ctx, `SELECT max(seq) AS seq FROM outbox`);
    expect(cursor!.last_seq).toBe(max!.seq);
  });

  it('two senders at once send each due delivery exactly once', async () => {
    const hook = await createWebhook();
    for (let i = 0; i < 6; i++) await newPrompt();
    await dispatchEvents(s.ctx);
    const sent = await Promise.all([sendDueDeliveries(s.ctx), sendDueDeliveries(s.ctx)]);
    expect(sent[0] + sent[1]).toBe(6);
    const ids = receiver.requests.map((r) => r.headers['x-promptops-delivery']);
    expect(new Set(ids).size).toBe(6);
    expect((await deliveriesOf(hook.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('retries after a 500 with backoff and succeeds on the next attempt', async () => {
    const hook = await createWebhook();
    await newPrompt();
    const clock = fixedClock(new Date());
    await dispatchEvents(s.ctx, clock);
    receiver.script = [{ status: 500, body: 'boom' }];
    expect(await sendDueDeliveries(s.ctx, { clock })).toBe(1);
    let [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'retrying', attempts: 1 });
    // 30 s, jitter at its middle.
    expect(row!.next_attempt_at!.getTime() - clock.now().getTime()).toBe(30_000);
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries`)).body.items[0];
    expect(log).toMatchObject({ status: 'retrying', responseStatus: 500, responseBody: 'boom' });
    expect(log.error).toContain('500');
    expect(log.nextAttemptAt).toBe(row!.next_attempt_at!.toISOString());
    // Not yet due: nothing is sent.
    clock.set(new Date(row!.next_attempt_at!.getTime() - 1000));
    expect(await sendDueDeliveries(s.ctx, { clock })).toBe(0);
    clock.set(row!.next_attempt_at!);
    expect(await sendDueDeliveries(s.ctx, { clock })).toBe(1);
    [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(receiver.requests).toHaveLength(2);
    // The same delivery: the receiver can drop the repeat by its id.
    expect(receiver.requests[1]!.headers['x-promptops-delivery']).toBe(
      receiver.requests[0]!.headers['x-promptops-delivery'],
    );
    expect(receiver.requests[1]!.raw).toBe(receiver.requests[0]!.raw);
  });

  it('gives up after a day of failures (backoff doubling from 30 s, capped at an hour)', async () => {
    const hook = await createWebhook();
    await newPrompt();
    const clock = fixedClock(new Date());
    await dispatchEvents(s.ctx, clock);
    receiver.script = Array.from({ length: 100 }, () => ({ status: 503 }));
    const gaps: number[] = [];
    let row = (await deliveriesOf(hook.id))[0]!;
    const createdAt = (
      await sql<{ created_at: Date }>(s.ctx, `SELECT created_at FROM webhook_deliveries WHERE id = $1`, [
        row.id,
      ])
    )[0]!.created_at;
    while (row.status !== 'failed') {
      expect(await sendDueDeliveries(s.ctx, { clock })).toBe(1);
      row = (await deliveriesOf(hook.id))[0]!;
      if (row.next_attempt_at && row.status === 'retrying') {
        gaps.push(row.next_attempt_at.getTime() - clock.now().getTime());
        clock.set(row.next_attempt_at);
      }
    }
    expect(gaps.slice(0, 8)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000,
    ]);
    expect(Math.max(...gaps)).toBe(3_600_000);
    expect(clock.now().getTime() - createdAt.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(clock.now().getTime() - createdAt.getTime()).toBeGreaterThan(RETRY_WINDOW_MS - 3_600_000);
    expect(row.attempts).toBe(receiver.requests.length);
    expect(row.attempts).toBeGreaterThan(25);
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries?status=failed`)).body.items;
    expect(log).toEqual([
      expect.objectContaining({ id: row.id, status: 'failed', responseStatus: 503, nextAttemptAt: null }),
    ]);
    // A failed delivery is never picked up again.
    clock.set(new Date(clock.now().getTime() + 2 * RETRY_WINDOW_MS));
    expect(await sendDueDeliveries(s.ctx, { clock })).toBe(0);
  });

  it('records a refused connection and a redirect (not followed) as failed attempts', async () => {
    const closed = new Receiver();
    await closed.start();
    const deadUrl = closed.url;
    await closed.close();
    const dead = await createWebhook({ url: deadUrl });
    const redirecting = await createWebhook();
    receiver.script = [{ status: 302, headers: { location: 'http://169.254.169.254/' } }];
    await newPrompt();
    await dispatchEvents(s.ctx);
    await sendDueDeliveries(s.ctx);
    const deadLog = (await call('GET', `/webhooks/${dead.id}/deliveries`)).body.items[0];
    expect(deadLog).toMatchObject({ status: 'retrying', responseStatus: null });
    expect(deadLog.error).toContain('ECONNREFUSED');
    const redirected = (await call('GET', `/webhooks/${redirecting.id}/deliveries`)).body.items[0];
    expect(redirected.status).toBe('retrying');
    expect(redirected.error).toContain('redirect');
    expect(receiver.requests).toHaveLength(1);
  });

  it('checks the egress policy again at send time', async () => {
    const hook = await createWebhook();
    // The address behind a URL can change after it was saved; here the row itself is changed.
    await sql(s.ctx, `UPDATE webhooks SET url = 'http://169.254.169.254/latest' WHERE id = $1`, [hook.id]);
    const res = await call('POST', `/webhooks/${hook.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('failed');
    expect(res.body.error).toContain('egress policy');
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends Slack messages with a readable summary for format slack', async () => {
    const hook = await createWebhook({ format: 'slack' });
    const name = await newPrompt();
    await dispatchEvents(s.ctx);
    await sendDueDeliveries(s.ctx);
    const req = receiver.requests.find((r) => r.headers['x-promptops-delivery']);
    expect(req).toBeDefined();
    expect(signatureValid(hook.secret, req!.headers['x-promptops-signature'] as string, req!.raw)).toBe(true);
    expect(Object.keys(req!.body).sort()).toEqual(['blocks', 'text']);
    expect(req!.body.text).toBe(`New version *${name}* v1`);
    expect(req!.body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: req!.body.text } });
    expect(req!.body.blocks[1].elements[0].text).toContain('prompt.version.created');
  });
});

describe('send test, delivery log and redelivery', () => {
  it('sends a test delivery now and answers with its record; a failing receiver gets no retries', async () => {
    const hook = await createWebhook();
    const res = await call('POST', `/webhooks/${hook.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      event: 'webhook.test',
      eventId: null,
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
    });
    expect(receiver.requests[0]!.headers['x-promptops-event']).toBe('webhook.test');
    expect(receiver.requests[0]!.body.data.webhookId).toBe(hook.id);
    expect(
      signatureValid(
        hook.secret,
        receiver.requests[0]!.headers['x-promptops-signature'] as string,
        receiver.requests[0]!.raw,
      ),
    ).toBe(true);
    receiver.script = [{ status: 500 }];
    const failed = await call('POST', `/webhooks/${hook.id}/test`);
    expect(failed.body).toMatchObject({ status: 'failed', responseStatus: 500, nextAttemptAt: null });
    expect(await sendDueDeliveries(s.ctx, { clock: fixedClock(new Date(Date.now() + 3_600_000)) })).toBe(0);
  });

  it('pages the delivery log newest first with a cursor, and refuses a bad cursor', async () => {
    const hook = await createWebhook();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call('POST', `/webhooks/${hook.id}/test`)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(
        'GET',
        `/webhooks/${hook.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const bad = await call('GET', `/webhooks/${hook.id}/deliveries?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.cursor');
  });

  it('redelivers a delivery with the same id and body, counting the attempt', async () => {
    const hook = await createWebhook();
    await newPrompt();
    await dispatchEvents(s.ctx);
    receiver.script = [{ status: 500 }];
    await sendDueDeliveries(s.ctx);
    const [row] = await deliveriesOf(hook.id);
    const res = await call('POST', `/webhooks/${hook.id}/deliveries/${row!.id}/redeliver`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: row!.id, status: 'succeeded', attempts: 2, responseStatus: 200 });
    expect(receiver.requests.map((r) => r.headers['x-promptops-delivery'])).toEqual([row!.id, row!.id]);
    expect(receiver.requests[1]!.body).toEqual(receiver.requests[0]!.body);
    // Succeeded: the scheduled retry is gone.
    expect(await sendDueDeliveries(s.ctx, { clock: fixedClock(new Date(Date.now() + 3_600_000)) })).toBe(0);
    const missing = await call('POST', `/webhooks/${hook.id}/deliveries/${randomUUID()}/redeliver`);
    expect(missing.status).toBe(404);
    const audit = await sql<{ action: string }>(
      s.ctx,
      `SELECT action FROM audit_events WHERE resource_id = $1 ORDER BY seq`,
      [hook.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.redelivered']);
  });
});
