import type { FastifyRequest } from 'fastify';
import { validationFailed, type FieldError } from '../errors.js';

// A NUL byte cannot be stored in a PostgreSQL text or jsonb value, and a lone UTF-16 surrogate
// cannot be encoded as UTF-8 (jsonb rejects it; text stores a replacement character). Either one
// used to surface as a 500 from the database — or, in a streamed run, as a stream that never
// ended. They are refused here, once, for every string in the body, query and path.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAX_ERRORS = 20;

function reason(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\0'
    ? 'Text may not contain NUL characters (\\u0000)'
    : 'Text may not contain unpaired UTF-16 surrogates';
}

/** Collects every string (and object key) that cannot be stored, with its field path. */
export function findUnstorableText(value: unknown, path: string, errors: FieldError[] = []): FieldError[] {
  if (errors.length >= MAX_ERRORS) return errors;
  if (typeof value === 'string') {
    const why = reason(value);
    if (why) errors.push({ path: path || 'body', message: why });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findUnstorableText(item, join(path, String(i)), errors));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyWhy = reason(key);
      // The key itself is unprintable: name the object and say why.
      if (keyWhy) errors.push({ path: path || 'body', message: `A key: ${keyWhy.toLowerCase()}` });
      else findUnstorableText(item, join(path, key), errors);
    }
  }
  return errors;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * preValidation hook, after authorization (so a caller without access still gets 401/403/404):
 * 400 naming each field that holds a NUL or an unpaired surrogate. Paths follow the validation
 * errors' convention: body fields bare, `query.x`, `params.x`.
 */
export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  const errors: FieldError[] = [];
  findUnstorableText(request.params, 'params', errors);
  findUnstorableText(request.query, 'query', errors);
  findUnstorableText(request.body, '', errors);
  if (errors.length) throw validationFailed(errors);
}
