import { validationFailed } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor of a list ordered by a time and then a uuid: the last row of the page. */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/**
 * Reads a cursor `encodeTimeCursor` made. Anything else — not a uuid, or a date the database
 * cannot compare with — is a 400 naming `query.cursor`, never a query.
 */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [text, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(text ?? '');
  const year = at.getUTCFullYear();
  if (!id || !UUID.test(id) || Number.isNaN(year) || year < 1970 || year > 9999)
    throw validationFailed([{ path: 'query.cursor', message: 'Invalid cursor' }]);
  return { at, id };
}
