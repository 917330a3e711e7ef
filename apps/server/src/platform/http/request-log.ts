import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export interface RequestLogSettings {
  /** Requests slower than this are logged at warn, whatever the sampling. */
  slowMs: number;
  /** Share of ordinary requests logged at info (0 to 1); at debug every request is logged. */
  sampleRate: number;
}

const DEBUG_LEVELS = new Set(['debug', 'trace']);

/**
 * Fastify's request log, thinned: by default it writes two lines per request ("incoming request",
 * "request completed"), which on a hot route cost more than the route itself. This keeps what is
 * useful: failed (5xx) and slow requests always, a sample of the rest at info, both lines of every
 * request at debug. Fastify's other lines (errors of its own handlers, stream errors) are kept.
 */
export class SampledRequestLog extends LogController {
  constructor(private readonly settings: RequestLogSettings) {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    if (DEBUG_LEVELS.has(request.log.level)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const level = requestLogLevel(
      this.settings,
      reply.statusCode,
      reply.elapsedTime,
      request.log.level,
      error,
    );
    if (!level) return;
    request.log[level](
      {
        req: request,
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
        ...(error ? { err: error } : {}),
      },
      error || reply.statusCode >= 500
        ? 'request failed'
        : level === 'warn'
          ? 'slow request'
          : 'request completed',
    );
  }
}

/** Pure: the level a finished request is logged at, or undefined when it is not logged. */
export function requestLogLevel(
  settings: RequestLogSettings,
  status: number,
  ms: number,
  loggerLevel: string,
  error?: Error | null,
  random: () => number = Math.random,
): 'error' | 'warn' | 'info' | 'debug' | undefined {
  if (error || status >= 500) return 'error';
  if (ms >= settings.slowMs) return 'warn';
  if (DEBUG_LEVELS.has(loggerLevel)) return 'debug';
  return settings.sampleRate > 0 && random() < settings.sampleRate ? 'info' : undefined;
}
