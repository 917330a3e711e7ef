/** One server-sent event: the `event:` name (default "message") and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML §9.2). Network chunks split
 * anywhere — mid-line, mid-CRLF, mid-character — so feed() keeps the unfinished tail and
 * returns only the events completed so far. Pure: no I/O, no timers.
 */
export interface SseParser {
  feed(chunk: string): SseEvent[];
  /** End of stream: a final event without its blank line is dropped, as the spec says. */
  end(): SseEvent[];
}

export function createSseParser(): SseParser {
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  let lastId: string | undefined;
  let pendingCr = false;

  function dispatch(out: SseEvent[]) {
    if (data.length > 0) {
      const event: SseEvent = { event: eventName || 'message', data: data.join('\n') };
      if (lastId !== undefined) event.id = lastId;
      out.push(event);
    }
    eventName = '';
    data = [];
  }

  function processLine(line: string, out: SseEvent[]) {
    if (line === '') return dispatch(out);
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    // `retry` and unknown fields do not matter to a fetch-based reader.
  }

  return {
    feed(chunk) {
      const out: SseEvent[] = [];
      let text = chunk;
      // A CR ended the previous chunk: a LF starting this one belongs to the same line break.
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch !== '\n' && ch !== '\r') continue;
        processLine(buffer.slice(start, i), out);
        if (ch === '\r') {
          if (i + 1 === buffer.length) pendingCr = true;
          else if (buffer[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      buffer = '';
      eventName = '';
      data = [];
      return [];
    },
  };
}
