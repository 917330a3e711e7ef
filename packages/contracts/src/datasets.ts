import { z } from 'zod';
import { Id, MAX_INT32, Timestamp } from './common.js';

/** Largest import body and row count, as the contract fixes them. */
export const MAX_DATASET_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_DATASET_IMPORT_ROWS = 100_000;
/** Items one `POST …/items` call may add. */
export const MAX_DATASET_ITEMS_PER_CALL = 10_000;
/** Longest input value or expected output of one item, in characters. */
export const MAX_DATASET_VALUE_CHARS = 100_000;

export const DatasetName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'no control characters');

/** A dataset's version: 0 when created, one more after every change to its items. */
export const DatasetVersion = z.number().int().min(0).max(MAX_INT32);

export const Dataset = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    itemCount: z.number().int().describe('Items in the current version'),
    version: DatasetVersion.describe('0 when created; every add, edit or delete of items makes the next one'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Dataset' });
export type Dataset = z.infer<typeof Dataset>;

export const CreateDatasetRequest = z.object({
  name: DatasetName,
  description: z.string().max(2000).nullish(),
});
export type CreateDatasetRequest = z.input<typeof CreateDatasetRequest>;

export const UpdateDatasetRequest = z
  .object({ name: DatasetName.optional(), description: z.string().max(2000).nullish() })
  .refine((v) => v.name !== undefined || v.description !== undefined, 'Give name or description');
export type UpdateDatasetRequest = z.input<typeof UpdateDatasetRequest>;

export const DatasetResponse = z.object({ dataset: Dataset });
export const DatasetList = z.object({ items: z.array(Dataset), nextCursor: z.string().nullable() });
export const DatasetListQuery = z.object({
  search: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const DatasetParams = z.object({ orgId: Id, id: Id });
export const DatasetItemParams = z.object({ orgId: Id, id: Id, itemId: Id });

/** An input variable's value: what a prompt variable can be filled with. */
export const DatasetValue = z.union([
  z.string().max(MAX_DATASET_VALUE_CHARS),
  z.number(),
  z.boolean(),
  z.null(),
]);
export const DatasetInput = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and _'),
    DatasetValue,
  )
  .refine((v) => Object.keys(v).length <= 200, 'At most 200 variables');

export const DatasetItemInput = z.object({
  input: DatasetInput,
  expected: z.string().max(MAX_DATASET_VALUE_CHARS).nullish(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type DatasetItemInput = z.input<typeof DatasetItemInput>;

export const DatasetItem = z
  .object({
    id: Id,
    input: z.record(z.string(), DatasetValue),
    expected: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    sourceExecutionId: Id.nullable().describe('The run this item was made from, if any'),
    createdAt: Timestamp,
  })
  .meta({ id: 'DatasetItem' });
export type DatasetItem = z.infer<typeof DatasetItem>;

export const AddDatasetItemsRequest = z.object({
  items: z.array(DatasetItemInput).min(1).max(MAX_DATASET_ITEMS_PER_CALL),
});
export const AddDatasetItemsResponse = z.object({
  added: z.number().int(),
  version: DatasetVersion,
});

export const UpdateDatasetItemRequest = z
  .object({
    input: DatasetInput.optional(),
    expected: z.string().max(MAX_DATASET_VALUE_CHARS).nullish(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (v) => v.input !== undefined || v.expected !== undefined || v.metadata !== undefined,
    'Give input, expected or metadata',
  );
export const DatasetItemResponse = z.object({ item: DatasetItem, version: DatasetVersion });
export const DatasetVersionResponse = z.object({ version: DatasetVersion });

export const DatasetItemsQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_INT32)
    .optional()
    .describe('Read the items as they were then'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const DatasetItemList = z.object({
  items: z.array(DatasetItem),
  nextCursor: z.string().nullable(),
  version: DatasetVersion,
});

export const DatasetImportQuery = z.object({
  format: z.enum(['csv', 'jsonl']),
  expectedColumn: z
    .string()
    .max(200)
    .default('expected')
    .describe('CSV: the column that becomes `expected`; every other column is an input variable'),
});
export const DatasetExportQuery = z.object({
  format: z.enum(['csv', 'jsonl']),
  version: z.coerce.number().int().min(0).max(MAX_INT32).optional(),
});

export const ItemsFromExecutionsRequest = z.object({
  executionIds: z.array(Id).min(1).max(1000),
});
