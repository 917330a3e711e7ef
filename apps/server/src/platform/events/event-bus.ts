import { EventEmitter } from 'node:events';
import { PlatformEvent } from '@promptops/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isRedisOutage, RedisWatch } from '../redis.js';

export type EventListener = (event: PlatformEvent) => void;

/**
 * Fan-out of published events to every process of the installation. Delivery is at least once
 * and in id order per publisher; a listener that sees an id it already handled ignores it, and
 * one that missed events (it was not subscribed) replays them with readEventsSince.
 */
export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish(events: PlatformEvent[]): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

function deliver(listeners: Set<EventListener>, event: PlatformEvent, log: Logger) {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (err) {
      // One broken consumer must not stop delivery to the others.
      log.error({ err, eventId: event.id }, 'event listener failed');
    }
  }
}

/** The embedded default: every consumer lives in this process. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly emitter = new EventEmitter();
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly log: Logger) {
    this.emitter.on('event', (event: PlatformEvent) => deliver(this.listeners, event, this.log));
  }

  async publish(events: PlatformEvent[]): Promise<void> {
    for (const event of events) this.emitter.emit('event', event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub on one channel under the installation's prefix. Publishing goes through the
 * shared connection; subscribing needs a connection of its own (a subscribed connection can run
 * nothing else), opened on the first subscribe.
 *
 * While Redis is unreachable, publishing delivers to this process's listeners directly: the
 * events stay in the outbox, and listeners of other processes replay them (readEventsSince)
 * as they do after any gap.
 */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly channel: string;
  private readonly listeners = new Set<EventListener>();
  private subscriber: Redis | undefined;
  private subscribing: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}events`;
  }

  async publish(events: PlatformEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      // One pipeline keeps the order of this batch on the wire.
      const pipeline = this.redis.pipeline();
      for (const event of events) pipeline.publish(this.channel, JSON.stringify(event));
      const results = await pipeline.exec();
      const failed = results?.find(([err]) => err);
      if (failed) throw failed[0];
    } catch (err) {
      // Part of the batch may have gone out: listeners ignore ids they have handled.
      if (isRedisOutage(err)) return this.deliverHere(events);
      throw err;
    }
  }

  private deliverHere(events: PlatformEvent[]) {
    for (const event of events) deliver(this.listeners, event, this.log);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    void this.ready().catch((err: unknown) =>
      this.log.warn({ err }, 'event bus: could not subscribe yet; Redis will resubscribe on reconnect'),
    );
    return () => this.listeners.delete(listener);
  }

  /** Resolves once this instance receives published events (tests wait for it). */
  async ready(): Promise<void> {
    await (this.subscribing ??= this.openSubscriber());
  }

  private async openSubscriber(): Promise<void> {
    // Its own settings: a subscription must wait out a Redis outage and resubscribe after it,
    // whatever the shared connection does with commands during an outage.
    const sub = this.redis.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
    });
    this.subscriber = sub;
    // Its error listener; outages are logged by the shared connection (this one at debug level).
    new RedisWatch(sub, this.log, { name: 'event subscriber' });
    sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const parsed = PlatformEvent.safeParse(safeJson(message));
      if (!parsed.success) {
        this.log.warn({ channel }, 'event bus: ignoring a message that is not a platform event');
        return;
      }
      deliver(this.listeners, parsed.data, this.log);
    });
    await sub.subscribe(this.channel);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const sub = this.subscriber;
    this.subscriber = undefined;
    await this.subscribing?.catch(() => undefined);
    await sub?.quit().catch(() => sub.disconnect());
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
