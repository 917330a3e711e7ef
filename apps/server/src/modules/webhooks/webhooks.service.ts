import type { z } from 'zod';
import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookEventType,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { EgressRefusedError } from '../../platform/egress.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';
import { recordAudit } from '../audit/audit.service.js';
import { attemptDelivery, type Clock } from './webhook-dispatch.js';
import { TEST_EVENT } from './webhook-messages.js';
import { SEND_TIMEOUT_MS } from './webhook-sender.js';
import * as repo from './webhooks.repository.js';

type CreateInput = z.output<typeof CreateWebhookRequest>;
type UpdateInput = z.output<typeof UpdateWebhookRequest>;
type DeliveryQuery = z.output<typeof WebhookDeliveryQuery>;

/** A send test or redelivery that dies mid-send is retried by the dispatcher after this long. */
const CLAIM_MS = SEND_TIMEOUT_MS * 6;

export function toWebhook(row: repo.WebhookRow, last?: repo.DeliveryRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    format: row.format,
    description: row.description,
    active: row.active,
    secretHint: row.secretHint,
    lastDelivery: last
      ? {
          status: last.status,
          responseStatus: last.responseStatus,
          at: (last.deliveredAt ?? last.createdAt).toISOString(),
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDelivery(row: repo.DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    eventId: row.eventId,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    durationMs: row.durationMs,
    nextAttemptAt: row.status === 'retrying' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** SECURITY-CRITICAL: a webhook URL may not point into the server's own network (SSRF). */
async function checkEgress(app: AppContext, url: string): Promise<void> {
  try {
    await app.egress.checkUrl(url);
  } catch (err) {
    if (!(err instanceof EgressRefusedError)) throw err;
    throw validationFailed([{ path: 'url', message: `Refused by the egress policy: ${err.message}` }]);
  }
}

/** The secret sealed with the master key, and the hint that helps recognise it. */
function sealSecret(app: AppContext, secret: string) {
  return { secretCiphertext: app.secrets.encrypt(secret), secretHint: secret.slice(-4) };
}

const generateSecret = () => randomToken('whsec_', 32);

async function findRow(app: AppContext, orgId: string, id: string): Promise<repo.WebhookRow> {
  const row = await repo.findWebhook(app.db, orgId, id);
  if (!row) throw notFound('Webhook');
  return row;
}

export async function listWebhooks(app: AppContext, ctx: OrgContext): Promise<{ items: Webhook[] }> {
  const rows = await repo.listWebhooks(app.db, ctx.orgId);
  const last = await repo.lastDeliveries(
    app.db,
    ctx.orgId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toWebhook(r, last.get(r.id))) };
}

export async function getWebhook(app: AppContext, ctx: OrgContext, id: string): Promise<Webhook> {
  const row = await findRow(app, ctx.orgId, id);
  const last = await repo.lastDeliveries(app.db, ctx.orgId, [row.id]);
  return toWebhook(row, last.get(row.id));
}

/** Creates a webhook; the secret (given or generated) is returned this once and stored encrypted. */
export async function createWebhook(
  app: AppContext,
  ctx: OrgContext,
  input: CreateInput,
): Promise<Webhook & { secret: string }> {
  await checkEgress(app, input.url);
  const secret = input.secret ?? generateSecret();
  const row = await app.db.transaction(async (tx) => {
    const inserted = await repo.insertWebhook(tx, {
      orgId: ctx.orgId,
      url: input.url,
      events: input.events,
      format: input.format,
      description: input.description ?? null,
      active: input.active,
      ...sealSecret(app, secret),
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'webhook.created',
      resourceType: 'webhook',
      resourceId: inserted.id,
      // Never the secret: the audit log is readable by more people than the webhook's admins.
      details: {
        url: inserted.url,
        events: inserted.events,
        format: inserted.format,
        active: inserted.active,
      },
    });
    return inserted;
  });
  return { ...toWebhook(row), secret };
}

export async function updateWebhook(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  input: UpdateInput,
): Promise<Webhook & { secret?: string }> {
  if (input.url !== undefined) await checkEgress(app, input.url);
  const secret = input.rotateSecret ? generateSecret() : undefined;
  const row = await app.db.transaction(async (tx) => {
    const before = await repo.findWebhook(tx, ctx.orgId, id, { forUpdate: true });
    if (!before) throw notFound('Webhook');
    const updated = await repo.updateWebhook(tx, ctx.orgId, id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(secret ? sealSecret(app, secret) : {}),
    });
    const changes: Record<string, unknown> = {};
    for (const key of ['url', 'events', 'format', 'description', 'active'] as const)
      if (input[key] !== undefined && JSON.stringify(input[key]) !== JSON.stringify(before[key]))
        changes[key] = { from: before[key], to: updated[key] };
    if (secret) changes.secret = 'rotated';
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'webhook.updated',
      resourceType: 'webhook',
      resourceId: id,
      details: { url: updated.url, changes },
    });
    return updated;
  });
  const last = await repo.lastDeliveries(app.db, ctx.orgId, [row.id]);
  return { ...toWebhook(row, last.get(row.id)), ...(secret ? { secret } : {}) };
}

