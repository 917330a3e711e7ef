/**
 * Reads the start of a CSV or JSONL file in the browser so the upload dialog can show the rows
 * and let the user map columns before the raw file goes to the server (which parses it again,
 * in full, and is the one that accepts or refuses it).
 */

export type ImportFormat = 'csv' | 'jsonl';

/** Where the preview stopped reading because the text is malformed (1-based, as editors count). */
export interface PreviewError {
  line: number;
  column: number;
  message: string;
}

export interface ImportPreview {
  format: ImportFormat;
  /** Column names: the CSV header, or for JSONL the input variables then `expected`. */
  columns: string[];
  /** The first rows, one cell per column ('' for none); null for a JSON null. */
  rows: (string | null)[][];
  /** More rows follow the ones shown. */
  truncated: boolean;
  error: PreviewError | null;
}

/** The format from the file name, then from the content (a JSON object on the first line). */
export function detectImportFormat(fileName: string, text: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  return stripBom(text).trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function importContentType(format: ImportFormat): string {
  return format === 'csv' ? 'text/csv' : 'application/x-ndjson';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface CsvRecord {
  fields: string[];
  line: number;
}

interface CsvRead {
  records: CsvRecord[];
  /** More records follow the ones read. */
  more: boolean;
  error: PreviewError | null;
}

const AFTER_QUOTE = 'Text after a closing quote; double a quote inside a quoted field';

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF
 * end a record. Stops after `limit` records (the header counts as one). `partial` says the text
 * is only the start of the file, so its last record may be cut anywhere and is dropped.
 */
function readCsvRecords(text: string, limit: number, partial: boolean): CsvRead {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  // The current field was quoted and its closing quote has been read.
  let closedQuote = false;
  let line = 1;
  let column = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    closedQuote = false;
  };
  const endRecord = () => {
    endField();
    // A blank line between records is not a row.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
    fields = [];
  };
  while (i < text.length) {
    if (records.length >= limit) return { records, more: true, error: null };
    const ch = text[i]!;
    if (ch === '"' && field === '' && !closedQuote) {
      const startLine = line;
      const startColumn = column;
      i++;
      column++;
      for (;;) {
        if (i >= text.length) {
          if (partial) return { records, more: true, error: null };
          return {
            records,
            more: false,
            error: { line: startLine, column: startColumn, message: 'A quoted field is never closed' },
          };
        }
        const c = text[i]!;
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
          column += 2;
          continue;
        }
        i++;
        if (c === '"') {
          column++;
          break;
        }
        if (c === '\n') {
          line++;
          column = 1;
        } else column++;
        field += c;
      }
      closedQuote = true;
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
      column++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      column = 1;
      recordLine = line;
      continue;
    }
    if (closedQuote) return { records, more: false, error: { line, column, message: AFTER_QUOTE } };
    field += ch;
    i++;
    column++;
  }
  if (partial) return { records, more: true, error: null };
  if (field !== '' || closedQuote || fields.length > 0) endRecord();
  return { records, more: false, error: null };
}

/** The header and first rows of a CSV text; `partial` when the text is only the file's start. */
export function previewCsv(text: string, maxRows = 20, partial = false): ImportPreview {
  const { records, more, error } = readCsvRecords(stripBom(text), maxRows + 1, partial);
  const [header, ...data] = records;
  const columns = header?.fields ?? [];
  let rowError = error;
  const rows: string[][] = [];
  for (const record of data) {
    if (record.fields.length !== columns.length) {
      rowError = {
        line: record.line,
        column: Math.min(record.fields.length, columns.length) + 1,
        message: `This row has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}; the header has ${columns.length}`,
      };
      break;
    }
    rows.push(record.fields);
  }
  return { format: 'csv', columns, rows, truncated: more, error: rowError };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCellValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function cellText(value: unknown): string | null {
  if (value === null) return null;
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One `{input, expected?, metadata?}` per line; columns are the input variables in first-seen order. */
export function previewJsonl(text: string, maxRows = 20, partial = false): ImportPreview {
  const lines = stripBom(text).split(/\r?\n/);
  // The start of a larger file ends mid-line: that line is not judged.
  if (partial) lines.pop();
  const parsed: { input: Record<string, unknown>; expected: unknown }[] = [];
  const variables: string[] = [];
  let hasExpected = false;
  let error: PreviewError | null = null;
  let truncated = false;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    if (parsed.length >= maxRows) {
      truncated = true;
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      const position = /position (\d+)/.exec(e instanceof Error ? e.message : '');
      error = {
        line: index + 1,
        column: position ? Number(position[1]) + 1 : 1,
        message: 'Not valid JSON',
      };
      break;
    }
    if (!isRecord(value) || !isRecord(value.input)) {
      error = { line: index + 1, column: 1, message: 'Each line needs an object with an "input" object' };
      break;
    }
    const badValue = Object.entries(value.input).find(([, v]) => !isCellValue(v));
    if (badValue) {
      error = {
        line: index + 1,
        column: 1,
        message: `Input "${badValue[0]}" must be text, a number, true/false or null`,
      };
      break;
    }
    if ('expected' in value && value.expected !== null && typeof value.expected !== 'string') {
      error = { line: index + 1, column: 1, message: '"expected" must be text or null' };
      break;
    }
    for (const key of Object.keys(value.input)) if (!variables.includes(key)) variables.push(key);
    if ('expected' in value) hasExpected = true;
    parsed.push({ input: value.input, expected: value.expected });
  }
  const columns = hasExpected ? [...variables, 'expected'] : variables;
  const rows = parsed.map((row) => [
    ...variables.map((v) => cellText(row.input[v])),
    ...(hasExpected ? [cellText(row.expected)] : []),
  ]);
  return { format: 'jsonl', columns, rows, truncated: truncated || (partial && error === null), error };
}

/** Reads only the start of large files: the preview never needs more than a few rows. */
export const PREVIEW_BYTES = 256 * 1024;

export function previewImport(
  format: ImportFormat,
  text: string,
  { maxRows = 20, partial = false }: { maxRows?: number; partial?: boolean } = {},
): ImportPreview {
  return format === 'csv' ? previewCsv(text, maxRows, partial) : previewJsonl(text, maxRows, partial);
}
