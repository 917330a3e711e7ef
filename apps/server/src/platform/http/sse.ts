import type { FastifyReply } from 'fastify';

/** Event name → the data it carries: each stream's map comes from `@promptops/contracts`. */
export type EventMap = object;

export interface EventStreamOptions<E extends EventMap> {
  /** Fires once if the client disconnects (or is dropped as too slow) before end(). */
  onClientGone: (reason: 'closed' | 'too-slow') => void;
  /** A comment line this often keeps proxies from timing the connection out. */
  heartbeatMs?: number;
  /** Above this much unsent data the client is dropped (the stream can't wait on it forever). */
  maxBufferedBytes?: number;
  /**
   * Merges an event into the previous one of the same name while the client is behind (e.g.
   * text deltas), so a slow reader gets fewer, larger events instead of an ever-growing queue.
   */
  coalesce?: { [K in keyof E]?: (queued: E[K], next: E[K]) => E[K] };
  /**
   * `data-only`: frames carry no `event:` line (OpenAI's streams), and a string is written as it
   * is rather than as JSON (its `[DONE]` sentinel). The event name then only matters for coalescing.
   */
  format?: 'named' | 'data-only';
}

export interface EventStream<E extends EventMap> {
  /** Queues one event; `id` becomes its `id:` line (what a reconnecting client sends as Last-Event-ID). */
  send<K extends keyof E & string>(event: K, data: E[K], id?: string | number): void;
  /** Resolves once everything sent so far is handed to the socket (or the stream is closed). */
  drained(): Promise<void>;
  end(): void;
  readonly closed: boolean;
  /** The `Last-Event-ID` header of the request: where a reconnecting client left off. */
  readonly lastEventId: string | undefined;
}

export const SSE_HEARTBEAT_MS = 15_000;
export const SSE_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Queued {
  event: string;
  data: unknown;
  id: string | number | undefined;
}

function frame(q: Queued, format: EventStreamOptions<EventMap>['format']): string {
  if (format === 'data-only')
    return `data: ${typeof q.data === 'string' ? q.data : JSON.stringify(q.data)}\n\n`;
  const id = q.id !== undefined ? `id: ${String(q.id).replace(/[\r\n]/g, '')}\n` : '';
  return `${id}event: ${q.event}\ndata: ${JSON.stringify(q.data)}\n\n`;
}

/**
 * Takes over the response for server-sent events: every stream of the API goes through here.
 * Each event is written to the socket the moment it is sent (no compression, no proxy buffering,
 * Nagle off). When the socket's buffer is full (`write()` returned false) further events wait
 * in a queue — coalesced where the stream allows — until it drains; a client that falls more
 * than `maxBufferedBytes` behind is dropped.
 */
export function openEventStream<E extends EventMap>(
  reply: FastifyReply,
  opts: EventStreamOptions<E>,
): EventStream<E> {
  reply.hijack();
  const res = reply.raw;
  const header = reply.request.headers['last-event-id'];
  const lastEventId = Array.isArray(header) ? header[0] : header;
  let ended = false;
  let blocked = false;
  let queue: Queued[] = [];
  let queuedBytes = 0;
  let waiters: (() => void)[] = [];
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(reply.request.id),
  });
  res.socket?.setNoDelay(true);
  res.flushHeaders();

  const release = () => {
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  const close = (reason: 'closed' | 'too-slow') => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    queue = [];
    release();
    if (reason === 'too-slow') res.destroy();
    opts.onClientGone(reason);
  };
  const write = (chunk: string) => {
    if (!res.write(chunk)) blocked = true;
  };
  const flush = () => {
    blocked = false;
    while (queue.length > 0 && !blocked && !ended) {
      const next = queue.shift()!;
      write(frame(next, opts.format));
    }
    queuedBytes = 0;
    for (const q of queue) queuedBytes += JSON.stringify(q.data).length;
    if (!blocked) release();
  };
  res.on('drain', flush);
  res.on('close', () => close('closed'));
  const heartbeat = setInterval(() => {
    if (!blocked && !ended) write(': keep-alive\n\n');
  }, opts.heartbeatMs ?? SSE_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    lastEventId,
    get closed() {
      return ended;
    },
    send(event, data, id) {
      if (ended || res.writableEnded) return;
      if (!blocked) {
        write(frame({ event, data, id }, opts.format));
        return;
      }
      const last = queue[queue.length - 1];
      const merge = opts.coalesce?.[event];
      if (merge && last && last.event === event && id === undefined && last.id === undefined) {
        last.data = merge(last.data as E[typeof event], data);
      } else {
        queue.push({ event, data, id });
      }
      queuedBytes += JSON.stringify(data).length;
      if (queuedBytes > (opts.maxBufferedBytes ?? SSE_MAX_BUFFERED_BYTES)) close('too-slow');
    },
    drained() {
      if (ended || (!blocked && queue.length === 0)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    end() {
      if (ended) return;
      if (blocked || queue.length > 0) {
        // Finish after what is still queued has been handed to the socket.
        waiters.push(() => {
          if (!ended) {
            ended = true;
            clearInterval(heartbeat);
            res.end();
          }
        });
        return;
      }
      ended = true;
      clearInterval(heartbeat);
      res.end();
    },
  };
}
