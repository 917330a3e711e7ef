import type { z } from 'zod';
import { DatasetItemInput } from '@promptops/contracts';
import type {
  AddDatasetItemsRequest,
  CreateDatasetRequest,
  Dataset,
  DatasetItem,
  DatasetItemsQuery,
  DatasetListQuery,
  UpdateDatasetItemRequest,
  UpdateDatasetRequest,
} from '@promptops/contracts';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { getExecutionsByIds } from '../executions/executions.service.js';
import * as repo from './datasets.repository.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';

type ListQuery = z.output<typeof DatasetListQuery>;
type ItemsQuery = z.output<typeof DatasetItemsQuery>;
type CreateInput = z.output<typeof CreateDatasetRequest>;
type UpdateInput = z.output<typeof UpdateDatasetRequest>;
type AddItemsInput = z.output<typeof AddDatasetItemsRequest>;
type UpdateItemInput = z.output<typeof UpdateDatasetItemRequest>;

/** An item ready to be stored. */
export interface PreparedItem {
  input: Record<string, string | number | boolean | null>;
  expected: string | null;
  metadata: Record<string, unknown>;
  sourceExecutionId?: string | null;
}

export function toDataset(r: repo.DatasetRow): Dataset {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    itemCount: r.itemCount,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toDatasetItem(r: repo.DatasetItemRow): DatasetItem {
  return {
    id: r.itemId,
    input: r.input,
    expected: r.expected,
    metadata: r.metadata,
    sourceExecutionId: r.sourceExecutionId,
    createdAt: r.createdAt.toISOString(),
  };
}

function decodeItemCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(position))
    throw validationFailed([{ path: 'query.cursor', message: 'Invalid cursor' }]);
  return position;
}

const fromCursor = (c: { at: Date; id: string } | undefined) => c && { updatedAt: c.at, id: c.id };

export async function listDatasets(db: Db, ctx: OrgContext, q: ListQuery) {
  const rows = await repo.listDatasets(db, ctx.orgId, {
    search: q.search,
    before: fromCursor(decodeTimeCursor(q.cursor)),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDataset),
    nextCursor: rows.length > q.limit && last ? encodeTimeCursor(last.updatedAt, last.id) : null,
  };
}

export async function getDatasetRow(db: Executor, orgId: string, id: string): Promise<repo.DatasetRow> {
  const row = await repo.findDataset(db, orgId, id);
  if (!row) throw notFound('Dataset');
  return row;
}

export async function getDataset(db: Db, ctx: OrgContext, id: string): Promise<Dataset> {
  return toDataset(await getDatasetRow(db, ctx.orgId, id));
}

const nameTaken = (name: string) =>
  conflict(`A dataset named "${name}" already exists`, [{ path: 'name', message: 'Already taken' }]);

export async function createDataset(db: Db, ctx: OrgContext, input: CreateInput): Promise<Dataset> {
  return db.transaction(async (tx) => {
    const row = await repo.insertDataset(tx, {
      orgId: ctx.orgId,
      name: input.name,
      description: input.description ?? null,
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
    });
    if (!row) throw nameTaken(input.name);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'dataset.created',
      resourceType: 'dataset',
      resourceId: row.id,
      details: { name: row.name },
    });
    return toDataset(row);
  });
}

export async function updateDataset(
  db: Db,
  ctx: OrgContext,
  id: string,
  input: UpdateInput,
): Promise<Dataset> {
  return db.transaction(async (tx) => {
    const before = await repo.findDataset(tx, ctx.orgId, id, { forUpdate: true });
    if (!before) throw notFound('Dataset');
    if (input.name !== undefined && input.name !== before.name) {
      const other = await repo.findDatasetByName(tx, ctx.orgId, input.name);
      if (other) throw nameTaken(input.name);
    }
    const row = await repo.updateDataset(tx, ctx.orgId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'dataset.updated',
      resourceType: 'dataset',
      resourceId: id,
      details: {
        ...(input.name !== undefined ? { name: { before: before.name, after: row.name } } : {}),
        ...(input.description !== undefined
          ? { description: { before: before.description, after: row.description } }
          : {}),
      },
    });
    return toDataset(row);
  });
}

/**
 * Soft delete: the name is free again at once, while the items stay for the evaluations that
 * reference them.
 */
export async function deleteDataset(db: Db, ctx: OrgContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await repo.findDataset(tx, ctx.orgId, id, { forUpdate: true });
    if (!row) throw notFound('Dataset');
    await repo.updateDataset(tx, ctx.orgId, id, { deletedAt: new Date() });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'dataset.deleted',
      resourceType: 'dataset',
      resourceId: id,
      details: { name: row.name, version: row.version, itemCount: row.itemCount },
    });
  });
}

/**
 * Appends items as ONE new dataset version, batch by batch, inside the caller's transaction. The
 * dataset row is locked first, so concurrent changes get consecutive versions and positions.
 */
export async function appendItems(
  tx: Tx,
  ctx: OrgContext,
  datasetId: string,
  batches: Iterable<PreparedItem[]> | AsyncIterable<PreparedItem[]>,
  audit: Record<string, unknown>,
): Promise<{ added: number; version: number }> {
  const dataset = await repo.findDataset(tx, ctx.orgId, datasetId, { forUpdate: true });
  if (!dataset) throw notFound('Dataset');
  const version = dataset.version + 1;
  let position = await repo.maxPosition(tx, ctx.orgId, datasetId);
  let added = 0;
  for await (const batch of batches) {
    await repo.insertNewItems(
      tx,
      ctx.orgId,
      datasetId,
      version,
      batch.map((item) => ({ ...item, position: ++position })),
    );
    added += batch.length;
  }
  await repo.updateDataset(tx, ctx.orgId, datasetId, { version, itemCount: dataset.itemCount + added });
  await recordAudit(tx, ctx, {
    orgId: ctx.orgId,
    action: 'dataset.items_added',
    resourceType: 'dataset',
    resourceId: datasetId,
    details: { ...audit, added, version },
  });
  return { added, version };
}

