/**
 * A streaming RFC 4180 CSV reader: text goes in chunk by chunk (a chunk may end anywhere, even
 * inside a quoted field or between the CR and LF of a line end) and complete records come out,
 * so a 50 MB file never has to be held in memory. Quoted fields may hold commas, doubled quotes
 * and line breaks; records end with CRLF, LF or a lone CR. A line with nothing on it is skipped
 * (a one-column file writes an empty value as `""`).
 */

export interface CsvRecord {
  /** The physical line the record starts on (1-based). */
  line: number;
  fields: string[];
}

/** Malformed CSV: `line` is where the problem is (where the quote opened, for an unterminated one). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const enum State {
  /** At the start of a field (after a comma or a line end). */
  FieldStart,
  Unquoted,
  Quoted,
  /** Inside a quoted field, just after a quote: a second quote is a literal one, else it closed. */
  QuoteInQuoted,
  /** Just after a CR that ended a record: an LF right after it belongs to the same line end. */
  AfterCr,
}

export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private fieldWasQuoted = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  /** The last character read inside a quoted field (a CRLF may be split across two chunks). */
  private prevQuoted = -1;
  private out: CsvRecord[] = [];

  /** The line being read, for errors found outside the parser (e.g. bad UTF-8). */
  get currentLine(): number {
    return this.line;
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const s = text;
    const n = s.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.AfterCr:
          if (s.charCodeAt(i) === 10) i++;
          this.state = State.FieldStart;
          break;
        case State.FieldStart:
          if (s.charCodeAt(i) === 34) {
            this.state = State.Quoted;
            this.fieldWasQuoted = true;
            this.quoteLine = this.line;
            this.prevQuoted = 34;
            i++;
            break;
          }
          this.state = State.Unquoted;
          break;
        case State.Unquoted: {
          let j = i;
          for (; j < n; j++) {
            const c = s.charCodeAt(j);
            if (c === 44 || c === 10 || c === 13 || c === 34) break;
          }
          if (j > i) this.field += s.slice(i, j);
          i = j;
          if (j === n) break;
          const c = s.charCodeAt(j);
          if (c === 34)
            throw new CsvSyntaxError(
              this.line,
              'A quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
            );
          i++;
          if (c === 44) this.endField();
          else this.endLine(c === 13);
          break;
        }
        case State.Quoted: {
          const j = s.indexOf('"', i);
          const end = j === -1 ? n : j;
          const piece = s.slice(i, end);
          this.field += piece;
          this.line += countLineBreaks(piece, this.prevQuoted);
          if (piece.length > 0) this.prevQuoted = piece.charCodeAt(piece.length - 1);
          if (j === -1) {
            i = n;
          } else {
            i = j + 1;
            this.state = State.QuoteInQuoted;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = s.charCodeAt(i);
          i++;
          if (c === 34) {
            this.field += '"';
            this.prevQuoted = 34;
            this.state = State.Quoted;
          } else if (c === 44) this.endField();
          else if (c === 10 || c === 13) this.endLine(c === 13);
          else
            throw new CsvSyntaxError(
              this.line,
              `Unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote: a quoted field must end at a comma or a line end`,
            );
          break;
        }
      }
    }
    const done = this.out;
    this.out = [];
    return done;
  }

  /** Ends the input; returns the last record, if the text did not end with a line break. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted)
      throw new CsvSyntaxError(this.quoteLine, 'A quoted field is never closed (unterminated quote)');
    const pending =
      this.state === State.Unquoted ||
      this.state === State.QuoteInQuoted ||
      (this.state === State.FieldStart && this.fields.length > 0);
    if (pending) this.endRecord();
    const done = this.out;
    this.out = [];
    return done;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = '';
    this.fieldWasQuoted = false;
    this.state = State.FieldStart;
  }

  private endLine(cr: boolean) {
    this.endRecord();
    this.line++;
    this.recordLine = this.line;
    this.state = cr ? State.AfterCr : State.FieldStart;
  }

  private endRecord() {
    const blank = this.fields.length === 0 && this.field === '' && !this.fieldWasQuoted;
    this.fields.push(this.field);
    if (!blank) this.out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.fieldWasQuoted = false;
  }
}

/** Line breaks in a piece of a quoted field, counting CRLF once; `before` precedes the piece. */
function countLineBreaks(piece: string, before: number): number {
  let count = 0;
  let prev = before;
  for (let k = 0; k < piece.length; k++) {
    const c = piece.charCodeAt(k);
    if (c === 13 || (c === 10 && prev !== 13)) count++;
    prev = c;
  }
  return count;
}

/** Reads CSV records from a byte stream: UTF-8 (invalid bytes are an error), a leading BOM dropped. */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  const decoder = new Utf8Lines();
  for await (const chunk of chunks) yield* parser.push(decoder.decode(chunk, parser));
  yield* parser.push(decoder.flush(parser));
  yield* parser.end();
}

/** Streaming UTF-8 decoding whose errors name the line (of the CSV parser reading it). */
class Utf8Lines {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  decode(chunk: Uint8Array, parser: CsvParser): string {
    try {
      return this.decoder.decode(chunk, { stream: true });
    } catch {
      // Read what comes before the bad bytes, so the error names the line they are on.
      parser.push(decodeValidStart(chunk));
      throw new CsvSyntaxError(parser.currentLine, 'The file is not valid UTF-8 text');
    }
  }
  flush(parser: CsvParser): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new CsvSyntaxError(parser.currentLine, 'The file is not valid UTF-8 text');
    }
  }
}

const decodesCleanly = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
};

/**
 * The text of the longest start of `chunk` that is valid UTF-8 (a character cut off at the end
 * is left out). Every shorter start of a valid one is valid too, so a binary search finds it.
 */
export function decodeValidStart(chunk: Uint8Array): string {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decodesCleanly(chunk.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return new TextDecoder('utf-8').decode(chunk.subarray(0, lo), { stream: true });
}
