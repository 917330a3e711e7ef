import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddDatasetItemsRequest,
  AddDatasetItemsResponse,
  CreateDatasetRequest,
  DatasetItemList,
  DatasetItemParams,
  DatasetItemResponse,
  DatasetItemsQuery,
  DatasetList,
  DatasetListQuery,
  DatasetParams,
  DatasetResponse,
  DatasetExportQuery,
  DatasetImportQuery,
  DatasetVersionResponse,
  ItemsFromExecutionsRequest,
  MAX_DATASET_IMPORT_BYTES,
  OrgParams,
  UpdateDatasetItemRequest,
  UpdateDatasetRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import { AppError } from '../../platform/errors.js';
import * as service from './datasets.service.js';
import { importItems } from './datasets-import.service.js';
import { exportDataset } from './datasets-export.service.js';
import { payloadTooLarge } from './import-rows.js';

/** Media types an import body may have, by format (a missing type is taken as the format says). */
const IMPORT_TYPES = {
  csv: ['text/csv', 'application/csv', 'text/plain'],
  jsonl: ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain'],
} as const;

/**
 * An import body not yet read. Its stream is a private field, so nothing that walks the request
 * body (the text guard) touches it; the handler reads it after authorization.
 */
class UploadBody {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

export function datasetsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['datasets'];
    r.get('/orgs/:orgId/datasets', {
      config: { access: { permission: 'datasets:read' } },
      schema: {
        operationId: 'listDatasets',
        tags,
        summary: 'Datasets, most recently changed first; `search` matches name and description',
        params: OrgParams,
        querystring: DatasetListQuery,
        response: { 200: DatasetList, ...problems(403, 404) },
      },
      handler: async (req) => service.listDatasets(app.db, orgContext(req), req.query),
    });
    r.post('/orgs/:orgId/datasets', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'createDataset',
        tags,
        summary: 'Create an empty dataset (version 0)',
        params: OrgParams,
        body: CreateDatasetRequest,
        response: { 201: DatasetResponse, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ dataset: await service.createDataset(app.db, orgContext(req), req.body) }),
    });
    r.get('/orgs/:orgId/datasets/:id', {
      config: { access: { permission: 'datasets:read' } },
      schema: {
        operationId: 'getDataset',
        tags,
        summary: 'One dataset with its current version and item count',
        params: DatasetParams,
        response: { 200: DatasetResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({ dataset: await service.getDataset(app.db, orgContext(req), req.params.id) }),
    });
    r.patch('/orgs/:orgId/datasets/:id', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'updateDataset',
        tags,
        summary: 'Rename a dataset or change its description (its items and version are unchanged)',
        params: DatasetParams,
        body: UpdateDatasetRequest,
        response: { 200: DatasetResponse, ...problems(403, 404, 409) },
      },
      handler: async (req) => ({
        dataset: await service.updateDataset(app.db, orgContext(req), req.params.id, req.body),
      }),
    });
    r.delete('/orgs/:orgId/datasets/:id', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'deleteDataset',
        tags,
        summary: 'Delete a dataset: its name is free again; evaluations keep the items they used',
        params: DatasetParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.deleteDataset(app.db, orgContext(req), req.params.id);
        return reply.status(204).send(null);
      },
    });
    r.post('/orgs/:orgId/datasets/:id/items', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'addDatasetItems',
        tags,
        summary: 'Add up to 10,000 items as one new version',
        params: DatasetParams,
        body: AddDatasetItemsRequest,
        response: { 201: AddDatasetItemsResponse, ...problems(403, 404) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.addItems(app.db, orgContext(req), req.params.id, req.body)),
    });
    r.get('/orgs/:orgId/datasets/:id/items', {
      config: { access: { permission: 'datasets:read' } },
      schema: {
        operationId: 'listDatasetItems',
        tags,
        summary: 'Items in insertion order, of the current version or of `?version=N` as it was then',
        params: DatasetParams,
        querystring: DatasetItemsQuery,
        response: { 200: DatasetItemList, ...problems(403, 404) },
      },
      handler: async (req) => service.listItems(app.db, orgContext(req), req.params.id, req.query),
    });
    r.patch('/orgs/:orgId/datasets/:id/items/:itemId', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'updateDatasetItem',
        tags,
        summary: 'Edit an item of the current version (a new version; the item keeps its id and place)',
        params: DatasetItemParams,
        body: UpdateDatasetItemRequest,
        response: { 200: DatasetItemResponse, ...problems(403, 404) },
      },
      handler: async (req) =>
        service.updateItem(app.db, orgContext(req), req.params.id, req.params.itemId, req.body),
    });
    r.delete('/orgs/:orgId/datasets/:id/items/:itemId', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'deleteDatasetItem',
        tags,
        summary: 'Remove an item from the dataset (a new version; older versions still have it)',
        params: DatasetItemParams,
        response: { 200: DatasetVersionResponse, ...problems(403, 404) },
      },
      handler: async (req) => service.deleteItem(app.db, orgContext(req), req.params.id, req.params.itemId),
    });
    r.post('/orgs/:orgId/datasets/:id/items-from-executions', {
      config: { access: { permission: 'datasets:write' } },
      schema: {
        operationId: 'addDatasetItemsFromExecutions',
        tags,
        summary:
          "Add one item per succeeded run (input = the run's variables, expected = its output) as one new version",
        params: DatasetParams,
        body: ItemsFromExecutionsRequest,
        response: { 201: AddDatasetItemsResponse, ...problems(403, 404) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(
            await service.addItemsFromExecutions(
              app.db,
              orgContext(req),
              req.params.id,
              req.body.executionIds,
            ),
          ),
    });
    r.get('/orgs/:orgId/datasets/:id/export', {
      config: { access: { permission: 'datasets:read' } },
      schema: {
        operationId: 'exportDataset',
        tags,
        summary:
          'Download the items of the current version (or `?version=N`) as CSV (input variables, then `expected`) or JSON Lines',
        params: DatasetParams,
        querystring: DatasetExportQuery,
        produces: ['text/csv', 'application/x-ndjson'],
        response: { 200: z.string().describe('The file'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const file = await exportDataset(app.db, orgContext(req), req.params.id, req.query);
        return (
          reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            // A stream bypasses the serializer; the schema above documents what it yields.
            .send(ReadableStream.from(file.body) as unknown as string)
        );
      },
    });
    // The import reads its body as a stream: this scope hands every body over unread.
    await r.register(async (plugin) => {
      const scope = plugin.withTypeProvider<ZodTypeProvider>();
      const unread = (_req: unknown, payload: Readable, done: (err: null, body: UploadBody) => void) =>
        done(null, new UploadBody(payload));
      scope.addContentTypeParser('*', unread);
      scope.addContentTypeParser('application/json', unread);
      scope.addContentTypeParser('text/plain', unread);
      scope.post('/orgs/:orgId/datasets/:id/import', {
        // Enforced while the stream is read (the parser above does not buffer the body).
        bodyLimit: MAX_DATASET_IMPORT_BYTES,
        config: { access: { permission: 'datasets:write' } },
        schema: {
          operationId: 'importDatasetItems',
          tags,
          summary:
            'Add the rows of a CSV or JSON Lines file (up to 50 MB / 100,000 rows) as one new version; any bad row adds nothing',
          params: DatasetParams,
          querystring: DatasetImportQuery,
          consumes: [...new Set([...IMPORT_TYPES.csv, ...IMPORT_TYPES.jsonl])],
          body: z.unknown().describe('The file: CSV with a header row, or one JSON object per line'),
          response: { 201: AddDatasetItemsResponse, ...problems(403, 404, 413, 415) },
        },
        handler: async (req, reply) => {
          const ctx = orgContext(req);
          const { format, expectedColumn } = req.query;
          const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
          if (type && !(IMPORT_TYPES[format] as readonly string[]).includes(type))
            throw new AppError(
              415,
              'Unsupported Media Type',
              `A ${format} import is sent as ${IMPORT_TYPES[format].join(', ')}, not ${type}`,
            );
          if (Number(req.headers['content-length']) > MAX_DATASET_IMPORT_BYTES) {
            reply.header('connection', 'close');
            throw payloadTooLarge(`The file is larger than ${MAX_DATASET_IMPORT_BYTES} bytes`);
          }
          const stream = req.body instanceof UploadBody ? req.body.stream : ReadableStream.from([]);
          try {
            // Stopping early must not destroy the request: that would reset the connection
            // before the client reads why its file was refused.
            const body = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
            const result = await importItems(app.db, ctx, req.params.id, body, { format, expectedColumn });
            return await reply.status(201).send(result);
          } catch (err) {
            // Refused before the whole body arrived: close rather than read the rest of it.
            if (!stream.readableEnded) reply.header('connection', 'close');
            throw err;
          }
        },
      });
    });
  };
}
