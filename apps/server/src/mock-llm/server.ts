import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeConfig } from './admin-routes.js';
import { configure, handleAdmin } from './admin-routes.js';
import { anthropicModel, anthropicModelList, handleCountTokens, handleMessages } from './anthropic-routes.js';
import type { MockStats, RecordedRequest } from './context.js';
import { MockState, RequestContext } from './context.js';
import type { QueuedFaultInput, RequestControls } from './controls.js';
import { ControlError, readControls } from './controls.js';
import type { ApiFlavor } from './errors.js';
import { BodyError, readJsonBody } from './http-io.js';
import type { MockLlmOptions, ResolvedMockLlmOptions } from './options.js';
import { resolveOptions } from './options.js';
import { handleChatCompletions, handleEmbeddings, openAiModel, openAiModelList } from './openai-routes.js';
import { ValidationError } from './validation.js';

export interface MockLlmServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010 (OpenAI SDK: `${url}/v1`). */
  url: string;
  port: number;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
  /** Same as `POST /_mock/faults`. */
  queueFault(fault: QueuedFaultInput): void;
  /** Same as `GET /_mock/stats` (without the pending faults). */
  stats(): MockStats;
  /** Same as `GET /_mock/requests`: recent API requests, credentials removed. */
  requests(limit?: number): RecordedRequest[];
  /** Same as `POST /_mock/config`. */
  configure(patch: Partial<RuntimeConfig>): RuntimeConfig;
  /** Same as `POST /_mock/reset`: faults, counters, rate-limit windows and config back to the start. */
  reset(): void;
}

type Handler = (ctx: RequestContext, body: unknown) => Promise<void>;

const ROUTES: Record<string, Handler> = {
  'POST /v1/chat/completions': handleChatCompletions,
  'POST /v1/embeddings': handleEmbeddings,
  'POST /v1/messages': handleMessages,
  'POST /v1/messages/count_tokens': handleCountTokens,
  'GET /v1/models': async (ctx) => {
    if (!(await ctx.admit(0, false))) return;
    const models = ctx.state.options.models;
    ctx.sendJson(200, ctx.flavor === 'openai' ? openAiModelList(models) : anthropicModelList(models));
  },
};

// Any model id is accepted, so retrieving one always succeeds.
const retrieveModel: Handler = async (ctx) => {
  if (!(await ctx.admit(0, false))) return;
  const id = decodeURIComponent((ctx.req.url ?? '').split('?')[0]?.slice('/v1/models/'.length) ?? '');
  ctx.sendJson(200, ctx.flavor === 'openai' ? openAiModel(id) : anthropicModel(id));
};

function findRoute(method: string, path: string): { name: string; handler: Handler } | undefined {
  const name = `${method} ${path}`;
  const handler = ROUTES[name];
  if (handler) return { name, handler };
  if (method === 'GET' && path.startsWith('/v1/models/') && path.length > '/v1/models/'.length) {
    return { name: 'GET /v1/models/{id}', handler: retrieveModel };
  }
  return undefined;
}

function flavorOf(req: IncomingMessage, path: string): ApiFlavor {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  // /v1/models exists in both APIs; the Anthropic SDK always sends anthropic-version.
  return req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

// Security-critical: the only credential check. Constant-time comparison of the presented key.
function authorized(req: IncomingMessage, key: string | undefined, flavor: ApiFlavor): boolean | 'missing' {
  if (key === undefined) return true;
  const auth = req.headers.authorization;
  let presented: string | undefined;
  if (auth !== undefined && auth.startsWith('Bearer ')) presented = auth.slice('Bearer '.length);
  else if (flavor === 'anthropic') {
    const header = req.headers['x-api-key'];
    presented = Array.isArray(header) ? header[0] : header;
  }
  if (presented === undefined) return 'missing';
  const a = Buffer.from(presented);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function rejectUnauthorized(ctx: RequestContext, missing: boolean): void {
  if (ctx.flavor === 'anthropic') {
    ctx.fail(401, missing ? 'x-api-key header is required' : 'invalid x-api-key');
  } else if (missing) {
    ctx.fail(401, "You didn't provide an API key. Provide it as a Bearer token in the Authorization header.");
  } else {
    // Never echo the presented key, not even masked: keys must not appear in responses.
    ctx.fail(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
  }
}

function defaultControls(options: ResolvedMockLlmOptions): RequestControls {
  const { latencyMs, chunkGapMs, chunkCount, replyWords } = options;
  return { latencyMs, chunkGapMs, chunkCount, replyWords, reply: undefined, fault: undefined };
}

async function handleApi(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const flavor = flavorOf(req, path);
  const route = findRoute(method, path);
  const routeName = route?.name ?? 'unknown';
  const { stats, options } = state;
  stats.total++;
  stats.byRoute[routeName] = (stats.byRoute[routeName] ?? 0) + 1;
  const started = options.log ? performance.now() : 0;
  res.once('close', () => {
    const status = res.writableFinished ? String(res.statusCode) : 'dropped';
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    options.log?.(`${method} ${path} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  });

  const ctx = new RequestContext(req, res, state, flavor, state.newId(), defaultControls(options));
  try {
    if (!route) {
      ctx.fail(404, flavor === 'openai' ? `Invalid URL (${method} ${path})` : `Not found: ${method} ${path}`);
      return;
    }
    const auth = authorized(req, options.key, flavor);
    if (auth !== true) {
      rejectUnauthorized(ctx, auth === 'missing');
      return;
    }
    ctx.controls = readControls(req.headers, options, () => state.faults.take(path));
    const body = method === 'POST' ? await readJsonBody(req) : undefined;
    state.record(ctx.requestId, req, body);
    await route.handler(ctx, body);
  } catch (err) {
    if (err instanceof ValidationError) ctx.fail(400, err.message, { param: err.param });
    else if (err instanceof ControlError) ctx.fail(400, err.message);
    else if (err instanceof BodyError) ctx.fail(err.status, err.message);
    else {
      ctx.fail(500, `mock-llm internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export async function startMockLlm(opts?: MockLlmOptions): Promise<MockLlmServer> {
  const options = resolveOptions(opts);
  const state = new MockState(options);
  const server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const work = path.startsWith('/_mock/')
      ? handleAdmin(state, req, res, path, new URLSearchParams(q === -1 ? '' : url.slice(q + 1)))
      : handleApi(state, req, res, path);
    work.catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: err instanceof Error ? err.message : String(err) } }));
      } else res.destroy();
    });
  });
  // Every chunk must leave as soon as it is written: Nagle's algorithm off on each connection.
  server.on('connection', (socket) => socket.setNoDelay(true));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Destroying the sockets aborts every in-flight handler (hang, stall, latency, streams).
        server.closeAllConnections();
      });
      return closing;
    },
    queueFault: (fault) => state.faults.add(fault),
    stats: () => structuredClone(state.stats),
    requests: (limit) => state.recentRequests(limit),
    configure: (patch) => configure(state, patch),
    reset: () => state.reset(),
  };
}
