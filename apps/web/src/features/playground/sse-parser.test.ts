import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';

function parseAll(chunks: string[]): SseEvent[] {
  const parser = createSseParser();
  return [...chunks.flatMap((c) => parser.feed(c)), ...parser.end()];
}

const stream =
  'event: delta\ndata: {"text":"Hel"}\n\n' +
  'event: delta\ndata: {"text":"lo"}\n\n' +
  ': keep-alive\n\n' +
  'event: done\ndata: {"execution":{"id":"e1"}}\n\n';

const expected: SseEvent[] = [
  { event: 'delta', data: '{"text":"Hel"}' },
  { event: 'delta', data: '{"text":"lo"}' },
  { event: 'done', data: '{"execution":{"id":"e1"}}' },
];

describe('createSseParser', () => {
  it('parses a whole stream', () => {
    expect(parseAll([stream])).toEqual(expected);
  });

  it('gives the same events however the stream is split', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(parseAll(chunks)).toEqual(expected);
    }
  });

  it('emits an event as soon as its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.feed('event: delta\ndata: {"text":"a"}\n')).toEqual([]);
    expect(parser.feed('\n')).toEqual([{ event: 'delta', data: '{"text":"a"}' }]);
  });

  it('handles CRLF and CR line endings, also split between chunks', () => {
    expect(parseAll(['event: delta\r', '\ndata: x\r\n\r', '\n'])).toEqual([{ event: 'delta', data: 'x' }]);
    expect(parseAll(['data: y\r\r'])).toEqual([{ event: 'message', data: 'y' }]);
  });

  it('joins multi-line data, keeps ids and strips only one leading space', () => {
    expect(parseAll(['id: 7\ndata:  a\ndata:b\n\n'])).toEqual([{ event: 'message', data: ' a\nb', id: '7' }]);
  });

  it('ignores events without data and drops an unterminated last event', () => {
    expect(parseAll(['event: ping\n\n', 'event: delta\ndata: cut'])).toEqual([]);
  });
});
