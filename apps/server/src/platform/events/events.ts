import { EventPayloads, type EventPayload, type EventType, type PlatformEvent } from '@promptops/contracts';
import type { Executor, Tx } from '../db/database.js';
import * as repo from './outbox.repository.js';

/**
 * Records an event in the caller's transaction: it is published only if that transaction
 * commits, and then exactly in the order the relay sequences it. The payload is checked against
 * the event type's schema from the contracts, so a consumer can trust its shape.
 */
export async function emitEvent<T extends EventType>(
  tx: Executor,
  event: { orgId: string; type: T; payload: EventPayload<T> },
): Promise<void> {
  const payload = EventPayloads[event.type].parse(event.payload) as Record<string, unknown>;
  await repo.insertEvent(tx, { orgId: event.orgId, type: event.type, payload });
}

export function toPlatformEvent(row: repo.SequencedRow): PlatformEvent {
  return {
    id: row.seq,
    orgId: row.orgId,
    type: row.type,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
  } as PlatformEvent;
}

export const MAX_REPLAY_BATCH = 1000;

/**
 * The organization's events with an id greater than `afterId`, oldest first (at most `limit`):
 * a consumer that missed live events (restart, disconnect) replays from the last id it saw.
 */
export async function readEventsSince(
  db: Executor,
  orgId: string,
  afterId: number,
  limit = MAX_REPLAY_BATCH,
): Promise<PlatformEvent[]> {
  const rows = await repo.listSince(db, orgId, afterId, Math.min(Math.max(1, limit), MAX_REPLAY_BATCH));
  return rows.map(toPlatformEvent);
}

/**
 * Hands a durable consumer (named `name`, e.g. the webhook dispatcher) the next events after its
 * cursor, oldest first, and moves the cursor past them in the SAME transaction as whatever
 * `consume` writes: the consumer's effects and its position commit together, so a crash or a
 * replay neither loses an event nor consumes one twice. The cursor row is locked, so concurrent
 * consumers of one name take turns. Sequenced ids follow commit order (see sequencePending), so
 * nothing below the cursor can still appear. Returns how many events were consumed.
 */
export async function consumeEvents(
  tx: Tx,
  name: string,
  limit: number,
  consume: (events: PlatformEvent[]) => Promise<void>,
): Promise<number> {
  const after = await repo.lockCursor(tx, name);
  const rows = await repo.listSequencedAfter(tx, after, Math.min(Math.max(1, limit), MAX_REPLAY_BATCH));
  if (rows.length === 0) return 0;
  await consume(rows.map(toPlatformEvent));
  await repo.advanceCursor(tx, name, rows[rows.length - 1]!.seq);
  return rows.length;
}
