import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.js';

describe('database errors in logs', () => {
  it('keep the SQL but not the parameters or the row values', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "users_email_unique"'),
      {
        code: '23505',
        detail: 'Key (email)=(alice@example.test) already exists.',
      },
    );
    const err = new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ['alice@example.test', '$argon2id$v=19$secret-hash'],
      cause,
    );
    log.error({ err }, 'unhandled error');
    const line = lines.join('');
    expect(line).toContain('insert into \\"users\\"');
    expect(line).toContain('users_email_unique');
    expect(line).not.toContain('alice@example.test');
    expect(line).not.toContain('secret-hash');
  });
});
