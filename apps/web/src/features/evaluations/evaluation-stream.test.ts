import { describe, expect, it } from 'vitest';
import {
  applyEvaluationEvent,
  INITIAL_LIVE,
  readEvaluationEvents,
  RECENT_RESULTS,
} from './evaluation-stream';
import type { SseEvent } from '../playground/sse-parser';

const ev = (event: string, data: unknown): SseEvent => ({ event, data: JSON.stringify(data) });

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      // Split mid-event, as the network does.
      controller.enqueue(bytes.slice(0, 17));
      controller.enqueue(bytes.slice(17));
      controller.close();
    },
  });
}

describe('evaluation events', () => {
  it('tracks progress, keeps the newest results first and takes the finished evaluation', () => {
    let state = applyEvaluationEvent(
      INITIAL_LIVE,
      ev('progress', { done: 3, failed: 1, total: 10, costUsd: '0.01' }),
    );
    expect(state.progress).toEqual({ done: 3, failed: 1, total: 10, costUsd: '0.01' });
    for (let i = 0; i < RECENT_RESULTS + 5; i++)
      state = applyEvaluationEvent(state, ev('result', { itemId: `i${i}` }));
    expect(state.recent).toHaveLength(RECENT_RESULTS);
    expect(state.recent[0]!.itemId).toBe(`i${RECENT_RESULTS + 4}`);
    state = applyEvaluationEvent(state, ev('done', { evaluation: { id: 'e', status: 'succeeded' } }));
    expect(state.finished).toMatchObject({ id: 'e' });
  });

  it('ignores malformed and unknown events', () => {
    expect(applyEvaluationEvent(INITIAL_LIVE, { event: 'progress', data: 'not json' })).toBe(INITIAL_LIVE);
    expect(applyEvaluationEvent(INITIAL_LIVE, ev('progress', { done: 'x' }))).toBe(INITIAL_LIVE);
    expect(applyEvaluationEvent(INITIAL_LIVE, ev('other', {}))).toBe(INITIAL_LIVE);
  });

  it('keeps the problem of an error event', () => {
    const state = applyEvaluationEvent(
      INITIAL_LIVE,
      ev('error', { problem: { title: 'Gone', status: 404 } }),
    );
    expect(state.problem).toMatchObject({ status: 404 });
  });

  it('reads a stream until done and says whether it ended properly', async () => {
    const seen: string[] = [];
    const ended = await readEvaluationEvents(
      streamOf(
        'event: progress\ndata: {"done":1,"failed":0,"total":2,"costUsd":"0"}\n\n: keep-alive\n\nevent: done\ndata: {"evaluation":{}}\n\n',
      ),
      (e) => seen.push(e.event),
    );
    expect(ended).toBe(true);
    expect(seen).toEqual(['progress', 'done']);
    expect(await readEvaluationEvents(streamOf('event: progress\ndata: {}\n\n'), () => {})).toBe(false);
  });
});
