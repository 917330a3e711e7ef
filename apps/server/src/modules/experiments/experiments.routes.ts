import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignRequest,
  Assignment,
  CreateExperimentRequest,
  ExperimentList,
  ExperimentListQuery,
  ExperimentParams,
  ExperimentResponse,
  ExperimentResults,
  LinkEvaluationRequest,
  OrgParams,
  OutcomeAccepted,
  OutcomeRequest,
  StopExperimentRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import { forgetRunningExperiment } from './assignment.js';
import * as service from './experiments.service.js';

export function experimentsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['experiments'];
    // Every process drops its cached "running experiment of a prompt" when one starts or stops.
    const unsubscribe = app.events.subscribe((event) => {
      if (event.type === 'experiment.changed')
        forgetRunningExperiment(app, event.orgId, event.payload.promptName);
    });
    r.addHook('onClose', (_instance, done) => {
      unsubscribe();
      done();
    });

    r.get('/orgs/:orgId/experiments', {
      config: { access: { permission: 'experiments:read' } },
      schema: {
        operationId: 'listExperiments',
        tags,
        summary: 'Experiments, newest first; filter by prompt or status',
        params: OrgParams,
        querystring: ExperimentListQuery,
        response: { 200: ExperimentList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listExperiments(app, orgContext(req), req.query),
    });

    r.post('/orgs/:orgId/experiments', {
      config: { access: { permission: 'experiments:write' } },
      schema: {
        operationId: 'createExperiment',
        tags,
        summary: 'Start an A/B experiment on a prompt (2–8 variants); at most one runs per prompt',
        params: OrgParams,
        body: CreateExperimentRequest,
        response: { 201: ExperimentResponse, ...problems(400, 403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ experiment: await service.createExperiment(app, orgContext(req), req.body) }),
    });

    r.get('/orgs/:orgId/experiments/:id', {
      config: { access: { permission: 'experiments:read' } },
      schema: {
        operationId: 'getExperiment',
        tags,
        summary: 'An experiment',
        params: ExperimentParams,
        response: { 200: ExperimentResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({
        experiment: await service.getExperiment(app, orgContext(req), req.params.id),
      }),
    });

    r.post('/orgs/:orgId/experiments/:id/stop', {
      config: { access: { permission: 'experiments:write' } },
      schema: {
        operationId: 'stopExperiment',
        tags,
        summary:
          'Stop the experiment; optionally move a label to the winning variant in the same transaction',
        params: ExperimentParams,
        body: StopExperimentRequest,
        response: { 200: ExperimentResponse, ...problems(400, 403, 404, 409) },
      },
      handler: async (req) => ({
        experiment: await service.stopExperiment(app, orgContext(req), req.params.id, req.body),
      }),
    });

    r.put('/orgs/:orgId/experiments/:id/evaluation', {
      config: { access: { permission: 'experiments:write' } },
      schema: {
        operationId: 'linkExperimentEvaluation',
        tags,
        summary:
          "Use an offline evaluation's score as a quality metric of the variants (matched by prompt version)",
        params: ExperimentParams,
        body: LinkEvaluationRequest,
        response: { 200: ExperimentResponse, ...problems(400, 403, 404) },
      },
      handler: async (req) => ({
        experiment: await service.linkEvaluation(app, orgContext(req), req.params.id, req.body),
      }),
    });

    r.post('/orgs/:orgId/experiments/:id/assign', {
      config: { access: { permission: 'experiments:read' } },
      schema: {
        operationId: 'assignExperimentVariant',
        tags,
        summary: "The subject's variant: the same on every server and across restarts (counted as served)",
        params: ExperimentParams,
        body: AssignRequest,
        response: { 200: Assignment, ...problems(400, 403, 404, 409) },
      },
      handler: async (req) => service.assign(app, orgContext(req), req.params.id, req.body.subject),
    });

    r.post('/orgs/:orgId/experiments/:id/outcomes', {
      config: { access: { permission: 'experiments:write' } },
      schema: {
        operationId: 'recordExperimentOutcome',
        tags,
        summary:
          "Credit an outcome (binary 0/1 or a number) to the subject's variant; a later one replaces it",
        params: ExperimentParams,
        body: OutcomeRequest,
        response: { 202: OutcomeAccepted, ...problems(400, 403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await service.recordOutcome(app, orgContext(req), req.params.id, req.body)),
    });

    r.get('/orgs/:orgId/experiments/:id/results', {
      config: { access: { permission: 'experiments:read' } },
      schema: {
        operationId: 'getExperimentResults',
        tags,
        summary: 'Per variant: outcomes, posterior, 95 % interval, P(best), expected loss; and the decision',
        params: ExperimentParams,
        response: { 200: ExperimentResults, ...problems(403, 404) },
      },
      handler: async (req) => service.getResults(app, orgContext(req), req.params.id),
    });

    r.get('/orgs/:orgId/experiments/:id/results.csv', {
      config: { access: { permission: 'experiments:read' } },
      schema: {
        operationId: 'exportExperimentResults',
        tags,
        summary: 'The results per variant as CSV',
        params: ExperimentParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const results = await service.getResults(app, orgContext(req), req.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="experiment-${results.experimentId}.csv"`)
          .send(service.resultsCsv(results));
      },
    });
  };
}
