import { DatasetItemInput, MAX_DATASET_IMPORT_BYTES, MAX_DATASET_VALUE_CHARS } from '@promptops/contracts';
import { AppError, validationFailed, type FieldError } from '../../platform/errors.js';
import { findUnstorableText } from '../../platform/http/text-guard.js';
import { CsvSyntaxError, decodeValidStart, readCsvRecords } from './csv-parser.js';
import type { PreparedItem } from './datasets.service.js';

/** What an import row becomes, with the line it started on. */
export interface ImportRow {
  line: number;
  item: PreparedItem;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_VARIABLES = 200;

export const payloadTooLarge = (detail: string) => new AppError(413, 'Payload Too Large', detail);

/** Passes the body through, failing with 413 as soon as it grows past the import limit. */
export async function* limitBytes(
  chunks: AsyncIterable<Uint8Array>,
  limit = MAX_DATASET_IMPORT_BYTES,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limit) throw payloadTooLarge(`The file is larger than ${limit} bytes`);
    yield chunk;
  }
}

const lineError = (path: string, message: string) => validationFailed([{ path, message }]);
const cellPath = (line: number, column: string) => `line ${line}, column ${JSON.stringify(column)}`;

/**
 * CSV rows as items: the header names the columns; `expectedColumn` (when present) becomes
 * `expected`, every other column an input variable. Every cell is a string (empty → "").
 */
export async function* csvRows(
  chunks: AsyncIterable<Uint8Array>,
  expectedColumn: string,
): AsyncGenerator<ImportRow> {
  let header: string[] | undefined;
  let expectedAt = -1;
  try {
    for await (const record of readCsvRecords(chunks)) {
      if (!header) {
        header = readHeader(record.fields, expectedColumn);
        expectedAt = header.indexOf(expectedColumn);
        continue;
      }
      if (record.fields.length !== header.length)
        throw lineError(
          `line ${record.line}`,
          `Expected ${header.length} fields (${header.join(', ')}), found ${record.fields.length}`,
        );
      const input: Record<string, string> = {};
      let expected: string | null = null;
      record.fields.forEach((value, k) => {
        const column = header![k]!;
        const problem = valueProblem(value);
        if (problem) throw lineError(cellPath(record.line, column), problem);
        if (k === expectedAt) expected = value;
        else input[column] = value;
      });
      yield { line: record.line, item: { input, expected, metadata: {} } };
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw lineError(`line ${err.line}`, err.message);
    throw err;
  }
  if (!header) throw lineError('line 1', 'The file is empty: the first row must name the columns');
}

function readHeader(fields: string[], expectedColumn: string): string[] {
  const names = fields.map((f) => f.trim());
  const seen = new Set<string>();
  names.forEach((name, k) => {
    if (!name) throw lineError(`line 1, column ${k + 1}`, 'A column has no name');
    if (seen.has(name)) throw lineError(cellPath(1, name), 'Two columns have this name');
    seen.add(name);
    if (name !== expectedColumn && !VARIABLE_NAME.test(name))
      throw lineError(
        cellPath(1, name),
        'A column name must be a variable name: letters, digits and _, not starting with a digit',
      );
  });
  const variables = names.filter((n) => n !== expectedColumn).length;
  if (variables > MAX_VARIABLES)
    throw lineError('line 1', `At most ${MAX_VARIABLES} input columns (found ${variables})`);
  return names;
}

function valueProblem(value: string): string | undefined {
  if (value.length > MAX_DATASET_VALUE_CHARS)
    return `Longer than ${MAX_DATASET_VALUE_CHARS} characters (${value.length})`;
  return findUnstorableText(value, '')[0]?.message;
}

/** JSON Lines: one `{input, expected?, metadata?}` object per line; blank lines are skipped. */
export async function* jsonlRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ImportRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      // The bad bytes are on the line after the complete lines read so far and before them.
      const before = chunk ? decodeValidStart(chunk).split('\n').length - 1 : 0;
      throw lineError(`line ${line + 1 + before}`, 'The file is not valid UTF-8 text');
    }
  };
  const rowsOf = function* (text: string, final: boolean): Generator<ImportRow> {
    pending += text;
    let start = 0;
    for (;;) {
      const nl = pending.indexOf('\n', start);
      if (nl === -1) break;
      line++;
      const row = parseLine(pending.slice(start, nl), line);
      if (row) yield row;
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (final && pending.length > 0) {
      line++;
      const row = parseLine(pending, line);
      pending = '';
      if (row) yield row;
    }
  };
  for await (const chunk of chunks) yield* rowsOf(decode(chunk), false);
  yield* rowsOf(decode(), true);
}

function parseLine(raw: string, line: number): ImportRow | undefined {
  // A BOM may open the file; a CR may end a line.
  const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw lineError(`line ${line}`, `Not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw lineError(
      `line ${line}`,
      'Each line must be a JSON object {"input": {…}, "expected": …, "metadata": {…}}',
    );
  const unstorable = findUnstorableText(value, '');
  if (unstorable.length) throw validationFailed(unstorable.map((e) => prefixed(line, e)));
  const parsed = DatasetItemInput.safeParse(value);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues
        .slice(0, 20)
        .map((issue) => prefixed(line, { path: issue.path.map(String).join('.'), message: issue.message })),
    );
  return {
    line,
    item: {
      input: parsed.data.input,
      expected: parsed.data.expected ?? null,
      metadata: parsed.data.metadata ?? {},
    },
  };
}

const prefixed = (line: number, e: FieldError): FieldError => ({
  path: e.path && e.path !== 'body' ? `line ${line}, ${e.path}` : `line ${line}`,
  message: e.message,
});
