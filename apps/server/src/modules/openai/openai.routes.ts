import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChatCompletion,
  ChatCompletionRequest,
  OpenAiError,
  OpenAiModelList,
  type ChatCompletionChunk,
} from '@promptops/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { openEventStream, type EventStream } from '../../platform/http/sse.js';
import type { ToolCallDelta } from '../../platform/llm/types.js';
import {
  fromProviderFailure,
  OpenAiHttpError,
  openAiErrorHandler,
  sendOpenAiError,
} from './openai.errors.js';
import * as service from './openai.service.js';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, OpenAiError]));

/** Names for the queue only: a data-only stream writes just the data. */
interface ChunkEvents {
  chunk: ChatCompletionChunk;
  error: OpenAiError;
  done: '[DONE]';
}

/**
 * The OpenAI-compatible endpoint, mounted at /openai: base URL `…/api/v1/openai` for the official
 * OpenAI SDKs, authenticated by an organization API key. Errors leave in OpenAI's shape on this
 * prefix only; the rest of the API keeps problem+json.
 */
export function openAiRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    r.setErrorHandler(openAiErrorHandler);
    r.setNotFoundHandler((req, reply) =>
      sendOpenAiError(
        reply,
        new OpenAiHttpError(
          404,
          `Unknown request URL: ${req.method} ${req.url.split('?')[0]}. This server offers /chat/completions and /models.`,
          'invalid_request_error',
          null,
          'unknown_url',
        ),
      ),
    );
    const tags = ['openai'];
    r.post('/chat/completions', {
      config: { access: { keyPermission: 'executions:run' } },
      schema: {
        operationId: 'createOpenAiChatCompletion',
        tags,
        summary: 'OpenAI-compatible chat completion (official OpenAI SDKs: base URL …/api/v1/openai)',
        description:
          "Authenticated by an organization API key (`Authorization: Bearer po_…`). `model` is a model name of the organization, or `prompt:<name>`, `prompt:<name>@<label>`, `prompt:<name>#<version>` to run a managed prompt (its rendered messages first, then the request's; variables from `metadata.variables`; without label or version the latest version). With `stream: true` the answer is `text/event-stream`: `data: {chat.completion.chunk}` lines, then `data: [DONE]`; `stream_options.include_usage` adds a last chunk with `usage` and empty `choices`. Errors are OpenAI-shaped (`{error: {message, type, param, code}}`). Every call is recorded as an execution with source `openai`.",
        body: ChatCompletionRequest,
        produces: ['application/json', 'text/event-stream'],
        response: {
          200: ChatCompletion.or(z.string().describe('text/event-stream (stream: true)')),
          ...errors(400, 401, 403, 404, 429, 500, 502, 503, 504),
        },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const call = await service.prepareCompletion(app, ctx, req.body);
        const abort = new AbortController();
        const revealUpstream = ctx.role === 'admin';
        // The run's id, for finding it later (the stream's own headers are written by hand, so raw).
        reply.raw.setHeader('x-promptops-execution-id', call.id);
        if (!req.body.stream) {
          req.raw.once('close', () => {
            if (!reply.sent) abort.abort();
          });
          const result = await service.runCompletion(app, call, { signal: abort.signal });
          if (result.failure) throw fromProviderFailure(result.failure, revealUpstream);
          return reply.status(200).send(service.toChatCompletion(result));
        }
        const includeUsage = req.body.stream_options?.include_usage === true;
        const id = service.completionId(call.id);
        const created = Math.floor(Date.now() / 1000);
        const model = call.target.model.name;
        const chunk = (
          delta: ChatCompletionChunk['choices'][number]['delta'],
          finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
        ): ChatCompletionChunk => ({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          system_fingerprint: null,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          ...(includeUsage ? { usage: null } : {}),
        });
        // The response starts with the first piece of the answer, so a call that fails before it
        // (the provider refused, a timeout) still answers with an HTTP error status.
        let stream: EventStream<ChunkEvents> | undefined;
        const open = () => {
          if (stream) return stream;
          stream = openEventStream<ChunkEvents>(reply, {
            onClientGone: () => abort.abort(),
            format: 'data-only',
          });
          stream.send('chunk', chunk({ role: 'assistant', content: '' }));
          return stream;
        };
        // Until the stream opens, a client that goes away is seen on the response.
        reply.raw.once('close', () => {
          if (!stream && !reply.raw.writableFinished) abort.abort();
        });
        const sentTools = new Set<number>();
        const onToolCall = (piece: ToolCallDelta) => {
          // The first piece of each call carries its id, type and name, as OpenAI streams them.
          const first = !sentTools.has(piece.index);
          sentTools.add(piece.index);
          open().send(
            'chunk',
            chunk({
              tool_calls: [
                {
                  index: piece.index,
                  ...(first ? { id: piece.id ?? '', type: 'function' as const } : {}),
                  function: {
                    ...(first || piece.name ? { name: piece.name ?? '' } : {}),
                    arguments: piece.arguments,
                  },
                },
              ],
            }),
          );
        };
        const result = await service.runCompletion(app, call, {
          signal: abort.signal,
          onDelta: (text) => open().send('chunk', chunk({ content: text })),
          onToolCall,
        });
        if (result.failure && !stream) throw fromProviderFailure(result.failure, revealUpstream);
        const out = open();
        if (result.failure) {
          // Mid-stream: OpenAI's SDKs raise an `error` object sent as data.
          out.send('error', fromProviderFailure(result.failure, revealUpstream).body());
        } else if (result.execution.status === 'succeeded') {
          const completion = service.toChatCompletion(result);
          out.send('chunk', chunk({}, completion.choices[0]!.finish_reason));
          if (includeUsage) out.send('chunk', { ...chunk({}), choices: [], usage: completion.usage });
          out.send('done', '[DONE]');
        }
        out.end();
        return reply;
      },
    });
    r.get('/models', {
      config: { access: { keyPermission: 'models:read' } },
      schema: {
        operationId: 'listOpenAiModels',
        tags,
        summary: "The organization's active models, in OpenAI's list format",
        response: { 200: OpenAiModelList, ...errors(401, 403) },
      },
      handler: async (req) => service.listModels(app, orgContext(req)),
    });
  };
}
