import { describe, expect, it } from 'vitest';
import { readExecutionStream } from './execution-stream';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const execution = { id: 'e1', status: 'succeeded', output: 'Hello' };

describe('readExecutionStream', () => {
  it('forwards each delta in order and ends with done', async () => {
    const deltas: string[] = [];
    const outcome = await readExecutionStream(
      streamOf([
        'event: delta\ndata: {"text":"Hel"}\n\nevent: del',
        'ta\ndata: {"text":"lo"}\n\n',
        `event: done\ndata: ${JSON.stringify({ execution })}\n\n`,
      ]),
      { onDelta: (t) => deltas.push(t) },
    );
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(outcome).toEqual({ kind: 'done', execution });
  });

  it('reports the run id from the start event before any delta', async () => {
    const seen: string[] = [];
    await readExecutionStream(
      streamOf([
        'event: start\ndata: {"executionId":"e1"}\n\n',
        'event: delta\ndata: {"text":"Hi"}\n\n',
        `event: done\ndata: ${JSON.stringify({ execution })}\n\n`,
      ]),
      { onStart: (id) => seen.push(`start:${id}`), onDelta: (t) => seen.push(t) },
    );
    expect(seen).toEqual(['start:e1', 'Hi']);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"héllo ✓"}\n\n');
    const split = 22;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const deltas: string[] = [];
    expect(await readExecutionStream(body, { onDelta: (t) => deltas.push(t) })).toEqual({
      kind: 'interrupted',
    });
    expect(deltas).toEqual(['héllo ✓']);
  });

  it('reports an error event with its problem and stored execution', async () => {
    const problem = { type: 'about:blank', title: 'Provider error', status: 502, detail: 'boom' };
    const outcome = await readExecutionStream(
      streamOf([`event: error\ndata: ${JSON.stringify({ problem, execution })}\n\n`]),
      { onDelta: () => undefined },
    );
    expect(outcome).toEqual({ kind: 'error', problem, execution });
  });

  it('reports an abort as cancelled', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      },
    });
    expect(await readExecutionStream(body, { onDelta: () => undefined })).toEqual({ kind: 'cancelled' });
  });
});
