import type { AppContext } from '../../platform/app-context.js';
import { consumeEvents } from '../../platform/events/events.js';
import { RETRY_WINDOW_MS, TEST_EVENT, retryDelay, webhookEventOf } from './webhook-messages.js';
import { SEND_TIMEOUT_MS, sendDelivery } from './webhook-sender.js';
import * as repo from './webhooks.repository.js';

/** The dispatcher's position in the outbox (outbox_cursors.name). */
export const OUTBOX_CONSUMER = 'webhooks';
const EVENT_BATCH = 500;
const SEND_BATCH = 50;
/** Deliveries one dispatcher sends at the same time. */
const SEND_CONCURRENCY = 8;
/** A claimed attempt is due again after this long (its worker died mid-send). */
const CLAIM_MS = SEND_TIMEOUT_MS * 6;

export interface Clock {
  now: () => Date;
  random?: () => number;
}
const systemClock: Clock = { now: () => new Date() };

/**
 * Turns new platform events into deliveries: for each event (oldest first) one delivery per
 * active webhook of its organization subscribed to it, written in ONE transaction with the move
 * of the dispatcher's outbox cursor. A crash before the commit leaves both undone (the events
 * are read again); a replay of events already turned into deliveries creates none (unique
 * (webhook, event)). Returns the deliveries created.
 */
export async function dispatchEvents(app: AppContext, clock: Clock = systemClock): Promise<number> {
  let created = 0;
  for (;;) {
    const consumed = await app.db.transaction((tx) =>
      consumeEvents(tx, OUTBOX_CONSUMER, EVENT_BATCH, async (events) => {
        const subscribers = new Map<string, repo.WebhookRow[]>();
        const rows: repo.NewDeliveryRow[] = [];
        for (const e of events) {
          const event = webhookEventOf(e.type);
          if (!event) continue;
          const key = `${e.orgId}\n${event}`;
          let hooks = subscribers.get(key);
          if (!hooks) subscribers.set(key, (hooks = await repo.listSubscribers(tx, e.orgId, event)));
          const at = new Date(e.createdAt);
          for (const hook of hooks) {
            // A webhook hears of what happens after it exists, even when old events are replayed.
            if (at < hook.createdAt) continue;
            rows.push({
              orgId: e.orgId,
              webhookId: hook.id,
              eventId: e.id,
              event,
              payload: e.payload as Record<string, unknown>,
              status: 'pending',
              createdAt: at,
              nextAttemptAt: clock.now(),
            });
          }
        }
        created += await repo.insertDeliveries(tx, rows);
      }),
    );
    if (consumed < EVENT_BATCH) return created;
  }
}

/** What an attempt's outcome makes of the delivery: done, retried later, or given up. */
function nextState(
  row: repo.DeliveryRow,
  ok: boolean,
  clock: Clock,
): Pick<repo.DeliveryRow, 'status' | 'nextAttemptAt' | 'deliveredAt'> {
  const now = clock.now();
  if (ok) return { status: 'succeeded', nextAttemptAt: null, deliveredAt: now };
  // A test delivery is a one-off check: its result is shown at once, never retried.
  if (row.event === TEST_EVENT) return { status: 'failed', nextAttemptAt: null, deliveredAt: null };
  const next = new Date(now.getTime() + retryDelay(row.attempts, clock.random));
  if (next.getTime() > row.createdAt.getTime() + RETRY_WINDOW_MS)
    return { status: 'failed', nextAttemptAt: null, deliveredAt: null };
  return { status: 'retrying', nextAttemptAt: next, deliveredAt: null };
}

/**
 * Sends one claimed attempt and stores its outcome. No transaction is open during the HTTP call:
 * the claim committed before, the outcome commits after.
 */
export async function attemptDelivery(
  app: AppContext,
  row: repo.DeliveryRow,
  hook: repo.WebhookRow,
  opts: { clock?: Clock; signal?: AbortSignal } = {},
): Promise<repo.DeliveryRow> {
  const clock = opts.clock ?? systemClock;
  const outcome = await sendDelivery(
    app.egress,
    { url: hook.url, format: hook.format, secret: app.secrets.decrypt(hook.secretCiphertext) },
    { id: row.id, event: row.event, createdAt: row.createdAt, orgId: row.orgId, data: row.payload },
    { now: clock.now(), ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  const stored = await repo.recordAttempt(app.db, row.id, row.attempts, {
    ...nextState(row, outcome.ok, clock),
    responseStatus: outcome.responseStatus,
    responseBody: outcome.responseBody,
    error: outcome.error,
    durationMs: outcome.durationMs,
  });
  // A later attempt was claimed meanwhile (a redelivery): its outcome is the one kept.
  return stored ?? (await repo.findDeliveryById(app.db, row.id)) ?? row;
}

/** Sends every due delivery (claimed in batches); returns how many attempts were made. */
export async function sendDueDeliveries(
  app: AppContext,
  opts: { clock?: Clock; signal?: AbortSignal } = {},
): Promise<number> {
  const clock = opts.clock ?? systemClock;
  let attempts = 0;
  while (!opts.signal?.aborted) {
    const now = clock.now();
    const claimed = await app.db.transaction((tx) =>
      repo.claimDue(tx, now, new Date(now.getTime() + CLAIM_MS), SEND_BATCH),
    );
    if (claimed.length === 0) break;
    const hooks = await repo.webhooksByIds(app.db, [...new Set(claimed.map((d) => d.webhookId))]);
    const queue = [...claimed];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const hook = hooks.get(row.webhookId);
        if (hook?.active) await attemptDelivery(app, row, hook, opts);
        else
          await repo.recordAttempt(app.db, row.id, row.attempts, {
            status: 'failed',
            nextAttemptAt: null,
            deliveredAt: null,
            responseStatus: null,
            responseBody: null,
            error: 'Not sent: the webhook is inactive',
            durationMs: null,
          });
        attempts++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, worker));
    if (claimed.length < SEND_BATCH) break;
  }
  return attempts;
}

/** One pass of the dispatcher: new events become deliveries, then due deliveries are sent. */
export async function runWebhookDispatcher(
  app: AppContext,
  opts: { clock?: Clock; signal?: AbortSignal } = {},
): Promise<{ created: number; attempts: number }> {
  const created = await dispatchEvents(app, opts.clock);
  const attempts = await sendDueDeliveries(app, opts);
  return { created, attempts };
}
