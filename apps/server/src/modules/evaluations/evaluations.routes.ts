import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateEvaluationRequest,
  EmptyBody,
  EvaluationList,
  EvaluationListQuery,
  EvaluationParams,
  EvaluationResponse,
  EvaluationResultList,
  EvaluationResultsQuery,
  OrgParams,
  type EvaluationStreamEvents,
} from '@promptops/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import { openEventStream, type EventStream } from '../../platform/http/sse.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import * as service from './evaluations.service.js';

/** How often an open event stream looks for progress (results are read with this much overlap). */
const POLL_MS = 300;
const OVERLAP_MS = 10_000;

export function evaluationsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['evaluations'];
    const streams = new Set<{ stream: EventStream<EvaluationStreamEvents>; stop: () => void }>();
    r.addHook('preClose', async () => {
      for (const s of streams) {
        s.stop();
        s.stream.end();
      }
    });

    r.post('/orgs/:orgId/evaluations', {
      config: { access: { permission: 'evaluations:run' } },
      schema: {
        operationId: 'createEvaluation',
        tags,
        summary: 'Start an evaluation: every dataset item × variant × repetition, scored by the evaluators',
        description:
          'Variant 0 is the baseline. The run is a durable job: it survives restarts and killed workers and finishes each (item, variant, repetition) exactly once. Labels are resolved now (the evaluation records the versions it ran).',
        params: OrgParams,
        body: CreateEvaluationRequest,
        response: { 202: EvaluationResponse, ...problems(400, 403, 404) },
      },
      handler: async (req, reply) => {
        const evaluation = await service.createEvaluation(app, orgContext(req), req.body);
        return reply.status(202).send({ evaluation });
      },
    });

    r.get('/orgs/:orgId/evaluations', {
      config: { access: { permission: 'evaluations:read' } },
      schema: {
        operationId: 'listEvaluations',
        tags,
        summary: 'Evaluations, newest first',
        params: OrgParams,
        querystring: EvaluationListQuery,
        response: { 200: EvaluationList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listEvaluations(app, orgContext(req), req.query),
    });

    r.get('/orgs/:orgId/evaluations/:id', {
      config: { access: { permission: 'evaluations:read' } },
      schema: {
        operationId: 'getEvaluation',
        tags,
        summary: 'An evaluation with its progress, summary per variant and comparisons with the baseline',
        params: EvaluationParams,
        response: { 200: EvaluationResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({
        evaluation: await service.getEvaluation(app, orgContext(req), req.params.id),
      }),
    });

    r.get('/orgs/:orgId/evaluations/:id/results', {
      config: { access: { permission: 'evaluations:read' } },
      schema: {
        operationId: 'listEvaluationResults',
        tags,
        summary: 'Results in dataset order (then variant, repetition)',
        params: EvaluationParams,
        querystring: EvaluationResultsQuery,
        response: { 200: EvaluationResultList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listResults(app, orgContext(req), req.params.id, req.query),
    });

    r.get('/orgs/:orgId/evaluations/:id/results.csv', {
      config: { access: { permission: 'evaluations:read' } },
      schema: {
        operationId: 'exportEvaluationResults',
        tags,
        summary: 'Every result as CSV: one row per item, variant and repetition, one column per score',
        params: EvaluationParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const evaluation = await service.findEvaluationRow(app, orgContext(req).orgId, req.params.id);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="evaluation-${evaluation.id}.csv"`)
            // A stream bypasses the serializer; the schema above documents what it yields.
            .send(Readable.from(service.resultsCsv(app, evaluation)) as unknown as string)
        );
      },
    });

    r.post('/orgs/:orgId/evaluations/:id/cancel', {
      config: { access: { permission: 'evaluations:run' } },
      schema: {
        operationId: 'cancelEvaluation',
        tags,
        summary: 'Cancel: no new call starts, calls in flight are aborted, finished results are kept',
        params: EvaluationParams,
        body: EmptyBody,
        response: { 200: EvaluationResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({
        evaluation: await service.cancelEvaluation(app, orgContext(req), req.params.id),
      }),
    });

    r.get('/orgs/:orgId/evaluations/:id/events', {
      config: { access: { permission: 'evaluations:read' } },
      schema: {
        operationId: 'streamEvaluationEvents',
        tags,
        summary: "An evaluation's progress as server-sent events",
        description:
          '`event: progress` `{done, failed, total, costUsd}` when it changes, `event: result` (an EvaluationResult) for each result as it is stored, then `event: done` `{evaluation}` when the evaluation has ended (at once for an ended one), and the stream closes.',
        params: EvaluationParams,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const first = await service.findEvaluationRow(app, ctx.orgId, req.params.id);
        let stopped = false;
        let timer: NodeJS.Timeout | undefined;
        const entry = {
          stop: () => {
            stopped = true;
            clearTimeout(timer);
          },
        } as { stream: EventStream<EvaluationStreamEvents>; stop: () => void };
        entry.stream = openEventStream<EvaluationStreamEvents>(reply, {
          onClientGone: () => {
            entry.stop();
            streams.delete(entry);
          },
        });
        streams.add(entry);
        // Results already sent (by their key), with the time they were stored, for the overlap.
        const sent = new Map<string, number>();
        let since = new Date(first.createdAt.getTime() - 1);
        let lastProgress = '';
        const tick = async () => {
          const polled = await service.pollEvaluation(app, ctx.orgId, req.params.id, since);
          if (stopped) return;
          if (!polled) {
            entry.stream.end();
            return;
          }
          const { evaluation, results } = polled;
          const progress = {
            done: evaluation.progressDone,
            failed: evaluation.progressFailed,
            total: evaluation.progressTotal,
            costUsd: normalizeDecimal(evaluation.costUsd),
          };
          const key = JSON.stringify(progress);
          if (key !== lastProgress) {
            lastProgress = key;
            entry.stream.send('progress', progress);
          }
          let newest = since.getTime();
          for (const result of results) {
            const id = `${result.itemPosition}:${result.variant}:${result.repetition}`;
            const at = result.createdAt.getTime();
            newest = Math.max(newest, at);
            if (sent.has(id)) continue;
            sent.set(id, at);
            entry.stream.send('result', service.toResult(result));
          }
          // Transactions commit out of timestamp order: re-read a window, skip what was sent.
          since = new Date(Math.max(since.getTime(), newest - OVERLAP_MS));
          for (const [id, at] of sent) if (at < since.getTime()) sent.delete(id);
          await entry.stream.drained();
          const ended = evaluation.status !== 'queued' && evaluation.status !== 'running';
          if (ended && results.length < 2000) {
            entry.stream.send('done', { evaluation: service.toEvaluation(evaluation) });
            entry.stop();
            streams.delete(entry);
            entry.stream.end();
            return;
          }
          timer = setTimeout(() => void poll(), results.length >= 2000 ? 0 : POLL_MS);
        };
        const poll = () =>
          tick().catch((err: unknown) => {
            req.log.error({ err }, 'evaluation event stream failed');
            entry.stop();
            streams.delete(entry);
            entry.stream.end();
          });
        await poll();
        return reply;
      },
    });
  };
}
