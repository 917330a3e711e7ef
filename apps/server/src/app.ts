import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './platform/app-context.js';
import { authenticate, authorize, dropRevokedAccess, type Access } from './platform/http/access.js';
import { notFoundHandler, problemHandler } from './platform/http/problem.js';
import { rejectUnstorableText } from './platform/http/text-guard.js';
import { SampledRequestLog } from './platform/http/request-log.js';
import { unauthorized } from './platform/errors.js';
import { transformOpenApiDocument } from './platform/http/openapi.js';
import { migrationStatus } from './platform/db/migrate.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { orgsRoutes } from './modules/orgs/orgs.routes.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { promptsRoutes } from './modules/prompts/prompts.routes.js';
import { compositionRoutes } from './modules/prompts/composition.routes.js';
import { sharingRoutes } from './modules/sharing/sharing.routes.js';
import { providersRoutes } from './modules/providers/providers.routes.js';
import { executionsRoutes } from './modules/executions/executions.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { overviewRoutes } from './modules/overview/overview.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { datasetsRoutes } from './modules/datasets/datasets.routes.js';
import { evaluationsRoutes } from './modules/evaluations/evaluations.routes.js';
import { experimentsRoutes } from './modules/experiments/experiments.routes.js';
import { analyticsRoutes } from './modules/analytics/analytics.routes.js';
import { reviewRoutes } from './modules/review/review.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { openAiRoutes } from './modules/openai/openai.routes.js';
import { workflowsRoutes } from './modules/workflows/workflows.routes.js';
import { registerJobMetrics } from './platform/jobs/jobs.metrics.js';

export const API_PREFIX = '/api/v1';
export const VERSION = '0.1.0';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its access rule (used by the access-matrix test and docs). */
    apiRoutes: ApiRoute[];
  }
}

export interface BuildOptions {
  /** Serve the built web app from this folder (skipped when it doesn't exist). */
  webDir?: string | undefined;
  logger?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger === false ? { logger: false } : { loggerInstance: ctx.log as FastifyBaseLogger }),
    trustProxy: ctx.config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    logController: new SampledRequestLog({
      slowMs: ctx.config.LOG_SLOW_REQUEST_MS,
      sampleRate: ctx.config.LOG_REQUEST_SAMPLE_RATE,
    }),
    bodyLimit: 5 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler);
  // Callback-style hooks: an async hook costs a promise per request on every route.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });

  // Every /api/v1 route must say who may call it; fail closed at start-up otherwise. It must also
  // name its operation: the generated client calls routes by these names.
  const apiRoutes: ApiRoute[] = [];
  const operationIds = new Set<string>();
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    const operationId = (route.schema as { operationId?: string } | undefined)?.operationId;
    // Fastify adds a HEAD twin of every GET route with the same schema; the GET names the operation.
    if (route.method !== 'HEAD') {
      if (!operationId) throw new Error(`Route ${route.method} ${route.url} declares no schema.operationId`);
      if (operationIds.has(operationId))
        throw new Error(`Duplicate operationId "${operationId}" (${route.url})`);
      operationIds.add(operationId);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  // Parses Cookie headers; only the browser session's refresh token (auth routes) uses cookies.
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PromptOps API',
        version: VERSION,
        description:
          'Write, version, run, evaluate and govern LLM prompts. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Access token (JWT) or organization API key (po_…)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: transformOpenApiDocument,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const stopWatchingAccess = ctx.events.subscribe(dropRevokedAccess(ctx));
  app.addHook('onClose', (_instance, done) => {
    stopWatchingAccess();
    done();
  });

  registerOperationalRoutes(app, ctx);
  registerJobMetrics(ctx);

  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate(ctx));
      api.addHook('preValidation', authorize(ctx));
      api.addHook('preValidation', rejectUnstorableText);
      await api.register(authRoutes(ctx));
      await api.register(orgsRoutes(ctx));
      await api.register(apiKeysRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(promptsRoutes(ctx));
      await api.register(compositionRoutes(ctx));
      await api.register(sharingRoutes(ctx));
      await api.register(providersRoutes(ctx));
      await api.register(executionsRoutes(ctx));
      await api.register(healthRoutes(ctx));
      await api.register(overviewRoutes(ctx));
      await api.register(eventsRoutes(ctx));
      await api.register(datasetsRoutes(ctx));
      await api.register(evaluationsRoutes(ctx));
      await api.register(experimentsRoutes(ctx));
      await api.register(analyticsRoutes(ctx));
      await api.register(workflowsRoutes(ctx));
      await api.register(reviewRoutes(ctx));
      await api.register(webhooksRoutes(ctx));
      await api.register(openAiRoutes(ctx), { prefix: '/openai' });
    },
    { prefix: API_PREFIX },
  );

  const webDir = opts.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'], maxAge: '1h' });
    // Client-side routes: any GET outside the API that isn't a file gets the app shell.
    app.setNotFoundHandler((req, reply) => {
      const url = req.url.split('?')[0]!;
      if (req.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return notFoundHandler(req, reply);
    });
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }

  return app;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const LivenessResponse = z.object({ status: z.literal('ok') });
