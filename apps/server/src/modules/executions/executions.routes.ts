import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateExecutionRequest,
  ExecutionList,
  ExecutionListQuery,
  ExecutionParams,
  ExecutionResponse,
  OrgParams,
  type ExecutionStreamEvents,
} from '@promptops/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import type { ProviderError } from '../../platform/llm/types.js';
import { orgContext } from '../../platform/http/access.js';
import { visibleError } from '../../platform/llm/provider-error.js';
import { problems } from '../../platform/http/responses.js';
import { openEventStream } from '../../platform/http/sse.js';
import * as service from './executions.service.js';

/**
 * 503 while the circuit is open, 504 for our timeouts, 502 for anything the provider answered.
 * The provider's own error body is quoted to admins only.
 */
function providerProblem(failure: ProviderError, executionId: string, revealUpstream: boolean): AppError {
  const extra = {
    executionId,
    ...(failure.retryAfterSeconds !== null ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
  };
  if (failure.status === 503 && failure.message.startsWith('The circuit breaker')) {
    return new AppError(503, 'Service Unavailable', failure.message, extra);
  }
  if (failure.status === 504) return new AppError(504, 'Gateway Timeout', failure.message, extra);
  const message = visibleError(
    failure.message,
    failure.origin === 'upstream' ? failure.status : null,
    revealUpstream,
  );
  return new AppError(502, 'Bad Gateway', `The provider failed: ${message}`, extra);
}

export function executionsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['executions'];
    r.post('/orgs/:orgId/executions', {
      config: { access: { permission: 'executions:run' } },
      schema: {
        operationId: 'createExecution',
        tags,
        summary: 'Run a prompt. With stream: true the answer streams as server-sent events',
        description:
          "Streaming (`text/event-stream`): `event: start` `{executionId}` first (the id the run is stored under, also when it is stopped), then `event: delta` `{text}` for each provider chunk as it arrives, then `event: done` `{execution}`, or `event: error` `{problem, execution}`. Closing the connection cancels the upstream call; the run is stored as `cancelled`. Without streaming the stored execution is returned; a provider failure answers 502 with the provider's message.",
        params: OrgParams,
        body: CreateExecutionRequest,
        produces: ['application/json', 'text/event-stream'],
        response: {
          201: ExecutionResponse,
          200: z.string().describe('text/event-stream (stream: true)'),
          ...problems(403, 404, 413, 429, 502, 503, 504),
        },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const prepared = await service.prepareExecution(app, ctx, req.body);
        const abort = new AbortController();
        if (!req.body.stream) {
          req.raw.once('close', () => {
            if (!reply.sent) abort.abort();
          });
          const { execution, failure } = await service.runExecution(app, ctx, prepared, {
            signal: abort.signal,
          });
          if (failure) throw providerProblem(failure, execution.id, ctx.role === 'admin');
          return reply.status(201).send({ execution });
        }
        const stream = openEventStream<ExecutionStreamEvents>(reply, {
          onClientGone: () => abort.abort(),
          // A client that reads slower than the model writes gets the text in larger pieces.
          coalesce: { delta: (queued, next) => ({ text: queued.text + next.text }) },
        });
        stream.send('start', { executionId: prepared.id });
        const { execution, failure } = await service.runExecution(app, ctx, prepared, {
          signal: abort.signal,
          onDelta: (text) => stream.send('delta', { text }),
        });
        if (failure) {
          const problem = providerProblem(failure, execution.id, ctx.role === 'admin').toProblem(
            req.url.split('?')[0],
          );
          stream.send('error', { problem: { ...problem, requestId: req.id }, execution });
        } else if (execution.status === 'succeeded') {
          stream.send('done', { execution });
        }
        stream.end();
        return reply;
      },
    });
    r.get('/orgs/:orgId/executions', {
      config: { access: { permission: 'executions:read' } },
      schema: {
        operationId: 'listExecutions',
        tags,
        summary: 'Run history, newest first',
        params: OrgParams,
        querystring: ExecutionListQuery,
        response: { 200: ExecutionList, ...problems(403, 404) },
      },
      handler: async (req) => service.listExecutions(app, orgContext(req), req.query),
    });
    r.get('/orgs/:orgId/executions/:id', {
      config: { access: { permission: 'executions:read' } },
      schema: {
        operationId: 'getExecution',
        tags,
        summary: 'One run',
        params: ExecutionParams,
        response: { 200: ExecutionResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({
        execution: await service.getExecution(app, orgContext(req), req.params.id),
      }),
    });
  };
}
