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

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'promptops' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req(req: { method: string; url: string; id: string; ip?: string }) {
        // Query strings can carry invitation tokens; log the path only.
        return { id: req.id, method: req.method, url: req.url.split('?')[0], ip: req.ip };
      },
    },
  };
}
