/** One server-sent event as the HTML standard's parser dispatches it. */
export interface SseMessage {
  event: string;
  data: string;
  /** The last `id:` seen so far on the stream (it carries over to later events). */
  lastEventId: string;
  /** A `retry:` field in this event, in milliseconds. */
  retry?: number;
}

/**
 * Parses a `text/event-stream` body as it arrives (web streams only, so it runs in Node, Deno,
 * Bun and browsers). Follows the standard: lines end in CRLF, LF or CR; `:` lines are comments;
 * several `data:` lines join with newlines; an event without data is not dispatched; an `id`
 * containing NUL is ignored.
 */
export async function* parseSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let lastEventId = '';
  let retry: number | undefined;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (;;) {
        const end = lineEnd(buffer, start);
        if (end === -1) break;
        const line = buffer.slice(start, end);
        start = buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1;
        if (line === '') {
          if (data.length > 0) {
            const message: SseMessage = { event: event || 'message', data: data.join('\n'), lastEventId };
            if (retry !== undefined) message.retry = retry;
            yield message;
          }
          event = '';
          data = [];
          retry = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
        if (field === 'event') event = fieldValue;
        else if (field === 'data') data.push(fieldValue);
        else if (field === 'id' && !fieldValue.includes('\0')) lastEventId = fieldValue;
        else if (field === 'retry' && /^\d+$/.test(fieldValue)) retry = Number(fieldValue);
      }
      buffer = buffer.slice(start);
    }
  } finally {
    // Stopping early (break, return, an error) releases the connection.
    await reader.cancel().catch(() => undefined);
  }
}

/** Index of the first CR or LF from `from`, or -1. A CR ending the text waits: an LF may follow it. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (c === 13) return i + 1 < text.length ? i : -1;
  }
  return -1;
}
