import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
  DatasetVersionResponse,
  OrgParams,
  UpdateDatasetItemRequest,
  UpdateDatasetRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import * as service from './datasets.service.js';

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
  };
}
