import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSse, type SseMessage } from '../src/sse.js';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function parse(chunks: Uint8Array[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of parseSse(streamOf(chunks))) out.push(m);
  return out;
}

const encode = (s: string) => new TextEncoder().encode(s);

const FEED =
  ': keep-alive\n\n' +
  'id: 7\nevent: prompt.label_moved\ndata: {"a":1}\n\n' +
  'event: delta\r\ndata: line one\r\ndata: line two — ünïcödé ✓\r\n\r\n' +
  'data:no space\rid: 9\r\r' +
  'event: ignored-without-data\n\n' +
  'retry: 1500\ndata: x\n\n' +
  'data: unterminated';

const EXPECTED: SseMessage[] = [
  { event: 'prompt.label_moved', data: '{"a":1}', lastEventId: '7' },
  { event: 'delta', data: 'line one\nline two — ünïcödé ✓', lastEventId: '7' },
  { event: 'message', data: 'no space', lastEventId: '9' },
  { event: 'message', data: 'x', lastEventId: '9', retry: 1500 },
];

describe('parseSse', () => {
  it('follows the standard: CRLF, CR and LF endings, comments, multi-line data, id carry-over, retry', async () => {
    expect(await parse([encode(FEED)])).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split into chunks (UTF-8 and CRLF split too)', async () => {
    const bytes = encode(FEED);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.slice(points[i], end));
          expect(await parse(chunks)).toEqual(EXPECTED);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('releases the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const m of parseSse(stream)) {
      expect(m.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