/** Splits a list into batches, so one INSERT never carries too many parameters. */
export function* inBatches<T>(items: T[], size = INSERT_BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
export const INSERT_BATCH = 1000;

export async function addItems(db: Db, ctx: OrgContext, id: string, body: AddItemsInput) {
  const items: PreparedItem[] = body.items.map((i) => ({
    input: i.input,
    expected: i.expected ?? null,
    metadata: i.metadata ?? {},
  }));
  return db.transaction((tx) => appendItems(tx, ctx, id, inBatches(items), { source: 'api' }));
}

/** The version a read asks for: the current one by default; a later one does not exist (404). */
export function resolveVersion(dataset: repo.DatasetRow, version: number | undefined): number {
  if (version === undefined) return dataset.version;
  if (version > dataset.version) throw notFound(`Version ${version} of the dataset`);
  return version;
}

export async function listItems(db: Db, ctx: OrgContext, id: string, q: ItemsQuery) {
  const dataset = await getDatasetRow(db, ctx.orgId, id);
  const version = resolveVersion(dataset, q.version);
  const rows = await repo.listItems(db, ctx.orgId, id, {
    version,
    after: decodeItemCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDatasetItem),
    nextCursor:
      rows.length > q.limit && last ? Buffer.from(String(last.position)).toString('base64url') : null,
    version,
  };
}

/** Locks the dataset and finds the item in its current version (404 for either). */
async function lockCurrentItem(tx: Tx, orgId: string, id: string, itemId: string) {
  const dataset = await repo.findDataset(tx, orgId, id, { forUpdate: true });
  if (!dataset) throw notFound('Dataset');
  const item = await repo.findCurrentItem(tx, orgId, id, itemId);
  if (!item) throw notFound('Item');
  return { dataset, item };
}

/** An edit closes the item's current row and adds its new form at the same position. */
export async function updateItem(
  db: Db,
  ctx: OrgContext,
  id: string,
  itemId: string,
  input: UpdateItemInput,
) {
  return db.transaction(async (tx) => {
    const { dataset, item } = await lockCurrentItem(tx, ctx.orgId, id, itemId);
    const version = dataset.version + 1;
    await repo.closeItemRow(tx, ctx.orgId, item.rowId, version);
    const next = {
      orgId: ctx.orgId,
      datasetId: id,
      itemId,
      position: item.position,
      input: input.input ?? item.input,
      expected: input.expected !== undefined ? input.expected : item.expected,
      metadata: input.metadata ?? item.metadata,
      sourceExecutionId: item.sourceExecutionId,
      validFrom: version,
      createdAt: item.createdAt,
    };
    await repo.insertItems(tx, [next]);
    await repo.updateDataset(tx, ctx.orgId, id, { version });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'dataset.item_updated',
      resourceType: 'dataset',
      resourceId: id,
      details: {
        itemId,
        version,
        fields: Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : [k])),
      },
    });
    const stored = await repo.findCurrentItem(tx, ctx.orgId, id, itemId);
    return { item: toDatasetItem(stored!), version };
  });
}

export async function deleteItem(db: Db, ctx: OrgContext, id: string, itemId: string) {
  return db.transaction(async (tx) => {
    const { dataset, item } = await lockCurrentItem(tx, ctx.orgId, id, itemId);
    const version = dataset.version + 1;
    await repo.closeItemRow(tx, ctx.orgId, item.rowId, version);
    await repo.updateDataset(tx, ctx.orgId, id, { version, itemCount: dataset.itemCount - 1 });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'dataset.item_deleted',
      resourceType: 'dataset',
      resourceId: id,
      details: { itemId, version },
    });
    return { version };
  });
}

/**
 * One item per run: input = the run's variables, expected = its output. Only runs that
 * succeeded qualify; a run of another organization is simply not found.
 */
export async function addItemsFromExecutions(db: Db, ctx: OrgContext, id: string, executionIds: string[]) {
  await getDatasetRow(db, ctx.orgId, id);
  const runs = await getExecutionsByIds(db, ctx.orgId, executionIds);
  const errors: FieldError[] = [];
  const items: PreparedItem[] = [];
  for (const run of runs) {
    const path = `executionIds.${executionIds.indexOf(run.id)}`;
    if (run.status !== 'succeeded') {
      errors.push({ path, message: `The run is ${run.status}; only a succeeded run becomes an item` });
      continue;
    }
    const metadata = Object.fromEntries(
      Object.entries({
        promptName: run.promptName,
        promptVersion: run.promptVersion,
        model: run.model,
      }).filter(([, v]) => v !== null && v !== undefined),
    );
    const parsed = DatasetItemInput.safeParse({ input: run.input.variables, expected: run.output, metadata });
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5))
        errors.push({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message });
      continue;
    }
    items.push({
      input: parsed.data.input,
      expected: parsed.data.expected ?? null,
      metadata,
      sourceExecutionId: run.id,
    });
  }
  if (errors.length) throw validationFailed(errors.slice(0, 20));
  return db.transaction((tx) =>
    appendItems(tx, ctx, id, inBatches(items), { source: 'executions', executionIds: items.length }),
  );
}
