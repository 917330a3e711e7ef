import type { RequestContext } from './context.js';
import { delay, startEventStream, untilAborted } from './http-io.js';

// Writes a reply as server-sent events with real timing: one res.write per content chunk,
// `chunkGapMs` apart, so every chunk leaves the process the moment it is written.

export interface StreamFrames {
  /** Opening events, written together with the first content chunk. */
  head: string;
  piece(text: string): string;
  /** Closing events, written right after the last content chunk. */
  tail: string;
  /** What `stream-error` sends mid-stream before ending the response. */
  error: string;
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseData(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

export async function writeStream(
  ctx: RequestContext,
  pieces: readonly string[],
  frames: StreamFrames,
): Promise<void> {
  const { res } = ctx;
  const fault = ctx.controls.fault;
  const kind = fault?.mode.kind;
  const midStream = kind === 'disconnect' || kind === 'stall' || kind === 'stream-error';
  // By default a mid-stream fault strikes halfway, after at least one chunk when there is one.
  const strikeAt = midStream
    ? Math.min(fault?.afterChunks ?? Math.max(1, Math.ceil(pieces.length / 2)), pieces.length)
    : -1;
  const gap = ctx.controls.chunkGapMs;

  startEventStream(res, ctx.headers);
  let pending = frames.head;
  for (let i = 0; i <= pieces.length; i++) {
    const strikes = i === strikeAt;
    // The gap precedes every chunk but the first, and a fault that takes the next chunk's place.
    if (gap > 0 && i > 0 && (i < pieces.length || strikes) && !(await delay(gap, ctx.signal))) return;
    if (ctx.aborted) return;
    if (strikes) {
      if (pending) res.write(pending);
      if (kind === 'disconnect') dropConnection(ctx);
      else if (kind === 'stream-error') res.end(frames.error);
      else await untilAborted(ctx.signal);
      return;
    }
    if (i === pieces.length) break;
    res.write(pending + frames.piece(pieces[i] as string));
    pending = '';
  }
  res.end(pending + frames.tail);
}

/**
 * Drops the connection mid-response: the chunks already written still reach the client (end()
 * flushes them), then the socket closes without the terminating chunk, as when a provider dies.
 */
function dropConnection(ctx: RequestContext): void {
  const socket = ctx.res.socket;
  if (!socket) {
    ctx.res.destroy();
    return;
  }
  socket.end(() => socket.destroy());
}
