import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreatePromptRequest,
  CreatePromptVersionRequest,
  ExportQuery,
  ImportQuery,
  ImportResponse,
  LabelParams,
  LabelResponse,
  MoveLabelRequest,
  OrgParams,
  PromptExportDocument,
  PromptList,
  PromptListQuery,
  PromptNameParams,
  PromptSelector,
  PromptDiff,
  PromptDiffQuery,
  PromptVersion,
  RollbackRequest,
  VersionList,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import * as service from './prompts.service.js';
import * as transfer from './prompts-transfer.service.js';
import { diffVersions } from './prompts-diff.service.js';
import { PromptCache } from './prompt-cache.js';
import { variantForSubject } from '../experiments/assignment.js';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const JSON_TYPE = 'application/json; charset=utf-8';

/** Adds `experiment` to a serialised prompt version (an object: its last character is `}`). */
function withExperiment(body: string, id: string, variant: string): string {
  return `${body.slice(0, -1)},"experiment":${JSON.stringify({ id, variant })}}`;
}

export function promptsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['prompts'];
    // Prompt fetches by SDKs and services are the hottest read; see prompt-cache.ts. Every
    // process hears of every change on the event bus; a change made here is dropped at once.
    const cache = new PromptCache(app.config.PROMPT_CACHE_TTL_MS, app.config.PROMPT_CACHE_MAX_ENTRIES);
    const unsubscribe = app.events.subscribe((event) => cache.handleEvent(event));
    r.addHook('onClose', (_instance, done) => {
      unsubscribe();
      done();
    });
    r.get('/orgs/:orgId/prompts', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'listPrompts',
        tags,
        summary: 'Prompts with their labels and latest version; filter by search text or folder',
        params: OrgParams,
        querystring: PromptListQuery,
        response: { 200: PromptList, ...problems(403, 404) },
      },
      handler: async (req) => service.listPrompts(app.db, orgContext(req), req.query),
    });
    r.post('/orgs/:orgId/prompts', {
      config: { access: { permission: 'prompts:write' } },
      schema: {
        operationId: 'createPrompt',
        tags,
        summary: 'Create a prompt; returns its version 1',
        params: OrgParams,
        body: CreatePromptRequest,
        response: { 201: PromptVersion, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createPrompt(app.db, orgContext(req), req.body)),
    });
    r.get('/orgs/:orgId/prompts/:name', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'getPrompt',
        tags,
        summary: 'One version of a prompt: ?version=N, ?label=L, or the latest (URL-encode / in names)',
        params: PromptNameParams,
        querystring: PromptSelector,
        response: { 200: PromptVersion, ...problems(403, 404) },
      },
      // A pre-serialised body (validated when it was cached): Fastify sends the string as is.
      handler: async (req, reply) => {
        const { orgId } = orgContext(req);
        const { subject, ...selector } = req.query;
        // With a subject and no version or label, a running experiment picks the version.
        const chosen =
          subject !== undefined && selector.version === undefined && selector.label === undefined
            ? await variantForSubject(app, orgId, req.params.name, subject)
            : null;
        if (chosen) selector.version = chosen.variant.version;
        const body = await service.resolvePromptVersionJson(app.db, cache, orgId, req.params.name, selector);
        return reply
          .type(JSON_TYPE)
          .send((chosen ? withExperiment(body, chosen.experimentId, chosen.variant.name) : body) as never);
      },
    });
    r.get('/orgs/:orgId/prompts/:name/versions', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'listPromptVersions',
        tags,
        summary: 'Every version of a prompt, newest first, with its labels',
        params: PromptNameParams,
        response: { 200: VersionList, ...problems(403, 404) },
      },
      handler: async (req) => service.listVersions(app.db, orgContext(req), req.params.name),
    });
    r.post('/orgs/:orgId/prompts/:name/versions', {
      config: { access: { permission: 'prompts:write' } },
      schema: {
        operationId: 'createPromptVersion',
        tags,
        summary: 'Save a new immutable version (N+1); with baseVersion, 409 when a newer version exists',
        params: PromptNameParams,
        body: CreatePromptVersionRequest,
        response: { 201: PromptVersion, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const created = await service.createVersion(app.db, ctx, req.params.name, req.body);
        cache.invalidatePrompt(ctx.orgId, req.params.name);
        return reply.status(201).send(created);
      },
    });
    r.get('/orgs/:orgId/prompts/:name/diff', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'diffPromptVersions',
        tags,
        summary:
          'What changed between two versions: per field (template, messages, model, params, variables) and line hunks',
        params: PromptNameParams,
        querystring: PromptDiffQuery,
        response: { 200: PromptDiff, ...problems(403, 404) },
      },
      handler: async (req) =>
        diffVersions(app.db, orgContext(req), req.params.name, req.query.from, req.query.to),
    });
    r.post('/orgs/:orgId/prompts/:name/rollback', {
      config: { access: { permission: 'prompts:write' } },
      schema: {
        operationId: 'rollbackPrompt',
        tags,
        summary: "Save a new version with an old version's content (history is never rewritten)",
        params: PromptNameParams,
        body: RollbackRequest,
        response: { 201: PromptVersion, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const created = await service.rollbackVersion(app.db, ctx, req.params.name, req.body);
        cache.invalidatePrompt(ctx.orgId, req.params.name);
        return reply.status(201).send(created);
      },
    });
    r.put('/orgs/:orgId/prompts/:name/labels/:label', {
      config: { access: { permission: 'prompts:write' } },
      schema: {
        operationId: 'movePromptLabel',
        tags,
        summary:
          'Point a label (production, staging, …) at a version; latest cannot be moved, a protected label needs a review (409)',
        params: LabelParams,
        body: MoveLabelRequest,
        response: { 200: LabelResponse, ...problems(403, 404, 409) },
      },
      handler: async (req) => {
        const ctx = orgContext(req);
        const moved = await service.moveLabel(
          app.db,
          ctx,
          req.params.name,
          req.params.label,
          req.body.version,
        );
        cache.invalidatePrompt(ctx.orgId, req.params.name);
        return moved;
      },
    });
    r.get('/orgs/:orgId/prompts-export', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'exportPrompts',
        tags,
        summary: 'Download one prompt (?name=) or all prompts with every version and label, as JSON or YAML',
        params: OrgParams,
        querystring: ExportQuery,
        response: { 200: PromptExportDocument, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const doc = await transfer.exportPrompts(app.db, orgContext(req), { name: req.query.name });
        const file = transfer.serializeExport(doc, req.query.format, req.query.name);
        // A pre-serialised string: Fastify sends it as is, in the chosen format.
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(file.body as never);
      },
    });
    // The YAML body parser is scoped to the import route only.
    await r.register(async (plugin) => {
      const scope = plugin.withTypeProvider<ZodTypeProvider>();
      scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, transfer.parseYamlBody(body as string));
        } catch (err) {
          done(err as Error, undefined);
        }
      });
      scope.post('/orgs/:orgId/prompts-import', {
        config: { access: { permission: 'prompts:write' } },
        schema: {
          operationId: 'importPrompts',
          tags,
          summary: 'Import an export document (JSON or YAML); existing names get new versions appended',
          params: OrgParams,
          querystring: ImportQuery,
          body: PromptExportDocument,
          response: { 200: ImportResponse, ...problems(403, 404) },
        },
        handler: async (req) => {
          const ctx = orgContext(req);
          const imported = await transfer.importPrompts(app.db, ctx, req.body, { rename: req.query.rename });
          cache.invalidateOrg(ctx.orgId);
          return imported;
        },
      });
    });
  };
}
