import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed, type PlatformEvent } from '../src/change-feed.js';

/**
 * The feed's reconnects against a local SSE server that sends a few events then drops the
 * connection, and refuses the first reconnect: each request's Last-Event-ID is recorded.
 */
const requests: { lastEventId: string | undefined; auth: string | undefined }[] = [];
let server: http.Server;
let url: string;

const event = (id: number, name: string) =>
  `id: ${id}\nevent: prompt.label_moved\ndata: ${JSON.stringify({ id, orgId: 'o', type: 'prompt.label_moved', payload: { name } })}\n\n`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const n = requests.push({
      lastEventId: req.headers['last-event-id'] as string | undefined,
      auth: req.headers.authorization,
    });
    if (n === 2) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (n === 1) res.end(': hello\n\n' + event(5, 'a') + event(6, 'b'));
    else res.write(event(7, 'c')); // stays open
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('ChangeFeed', () => {
  it('reconnects with backoff after a drop or an error, resuming from Last-Event-ID', async () => {
    const seen: string[] = [];
    let opens = 0;
    const errors: unknown[] = [];
    let gotAll!: () => void;
    const all = new Promise<void>((resolve) => (gotAll = resolve));
    const feed = new ChangeFeed({
      url,
      fetch: (request) => fetch(request),
      headers: async () => ({ authorization: 'Bearer po_k' }),
      onOpen: () => opens++,
      onEvent: (e: PlatformEvent) => {
        seen.push(`${e.id}:${(e.payload as { name: string }).name}`);
        if (e.id === 7) gotAll();
      },
      onError: (e) => errors.push(e),
      minDelayMs: 5,
      maxDelayMs: 20,
    });
    await all;
    expect(feed.state).toBe('open');
    expect(seen).toEqual(['5:a', '6:b', '7:c']);
    expect(requests.map((r) => r.lastEventId)).toEqual([undefined, '6', '6']);
    expect(requests.every((r) => r.auth === 'Bearer po_k')).toBe(true);
    // Opened twice (the refused attempt did not open): each open makes the cache recheck.
    expect(opens).toBe(2);
    expect(String(errors[0])).toContain('503');
    feed.close();
    await feed.done;
    expect(feed.state).toBe('closed');
  });
});
