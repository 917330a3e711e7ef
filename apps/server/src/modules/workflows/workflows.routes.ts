import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateWorkflowRequest,
  CreateWorkflowVersionRequest,
  CursorQuery,
  EmptyBody,
  ImportWorkflowRequest,
  OrgParams,
  ResumeWorkflowRunRequest,
  RunWorkflowRequest,
  SetWorkflowLabelRequest,
  ValidateWorkflowRequest,
  WorkflowExport,
  WorkflowExportQuery,
  WorkflowLabelParams,
  WorkflowList,
  WorkflowListQuery,
  WorkflowParams,
  WorkflowResponse,
  WorkflowRunList,
  WorkflowRunListQuery,
  WorkflowRunParams,
  WorkflowRunResponse,
  WorkflowSettings,
  WorkflowSettingsResponse,
  WorkflowTemplateList,
  WorkflowDiffQuery,
  WorkflowValidation,
  WorkflowVersionDiff,
  WorkflowVersionList,
  WorkflowVersionQuery,
  WorkflowVersionResponse,
  type WorkflowRunEvents,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import { openEventStream, type EventStream } from '../../platform/http/sse.js';
import type { OrgContext } from '../../platform/context.js';
import { starterPromptsFor, WORKFLOW_TEMPLATES } from './graph/templates.js';
import { followRun } from './run-stream.js';
import * as transfer from './workflow-transfer.service.js';
import * as service from './workflows.service.js';

const SSE_DESCRIPTION =
  '`node-start {nodeId, nodeType, iteration}`, `node-end {nodeId, nodeType, iteration, status, output, error?, usage?, costUsd}`, `interrupt {nodeId, message}` when the run waits at a human node, `done {run}` when it has ended or waits (the stream then closes), `error {problem}`.';