const LIVENESS_BODY = JSON.stringify(LivenessResponse.parse({ status: 'ok' }));

function registerOperationalRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operations'];
  r.get('/healthz', {
    schema: {
      operationId: 'getLiveness',
      tags,
      summary: 'Liveness',
      response: { 200: LivenessResponse },
    },
    // The same bytes the schema would produce, prepared once: liveness is polled constantly.
    handler: (_req, reply) => {
      void reply.type(JSON_TYPE).send(LIVENESS_BODY as never);
    },
  });
  r.get('/readyz', {
    schema: {
      operationId: 'getReadiness',
      tags,
      summary:
        'Readiness: database reachable and migrations current (503 otherwise); Redis down is `degraded` (200)',
      response: { 200: Readiness, 503: Readiness },
    },
    handler: async (_req, reply) => {
      const redis = redisReadiness(ctx);
      try {
        const m = await migrationStatus(ctx.database);
        const status = !m.current ? 'not_ready' : redis.status === 'down' ? 'degraded' : 'ready';
        return reply.status(m.current ? 200 : 503).send({
          status,
          database: ctx.database.kind,
          migrations: { expected: m.expected, applied: m.applied },
          redis,
        });
      } catch {
        return reply.status(503).send({
          status: 'not_ready' as const,
          database: 'unreachable',
          migrations: { expected: 0, applied: 0 },
          redis,
        });
      }
    },
  });
  r.get('/metrics', {
    schema: { operationId: 'getMetrics', tags, summary: 'Prometheus metrics', hide: true },
    handler: async (req, reply) => {
      const token = ctx.config.METRICS_TOKEN;
      if (token && !bearerMatches(req.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw unauthorized('GET /metrics needs the METRICS_TOKEN as a bearer token');
      }
      return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
    },
  });
  r.get('/api/openapi.json', {
    schema: { operationId: 'getOpenApiDocument', hide: true },
    handler: async () => app.swagger(),
  });
}

const RedisReadiness = z.object({
  status: z.enum(['up', 'down', 'off']),
  since: z.string().optional().describe('When the current state began (absent without Redis)'),
  fallbacks: z
    .object({
      rateLimits: z.literal('in-process').describe('counted per instance until Redis returns'),
      providerRateLimits: z.literal('in-process').describe('each instance shows what it saw itself'),
      events: z
        .literal('in-process')
        .describe('delivered in this process; other processes replay them from the outbox'),
      jobs: z.literal('database-polling').describe('runners claim due jobs from the database'),
    })
    .optional()
    .describe('While Redis is down: what each use of it does instead'),
});

const Readiness = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  database: z.string(),
  migrations: z.object({ expected: z.number(), applied: z.number() }),
  redis: RedisReadiness,
});

function redisReadiness(ctx: AppContext): z.infer<typeof RedisReadiness> {
  const watch = ctx.redisWatch;
  if (!watch) return { status: 'off' };
  // The reason (an address, an error) stays in the log: /readyz answers without authentication.
  const { status, since } = watch.describe();
  if (status === 'up') return { status, since };
  return {
    status,
    since,
    fallbacks: {
      rateLimits: 'in-process',
      providerRateLimits: 'in-process',
      events: 'in-process',
      jobs: 'database-polling',
    },
  };
}

/** Constant-time comparison of `Authorization: Bearer <token>` with the expected token. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}
