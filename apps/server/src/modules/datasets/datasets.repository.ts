import { and, asc, desc, eq, gt, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { datasetItems, datasets } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type DatasetRow = typeof datasets.$inferSelect;
export type DatasetItemRow = typeof datasetItems.$inferSelect;
export type NewDatasetItemRow = typeof datasetItems.$inferInsert;

/** Escapes LIKE wildcards so user input only ever matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A live (not deleted) dataset of the organization. */
const liveDataset = (orgId: string) => and(tenantFilter(datasets, orgId), isNull(datasets.deletedAt))!;

/** The item rows that make up dataset version `version`: valid_from ≤ version < valid_to. */
const atVersion = (version: number) =>
  and(
    lte(datasetItems.validFrom, version),
    or(isNull(datasetItems.validTo), gt(datasetItems.validTo, version)),
  )!;

/** Inserts a dataset unless a live one has the name; undefined means the name is taken. */
export async function insertDataset(
  db: Executor,
  values: { orgId: string; name: string; description: string | null; createdBy: string | null },
): Promise<DatasetRow | undefined> {
  const [row] = await db.insert(datasets).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findDataset(
  db: Executor,
  orgId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DatasetRow | undefined> {
  const q = db
    .select()
    .from(datasets)
    .where(and(liveDataset(orgId), eq(datasets.id, id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findDatasetByName(
  db: Executor,
  orgId: string,
  name: string,
): Promise<DatasetRow | undefined> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(and(liveDataset(orgId), eq(datasets.name, name)))
    .limit(1);
  return row;
}

/** Most recently changed first; `before` is the last row of the previous page. */
export async function listDatasets(
  db: Executor,
  orgId: string,
  opts: { search?: string | undefined; before?: { updatedAt: Date; id: string } | undefined; limit: number },
): Promise<DatasetRow[]> {
  const conds: SQL[] = [liveDataset(orgId)];
  if (opts.search) {
    const pattern = `%${likeLiteral(opts.search)}%`;
    conds.push(or(ilike(datasets.name, pattern), ilike(datasets.description, pattern))!);
  }
  if (opts.before)
    conds.push(
      or(
        lt(datasets.updatedAt, opts.before.updatedAt),
        and(eq(datasets.updatedAt, opts.before.updatedAt), lt(datasets.id, opts.before.id)),
      )!,
    );
  return db
    .select()
    .from(datasets)
    .where(and(...conds))
    .orderBy(desc(datasets.updatedAt), desc(datasets.id))
    .limit(opts.limit);
}

export async function updateDataset(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<Pick<DatasetRow, 'name' | 'description' | 'version' | 'itemCount' | 'deletedAt'>>,
): Promise<DatasetRow> {
  const [row] = await db
    .update(datasets)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(liveDataset(orgId), eq(datasets.id, id)))
    .returning();
  return row!;
}

/** The highest position ever used in the dataset (edits keep positions; deletions don't free them). */
export async function maxPosition(db: Executor, orgId: string, datasetId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<string | null>`max(${datasetItems.position})` })
    .from(datasetItems)
    .where(and(tenantFilter(datasetItems, orgId), eq(datasetItems.datasetId, datasetId)));
  return Number(row?.max ?? 0);
}

export async function insertItems(db: Executor, rows: NewDatasetItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(datasetItems).values(rows);
}

/**
 * Adds many new items in one statement whose rows travel as ONE jsonb parameter: several times
 * faster than a multi-row VALUES list with a parameter per cell, which a 100,000-row import feels.
 */
export async function insertNewItems(
  db: Executor,
  orgId: string,
  datasetId: string,
  validFrom: number,
  rows: Pick<NewDatasetItemRow, 'position' | 'input' | 'expected' | 'metadata' | 'sourceExecutionId'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    position: r.position,
    input: r.input,
    expected: r.expected ?? null,
    metadata: r.metadata ?? {},
    source_execution_id: r.sourceExecutionId ?? null,
  }));
  await db.execute(sql`
    INSERT INTO ${datasetItems} (org_id, dataset_id, valid_from, position, input, expected, metadata, source_execution_id)
    SELECT ${orgId}, ${datasetId}, ${validFrom}, v.position, v.input, v.expected, v.metadata, v.source_execution_id
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      AS v(position bigint, input jsonb, expected text, metadata jsonb, source_execution_id uuid)`);
}

/** Items of a version in position order, after position `after`. */
export async function listItems(
  db: Executor,
  orgId: string,
  datasetId: string,
  opts: { version: number; after: number; limit: number },
): Promise<DatasetItemRow[]> {
  return db
    .select()
    .from(datasetItems)
    .where(
      and(
        tenantFilter(datasetItems, orgId),
        eq(datasetItems.datasetId, datasetId),
        atVersion(opts.version),
        gt(datasetItems.position, opts.after),
      ),
    )
    .orderBy(asc(datasetItems.position))
    .limit(opts.limit);
}

/** The current row of an item (undefined when the item is not in the current version). */
export async function findCurrentItem(
  db: Executor,
  orgId: string,
  datasetId: string,
  itemId: string,
): Promise<DatasetItemRow | undefined> {
  const [row] = await db
    .select()
    .from(datasetItems)
    .where(
      and(
        tenantFilter(datasetItems, orgId),
        eq(datasetItems.datasetId, datasetId),
        eq(datasetItems.itemId, itemId),
        isNull(datasetItems.validTo),
      ),
    )
    .limit(1);
  return row;
}

/** Ends a row's validity: from `version` on, the item is no longer in this form. */
export async function closeItemRow(
  db: Executor,
  orgId: string,
  rowId: number,
  version: number,
): Promise<void> {
  await db
    .update(datasetItems)
    .set({ validTo: version })
    .where(
      and(tenantFilter(datasetItems, orgId), eq(datasetItems.rowId, rowId), isNull(datasetItems.validTo)),
    );
}

/**
 * The input variable names of a version's items, in first-seen order: by item position, then
 * by the order of the keys within the item (as the database stores them).
 */
export async function inputKeys(
  db: Executor,
  orgId: string,
  datasetId: string,
  version: number,
): Promise<string[]> {
  const { rows } = await db.execute<{ key: string }>(sql`
    SELECT key FROM (
      SELECT DISTINCT ON (k.key) k.key, ${datasetItems.position} AS position, k.ord
      FROM ${datasetItems}
      CROSS JOIN LATERAL jsonb_object_keys(${datasetItems.input}) WITH ORDINALITY AS k(key, ord)
      WHERE ${and(tenantFilter(datasetItems, orgId), eq(datasetItems.datasetId, datasetId), atVersion(version))}
      ORDER BY k.key, ${datasetItems.position}, k.ord
    ) firsts
    ORDER BY position, ord`);
  return rows.map((r) => r.key);
}
