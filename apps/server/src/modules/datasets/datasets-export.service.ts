import type { Db } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import * as repo from './datasets.repository.js';
import { getDatasetRow, resolveVersion } from './datasets.service.js';

const PAGE = 1000;

export interface DatasetExport {
  filename: string;
  contentType: string;
  /** The file, produced page by page as it is sent. */
  body: AsyncGenerator<string>;
}

/**
 * A version of a dataset as CSV or JSON Lines. The dataset and version are checked before the
 * first byte is sent (so a miss is a plain 404); the rows then stream page by page. A version is
 * immutable, so pages read one after another still form one consistent snapshot.
 */
export async function exportDataset(
  db: Db,
  ctx: OrgContext,
  id: string,
  q: { format: 'csv' | 'jsonl'; version?: number | undefined },
): Promise<DatasetExport> {
  const dataset = await getDatasetRow(db, ctx.orgId, id);
  const version = resolveVersion(dataset, q.version);
  const filename = `${fileStem(dataset.name)}-v${version}.${q.format}`;
  const pages = itemPages(db, ctx.orgId, id, version);
  if (q.format === 'jsonl')
    return { filename, contentType: 'application/x-ndjson; charset=utf-8', body: jsonl(pages) };
  const columns = await repo.inputKeys(db, ctx.orgId, id, version);
  return { filename, contentType: 'text/csv; charset=utf-8', body: csv(columns, pages) };
}

async function* itemPages(db: Db, orgId: string, id: string, version: number) {
  let after = 0;
  for (;;) {
    const rows = await repo.listItems(db, orgId, id, { version, after, limit: PAGE });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.position;
    if (rows.length < PAGE) return;
  }
}

async function* jsonl(pages: AsyncGenerator<repo.DatasetItemRow[]>): AsyncGenerator<string> {
  for await (const rows of pages)
    yield rows
      .map((r) => `${JSON.stringify({ input: r.input, expected: r.expected, metadata: r.metadata })}\n`)
      .join('');
}

/**
 * Header: the input variables in first-seen order, then `expected`. Values are written as RFC
 * 4180 says and nothing more (no spreadsheet formula guard): an export must import back equal.
 */
async function* csv(columns: string[], pages: AsyncGenerator<repo.DatasetItemRow[]>): AsyncGenerator<string> {
  yield `${[...columns, 'expected'].map(csvField).join(',')}\r\n`;
  for await (const rows of pages)
    yield rows
      .map((r) => {
        const cells = [...columns.map((c) => r.input[c]), r.expected].map(csvField);
        // A row of empty cells would read back as a blank line (skipped): quote the first one.
        if (!cells.some((c) => c.length > 0)) cells[0] = '""';
        return `${cells.join(',')}\r\n`;
      })
      .join('');
}

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A file name from the dataset's name: letters, digits, dot, dash and underscore only. */
function fileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return stem || 'dataset';
}
