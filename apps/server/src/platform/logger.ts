import { stdSerializers, type LoggerOptions } from 'pino';

// Secrets must never reach a log line: headers, passwords, tokens and keys anywhere in a
// logged object are replaced before serialisation.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.key',
  '*.secret',
  '*.authorization',
];

/** A request URL fit for logs: no query string, no secret path segments. */
export function redactUrl(url: string): string {
  return url
    .split('?')[0]!
    .replace(/\/invitations\/[^/]+/g, (m) =>
      /^\/invitations\/[0-9a-f-]{36}$/i.test(m) ? m : '/invitations/[redacted]',
    );
}

const PARAMS_IN_TEXT = /\nparams: [\s\S]*?(?=\n\s+at |$)/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Security-critical: a failed query's error carries its parameters (password hashes, key hashes,
 * prompt text) in `params`, in its message and stack, and PostgreSQL's `detail` repeats row
 * values ("Key (email)=(…)", "Failing row contains (…)"). The SQL text stays; values go.
 */
export function scrubDatabaseError(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 5) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if ('params' in out) out.params = '[redacted]';
  for (const field of ['message', 'stack'] as const) {
    if (typeof out[field] === 'string')
      out[field] = (out[field] as string).replace(PARAMS_IN_TEXT, '\nparams: [redacted]');
  }
  if (typeof out.code === 'string' && SQLSTATE.test(out.code)) {
    if ('detail' in out) out.detail = '[redacted]';
    if ('where' in out) out.where = '[redacted]';
  }
  if ('cause' in out) out.cause = scrubDatabaseError(out.cause, depth + 1);
  return out;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'promptops' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      err: (err: Error) => scrubDatabaseError(stdSerializers.err(err)),
      req(req: { method: string; url: string; id: string; ip?: string }) {
        // Query strings can carry invitation tokens; log the path only, and never the token in
        // GET /invitations/{token} (it is the credential that joins an organization).
        return { id: req.id, method: req.method, url: redactUrl(req.url), ip: req.ip };
      },
    },
  };
}
