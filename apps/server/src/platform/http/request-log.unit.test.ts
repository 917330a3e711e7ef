import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../logger.js';
import { requestLogLevel, SampledRequestLog } from './request-log.js';

const settings = { slowMs: 500, sampleRate: 0.1 };

describe('request log level', () => {
  it('always logs failures and slow requests, samples the rest at info, logs everything at debug', () => {
    expect(requestLogLevel(settings, 500, 1, 'info')).toBe('error');
    expect(requestLogLevel(settings, 200, 1, 'info', new Error('boom'))).toBe('error');
    expect(requestLogLevel(settings, 200, 500, 'info')).toBe('warn');
    expect(requestLogLevel(settings, 404, 1, 'debug')).toBe('debug');
    expect(requestLogLevel(settings, 200, 1, 'info', null, () => 0.05)).toBe('info');
    expect(requestLogLevel(settings, 200, 1, 'info', null, () => 0.5)).toBeUndefined();
    expect(requestLogLevel({ slowMs: 500, sampleRate: 0 }, 200, 1, 'info', null, () => 0)).toBeUndefined();
  });
});

async function linesFor(level: string, sampleRate: number, requests: number) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      cb();
    },
  });
  const app = Fastify({
    loggerInstance: pino(loggerOptions(level), sink),
    logController: new SampledRequestLog({ slowMs: 60_000, sampleRate }),
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/fail', async (_req, reply) => reply.status(503).send({ ok: false }));
  for (let i = 0; i < requests; i++) await app.inject({ url: '/ok?token=secret' });
  await app.inject({ url: '/fail' });
  await app.close();
  return lines.filter((l) => typeof l.msg === 'string' && /request/.test(l.msg as string));
}

describe('sampled request log', () => {
  it('writes no line for an ordinary request at info without sampling, and one for a failure', async () => {
    const lines = await linesFor('info', 0, 20);
    expect(lines.map((l) => l.msg)).toEqual(['request failed']);
    expect(lines[0]).toMatchObject({ level: 50, res: { statusCode: 503 }, req: { url: '/fail' } });
  });

  it('writes one line per sampled request at info, without the query string', async () => {
    const lines = await linesFor('info', 1, 3);
    expect(lines.map((l) => l.msg)).toEqual([
      'request completed',
      'request completed',
      'request completed',
      'request failed',
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('writes both lines of every request at debug', async () => {
    const lines = await linesFor('debug', 0, 2);
    expect(lines.map((l) => l.msg)).toEqual([
      'incoming request',
      'request completed',
      'incoming request',
      'request completed',
      'incoming request',
      'request failed',
    ]);
  });
});