export async function deleteWebhook(app: AppContext, ctx: OrgContext, id: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const row = await repo.findWebhook(tx, ctx.orgId, id, { forUpdate: true });
    if (!row) throw notFound('Webhook');
    await repo.deleteWebhook(tx, ctx.orgId, id);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'webhook.deleted',
      resourceType: 'webhook',
      resourceId: id,
      details: { url: row.url, events: row.events },
    });
  });
}

export async function listDeliveries(
  app: AppContext,
  ctx: OrgContext,
  webhookId: string,
  q: DeliveryQuery,
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  await findRow(app, ctx.orgId, webhookId);
  const cursor = decodeTimeCursor(q.cursor);
  const rows = await repo.listDeliveries(app.db, ctx.orgId, webhookId, {
    status: q.status,
    before: cursor && { createdAt: cursor.at, id: cursor.id },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > q.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}

/**
 * Sends one more attempt of a delivery now and answers with its outcome. The claim commits
 * before the HTTP call and the outcome after it: no transaction spans the call.
 */
async function sendNow(
  app: AppContext,
  ctx: OrgContext,
  hook: repo.WebhookRow,
  deliveryId: string,
  clock?: Clock,
): Promise<WebhookDelivery> {
  const now = clock?.now() ?? new Date();
  const claimed = await repo.claimOne(app.db, ctx.orgId, deliveryId, new Date(now.getTime() + CLAIM_MS));
  if (!claimed) throw notFound('Delivery');
  return toDelivery(await attemptDelivery(app, claimed, hook, clock ? { clock } : {}));
}

/** Sends a `webhook.test` delivery now (active or not) and answers with the delivery record. */
export async function sendTest(
  app: AppContext,
  ctx: OrgContext,
  webhookId: string,
  clock?: Clock,
): Promise<WebhookDelivery> {
  const hook = await findRow(app, ctx.orgId, webhookId);
  const delivery = await app.db.transaction(async (tx) => {
    const inserted = await repo.insertDelivery(tx, {
      orgId: ctx.orgId,
      webhookId,
      eventId: null,
      event: TEST_EVENT,
      payload: {
        webhookId,
        message: 'This is a test delivery: your endpoint is reachable and can check signatures.',
      },
      status: 'pending',
      // Not due until sendNow claims it; should this process die first, the dispatcher sends it.
      nextAttemptAt: new Date((clock?.now() ?? new Date()).getTime() + CLAIM_MS),
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'webhook.tested',
      resourceType: 'webhook',
      resourceId: webhookId,
      details: { url: hook.url, deliveryId: inserted.id },
    });
    return inserted;
  });
  return sendNow(app, ctx, hook, delivery.id, clock);
}

/** Sends a delivery again now (whatever its status); the attempt counts on the same record. */
export async function redeliver(
  app: AppContext,
  ctx: OrgContext,
  webhookId: string,
  deliveryId: string,
  clock?: Clock,
): Promise<WebhookDelivery> {
  const hook = await findRow(app, ctx.orgId, webhookId);
  await app.db.transaction(async (tx) => {
    const delivery = await repo.findDelivery(tx, ctx.orgId, webhookId, deliveryId);
    if (!delivery) throw notFound('Delivery');
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'webhook.redelivered',
      resourceType: 'webhook',
      resourceId: webhookId,
      details: { deliveryId, event: delivery.event, previousStatus: delivery.status },
    });
  });
  return sendNow(app, ctx, hook, deliveryId, clock);
}
