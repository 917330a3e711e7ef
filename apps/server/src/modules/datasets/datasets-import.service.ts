import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_DATASET_IMPORT_ROWS } from '@promptops/contracts';
import type { Db } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { appendItems, getDatasetRow, INSERT_BATCH, type PreparedItem } from './datasets.service.js';
import { csvRows, jsonlRows, limitBytes, payloadTooLarge, type ImportRow } from './import-rows.js';

export interface ImportOptions {
  format: 'csv' | 'jsonl';
  expectedColumn: string;
}

/**
 * Imports a CSV or JSONL file as ONE new dataset version, all rows or none.
 *
 * The body is parsed as it arrives and every row is checked before anything is written; the
 * checked rows wait in a temporary file (never all in memory), and only then one transaction
 * inserts them in batches. So a bad row at line 90,000 adds nothing, and the transaction is
 * never held open while a slow client is still uploading (on the embedded database it would
 * stall every other request).
 */
export async function importItems(
  db: Db,
  ctx: OrgContext,
  datasetId: string,
  body: AsyncIterable<Uint8Array>,
  opts: ImportOptions,
): Promise<{ added: number; version: number }> {
  await getDatasetRow(db, ctx.orgId, datasetId);
  const dir = await mkdtemp(path.join(tmpdir(), 'promptops-import-'));
  try {
    const spool = path.join(dir, 'items.jsonl');
    const rows =
      opts.format === 'csv' ? csvRows(limitBytes(body), opts.expectedColumn) : jsonlRows(limitBytes(body));
    const count = await spoolRows(rows, spool);
    if (count === 0) throw badRequest('The file has no rows to import');
    return await db.transaction((tx) =>
      appendItems(tx, ctx, datasetId, readSpool(spool), { source: 'import', format: opts.format }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function spoolRows(rows: AsyncIterable<ImportRow>, file: string): Promise<number> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => undefined);
  let count = 0;
  try {
    for await (const { item } of rows) {
      if (++count > MAX_DATASET_IMPORT_ROWS)
        throw payloadTooLarge(`The file has more than ${MAX_DATASET_IMPORT_ROWS} rows`);
      if (!out.write(`${JSON.stringify(item)}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
  } finally {
    out.end();
    await Promise.race([once(out, 'close'), failed]);
  }
  return count;
}

/**
 * The spooled items in insert batches. Read by pulling chunks (not with readline, whose line
 * events would run ahead of slow inserts and queue the whole file in memory).
 */
async function* readSpool(file: string): AsyncGenerator<PreparedItem[]> {
  let pending = '';
  let batch: PreparedItem[] = [];
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    const lines = (pending + (chunk as string)).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      batch.push(JSON.parse(line) as PreparedItem);
      if (batch.length === INSERT_BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (pending) batch.push(JSON.parse(pending) as PreparedItem);
  if (batch.length) yield batch;
}
