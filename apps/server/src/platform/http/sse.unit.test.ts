import { connect, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, type EventStream } from './sse.js';

interface Events {
  delta: { text: string };
  done: { n: number };
}

/** One stream route whose stream the test drives, over a real socket. */
async function server(opts: { maxBufferedBytes?: number; heartbeatMs?: number } = {}) {
  const app = Fastify();
  let gone: string | undefined;
  let resolveStream!: (s: EventStream<Events>) => void;
  const stream = new Promise<EventStream<Events>>((r) => (resolveStream = r));
  app.get('/stream', async (_req, reply) => {
    resolveStream(
      openEventStream<Events>(reply, {
        onClientGone: (reason) => (gone = reason),
        coalesce: { delta: (a, b) => ({ text: a.text + b.text }) },
        ...opts,
      }),
    );
    return reply;
  });
  const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  return { app, stream, port: Number(url.port), gone: () => gone };
}

/** A raw HTTP client that reads only when told to (so the server's socket buffer fills up). */
function slowClient(port: number, headers = '') {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.write(`GET /stream HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  socket.on('data', (d: Buffer) => {
    chunks.push(d);
    bytes += d.length;
    ended ||= d.subarray(-5).toString('latin1') === '0\r\n\r\n';
  });
  const received = () => Buffer.concat(chunks).toString('utf8');
  // After the listener: adding a 'data' listener would switch the socket back to flowing.
  socket.pause();
  return {
    socket,
    read: () => socket.resume(),
    received,
    bytes: () => bytes,
    /** The response's terminating chunk has arrived. */
    ended: () => ended,
    events: () =>
      dechunk(received().slice(received().indexOf('\r\n\r\n') + 4))
        .split('\n\n')
        .filter((b) => b.includes('data: ')),
  };
}

/** The body of a chunked HTTP/1.1 response (the test's payloads are ASCII: characters are bytes). */
function dechunk(raw: string): string {
  let body = '';
  for (let at = 0; at < raw.length;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(raw.slice(at, eol), 16);
    if (!size) break;
    body += raw.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
  return body;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const waitUntil = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setImmediate(r));
};

describe('the SSE primitive', () => {
  it('queues while the client is behind, merges queued deltas, and loses no text', async () => {
    const s = await server({ maxBufferedBytes: 64 * 1024 * 1024 });
    apps.push(s.app);
    const client = slowClient(s.port);
    const stream = await s.stream;
    const chunk = 'x'.repeat(64 * 1024);
    const sent = 200;
    for (let i = 0; i < sent; i++) stream.send('delta', { text: chunk });
    stream.send('done', { n: sent }, 7);
    // The socket is full: the stream is waiting on the client.
    let drained = false;
    const draining = stream.drained().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(drained).toBe(false);
    client.read();
    await draining;
    stream.end();
    await waitUntil(() => client.ended());
    const events = client.events();
    const deltas = events.filter((e) => e.startsWith('event: delta'));
    const text = deltas.map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)).text as string).join('');
    expect(text.length).toBe(sent * chunk.length);
    // Fewer, larger events than were sent: the queue merged them instead of growing one per delta.
    expect(deltas.length).toBeLessThan(sent);
    expect(events.at(-1)).toBe('id: 7\nevent: done\ndata: {"n":200}');
    expect(s.gone()).toBeUndefined();
    client.socket.destroy();
  });

  it('drops a client that falls too far behind, and says why', async () => {
    const s = await server({ maxBufferedBytes: 1024 * 1024 });
    apps.push(s.app);
    const client = slowClient(s.port);
    const stream = await s.stream;
    // `done` events are not merged: each one queues.
    for (let i = 0; i < 200_000 && !stream.closed; i++) stream.send('done', { n: i });
    expect(stream.closed).toBe(true);
    expect(s.gone()).toBe('too-slow');
    client.socket.destroy();
  });

  it('sends keep-alive comments and exposes Last-Event-ID', async () => {
    const s = await server({ heartbeatMs: 20 });
    apps.push(s.app);
    const client = slowClient(s.port, 'Last-Event-ID: 42\r\n');
    client.read();
    const stream = await s.stream;
    expect(stream.lastEventId).toBe('42');
    await waitUntil(() => client.bytes() > 0 && client.received().includes(': keep-alive'));
    client.socket.destroy();
    await waitUntil(() => s.gone() !== undefined);
    expect(s.gone()).toBe('closed');
    expect(stream.closed).toBe(true);
  });
});
