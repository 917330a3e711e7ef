import type { FastifyReply } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
}

/**
 * Takes over the response for server-sent events. Each event is written to the socket the
 * moment it is sent: no compression, no proxy buffering (X-Accel-Buffering), Nagle off.
 * `onClientGone` fires if the client disconnects before end().
 */
export function openEventStream(reply: FastifyReply, onClientGone: () => void): EventStream {
  reply.hijack();
  const res = reply.raw;
  let ended = false;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(reply.request.id),
  });
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  res.on('close', () => {
    if (!ended) {
      ended = true;
      onClientGone();
    }
  });
  return {
    get closed() {
      return ended;
    },
    send(event, data) {
      if (ended || res.writableEnded) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      res.end();
    },
  };
}
