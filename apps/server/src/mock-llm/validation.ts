// Request-body checks shared by both API families. A ValidationError becomes a 400 in the
// caller's format with `param` naming the offending field.

export class ValidationError extends Error {
  constructor(
    readonly param: string | null,
    message: string,
  ) {
    super(message);
  }
}

export type Body = Record<string, unknown>;

export function asObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(null, 'The request body must be a JSON object.');
  }
  return body as Body;
}

export function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(field, `${field}: Field required (a non-empty string)`);
  }
  return value;
}

export function optionalPositiveInt(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError(field, `${field}: must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkRange(body: Body, field: string, min: number, max: number): void {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new ValidationError(
      field,
      `${field}: must be a number between ${min} and ${max}, got ${JSON.stringify(value)}`,
    );
  }
}

export function optionalBoolean(body: Body, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new ValidationError(field, `${field}: must be a boolean`);
  return value;
}

/** Stop strings: a string or up to `max` strings. */
export function stopStrings(value: unknown, field: string, max: number): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length > max || !list.every((s) => typeof s === 'string')) {
    throw new ValidationError(field, `${field}: must be a string or an array of at most ${max} strings`);
  }
  return list as string[];
}

/**
 * The text a message content carries: strings as they are, text parts by their text, any other
 * part (images, tool results, tool calls) by its JSON so it still costs tokens.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return '';
  if (Array.isArray(content)) {
    let text = '';
    for (const part of content) {
      const p = part as { type?: unknown; text?: unknown; content?: unknown };
      if (p && p.type === 'text' && typeof p.text === 'string') text += p.text;
      // A tool's result is read as its own content, like the tool message of the OpenAI API.
      else if (p && p.type === 'tool_result') text += contentText(p.content);
      else text += JSON.stringify(part);
    }
    return text;
  }
  return JSON.stringify(content);
}
