import type { PlatformEvent } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { MAX_REPLAY_BATCH, readEventsSince } from '../../platform/events/events.js';

export interface ChangeFeed {
  /** Resolves when the replay is done and events flow live. */
  ready: Promise<void>;
  close(): void;
}

/**
 * The event types the change feed carries: changes to prompts and experiments starting or
 * stopping (which pick the version a subject's fetch returns), which any member may read. The
 * platform's own access events (revoked keys, changed memberships) stay internal.
 */
export function inChangeFeed(event: PlatformEvent): boolean {
  return event.type.startsWith('prompt.') || event.type === 'experiment.changed';
}

/**
 * An organization's events in id order, each once: first those after `afterId` from the outbox
 * (when given), then live ones from the event bus. Live events arriving during the replay wait
 * and are delivered after it, skipping any the replay already gave. `deliver` may return a
 * promise (e.g. until a slow client drained): the replay waits for it between batches.
 */
export function openChangeFeed(
  app: AppContext,
  orgId: string,
  afterId: number | undefined,
  deliver: (event: PlatformEvent) => void | Promise<void>,
): ChangeFeed {
  let lastId = afterId ?? 0;
  let replaying = true;
  let closed = false;
  const pending: PlatformEvent[] = [];
  const emit = async (event: PlatformEvent) => {
    if (closed || event.id <= lastId) return;
    lastId = event.id;
    if (inChangeFeed(event)) await deliver(event);
  };
  const unsubscribe = app.events.subscribe((event) => {
    if (event.orgId !== orgId) return;
    if (replaying) pending.push(event);
    else void emit(event);
  });
  const ready = (async () => {
    if (afterId !== undefined) {
      for (let batch = MAX_REPLAY_BATCH; batch === MAX_REPLAY_BATCH && !closed;) {
        const events = await readEventsSince(app.db, orgId, lastId);
        for (const e of events) await emit(e);
        batch = events.length;
      }
    }
    replaying = false;
    pending.sort((a, b) => a.id - b.id);
    for (const e of pending.splice(0)) await emit(e);
  })();
  return {
    ready,
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
