import type { LoggerOptions } from 'pino';

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

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'promptops' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req(req: { method: string; url: string; id: string; ip?: string }) {
        // Query strings can carry invitation tokens; log the path only, and never the token in
        // GET /invitations/{token} (it is the credential that joins an organization).
        return { id: req.id, method: req.method, url: redactUrl(req.url), ip: req.ip };
      },
    },
  };
}