export function workflowsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['workflows'];
    const streams = new Set<{ stop: () => void; stream: EventStream<WorkflowRunEvents> }>();
    r.addHook('preClose', async () => {
      for (const s of streams) {
        s.stop();
        s.stream.end();
      }
    });

    const follow = (reply: Parameters<typeof openEventStream>[0], ctx: OrgContext, runId: string) => {
      const entry = { stop: () => undefined } as { stop: () => void; stream: EventStream<WorkflowRunEvents> };
      entry.stream = openEventStream<WorkflowRunEvents>(reply, {
        onClientGone: () => {
          entry.stop();
          streams.delete(entry);
        },
      });
      streams.add(entry);
      entry.stop = followRun(app, ctx, runId, entry.stream, { onEnd: () => streams.delete(entry) }).stop;
    };

    r.get('/orgs/:orgId/workflows', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'listWorkflows',
        tags,
        summary: 'Workflows, most recently changed first',
        params: OrgParams,
        querystring: WorkflowListQuery,
        response: { 200: WorkflowList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listWorkflows(app, orgContext(req), req.query),
    });

    r.post('/orgs/:orgId/workflows', {
      config: { access: { permission: 'workflows:write' } },
      schema: {
        operationId: 'createWorkflow',
        tags,
        summary: 'Create a workflow (version 1); an invalid graph → 400 with node-level errors',
        params: OrgParams,
        body: CreateWorkflowRequest,
        response: { 201: WorkflowResponse, ...problems(400, 403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createWorkflow(app, orgContext(req), req.body)),
    });

    r.post('/orgs/:orgId/workflows/validate', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'validateWorkflow',
        tags,
        summary: 'Check a graph: every error names its node or edge, and the field inside the node',
        params: OrgParams,
        body: ValidateWorkflowRequest,
        response: { 200: WorkflowValidation, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.validateGraph(app, orgContext(req), req.body.graph),
    });

    r.get('/orgs/:orgId/workflows/templates', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'listWorkflowTemplates',
        tags,
        summary:
          'Starter graphs: classify and route, draft-critique-revise, parallel summaries, approval, HTTP lookup',
        params: OrgParams,
        response: { 200: WorkflowTemplateList, ...problems(403, 404) },
      },
      handler: async () => ({
        items: WORKFLOW_TEMPLATES.map((t) => ({ ...t, prompts: starterPromptsFor(t.graph) })),
      }),
    });

    r.post('/orgs/:orgId/workflows/import', {
      config: { access: { permission: 'workflows:write' } },
      schema: {
        operationId: 'importWorkflow',
        tags,
        summary: "Create a workflow, or its next version, from an exported LangGraph project's files",
        params: OrgParams,
        body: ImportWorkflowRequest,
        response: { 201: WorkflowResponse, ...problems(400, 403, 404) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await transfer.importWorkflow(app, orgContext(req), req.body)),
    });

    r.get('/orgs/:orgId/workflows/:name', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'getWorkflow',
        tags,
        summary: 'A workflow with one version (the latest, a version number or a label)',
        params: WorkflowParams,
        querystring: WorkflowVersionQuery,
        response: { 200: WorkflowResponse, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.getWorkflow(app, orgContext(req), req.params.name, req.query),
    });

    r.delete('/orgs/:orgId/workflows/:name', {
      config: { access: { permission: 'workflows:write' } },
      schema: {
        operationId: 'deleteWorkflow',
        tags,
        summary: 'Delete a workflow with its versions and runs',
        params: WorkflowParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.deleteWorkflow(app, orgContext(req), req.params.name);
        return reply.status(204).send(null);
      },
    });

    r.get('/orgs/:orgId/workflows/:name/versions', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'listWorkflowVersions',
        tags,
        summary: "A workflow's versions, newest first (without their graphs)",
        params: WorkflowParams,
        querystring: CursorQuery,
        response: { 200: WorkflowVersionList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listVersions(app, orgContext(req), req.params.name, req.query),
    });

    r.get('/orgs/:orgId/workflows/:name/diff', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'diffWorkflowVersions',
        tags,
        summary:
          'What changed between two versions: nodes added, removed, changed (per data field) or moved, and edges added or removed',
        params: WorkflowParams,
        querystring: WorkflowDiffQuery,
        response: { 200: WorkflowVersionDiff, ...problems(400, 403, 404) },
      },
      handler: async (req) =>
        service.diffVersions(app, orgContext(req), req.params.name, req.query.from, req.query.to),
    });

    r.post('/orgs/:orgId/workflows/:name/versions', {
      config: { access: { permission: 'workflows:write' } },
      schema: {
        operationId: 'createWorkflowVersion',
        tags,
        summary: 'Save a new, immutable version of the graph',
        params: WorkflowParams,
        body: CreateWorkflowVersionRequest,
        response: { 201: WorkflowVersionResponse, ...problems(400, 403, 404) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ version: await service.createVersion(app, orgContext(req), req.params.name, req.body) }),
    });

    r.put('/orgs/:orgId/workflows/:name/labels/:label', {
      config: { access: { permission: 'workflows:write' } },
      schema: {
        operationId: 'setWorkflowLabel',
        tags,
        summary: 'Point a label (e.g. production) at a version',
        params: WorkflowLabelParams,
        body: SetWorkflowLabelRequest,
        response: { 200: WorkflowResponse, ...problems(400, 403, 404) },
      },
      handler: async (req) =>
        service.setLabel(app, orgContext(req), req.params.name, req.params.label, req.body.version),
    });

    r.get('/orgs/:orgId/workflows/:name/export', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'exportWorkflow',
        tags,
        summary: 'A runnable LangGraph.js project of one version; its prompt nodes call this API',
        params: WorkflowParams,
        querystring: WorkflowExportQuery,
        response: { 200: WorkflowExport, ...problems(400, 403, 404) },
      },
      handler: async (req) =>
        transfer.exportWorkflow(app, orgContext(req), req.params.name, req.query.version),
    });

    r.post('/orgs/:orgId/workflows/:name/runs', {
      config: { access: { permission: 'workflows:run' } },
      schema: {
        operationId: 'runWorkflow',
        tags,
        summary:
          'Run a version (latest by default) with an input; `stream: true` answers with server-sent events',
        description: `Without \`stream\`: 201 with the run, queued (follow it with GET …/workflow-runs/{id} or …/stream). With \`stream: true\`: ${SSE_DESCRIPTION}`,
        params: WorkflowParams,
        body: RunWorkflowRequest,
        produces: ['application/json', 'text/event-stream'],
        response: { 201: WorkflowRunResponse, ...problems(400, 403, 404) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const row = await service.startRun(app, ctx, req.params.name, req.body);
        if (req.body.stream) {
          follow(reply, ctx, row.id);
          return reply;
        }
        return reply.status(201).send({ run: await service.getRun(app, ctx, row.id) });
      },
    });

    r.get('/orgs/:orgId/workflow-runs', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'listWorkflowRuns',
        tags,
        summary: 'Runs, newest first; `status=waiting` is the approval inbox',
        params: OrgParams,
        querystring: WorkflowRunListQuery,
        response: { 200: WorkflowRunList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listRuns(app, orgContext(req), req.query),
    });

    r.get('/orgs/:orgId/workflow-runs/:id', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'getWorkflowRun',
        tags,
        summary: 'A run with every step: status, output, tokens and cost per node visit',
        params: WorkflowRunParams,
        response: { 200: WorkflowRunResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({ run: await service.getRun(app, orgContext(req), req.params.id) }),
    });

    r.get('/orgs/:orgId/workflow-runs/:id/stream', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'streamWorkflowRun',
        tags,
        summary: "A run's progress as server-sent events (its steps so far first)",
        description: SSE_DESCRIPTION,
        params: WorkflowRunParams,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        await service.findRunRow(app, ctx.orgId, req.params.id);
        follow(reply, ctx, req.params.id);
        return reply;
      },
    });

    r.post('/orgs/:orgId/workflow-runs/:id/resume', {
      config: { access: { permission: 'workflows:run' } },
      schema: {
        operationId: 'resumeWorkflowRun',
        tags,
        summary: 'Answer the human node a run waits at; the run continues (409 if it is not waiting)',
        params: WorkflowRunParams,
        body: ResumeWorkflowRunRequest,
        response: { 200: WorkflowRunResponse, ...problems(400, 403, 404, 409) },
      },
      handler: async (req) => ({
        run: await service.resumeRun(app, orgContext(req), req.params.id, req.body.decision),
      }),
    });

    r.post('/orgs/:orgId/workflow-runs/:id/cancel', {
      config: { access: { permission: 'workflows:run' } },
      schema: {
        operationId: 'cancelWorkflowRun',
        tags,
        summary: 'Cancel a queued, running or waiting run (an ended run is returned unchanged)',
        params: WorkflowRunParams,
        body: EmptyBody,
        response: { 200: WorkflowRunResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({ run: await service.cancelRun(app, orgContext(req), req.params.id) }),
    });

    r.get('/orgs/:orgId/workflow-settings', {
      config: { access: { permission: 'workflows:read' } },
      schema: {
        operationId: 'getWorkflowSettings',
        tags,
        summary: "The organization's workflow settings (HTTP tool allow-list)",
        params: OrgParams,
        response: { 200: WorkflowSettingsResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({ settings: await service.getSettings(app, orgContext(req)) }),
    });

    r.put('/orgs/:orgId/workflow-settings', {
      config: { access: { permission: 'workflow-settings:write' } },
      schema: {
        operationId: 'updateWorkflowSettings',
        tags,
        summary: 'Set the hosts HTTP tool nodes may call (admins)',
        params: OrgParams,
        body: WorkflowSettings,
        response: { 200: WorkflowSettingsResponse, ...problems(400, 403, 404) },
      },
      handler: async (req) => ({ settings: await service.saveSettings(app, orgContext(req), req.body) }),
    });
  };
}
