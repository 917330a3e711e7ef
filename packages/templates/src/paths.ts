import { TemplateError, type TemplateFieldError } from './errors.js';

/**
 * Path templates: the prompt template syntax (see syntax.ts) with dotted paths as tag names, for
 * workflows, whose templates read a state object instead of flat variables.
 *
 * - `{{input.question}}`, `{{classify.output}}`, `{{a.b.0.c}}`: the first segment is a name
 *   (`[A-Za-z_][A-Za-z0-9_]*`), later ones a name or an array index (digits). `{{input}}` alone is
 *   a path too.
 * - Escapes are the prompt ones: `\{{` is a literal `{{`, `\\{{path}}` a backslash then the value,
 *   `{{{path}}}` braces around the value.
 * - A string value is inserted as it is; any other value (number, boolean, null, object, array)
 *   as JSON.
 * - Anything else between double braces stays literal text, as in prompts (`{{ a b }}`, `{{}}`,
 *   an unclosed `{{input.`), except a tag that has a dot and no spaces: that can only be a
 *   mistyped path (`{{input..x}}`, `{{.x}}`, `{{input.user-id}}`), so checkPathTemplate reports it.
 */
const SEGMENT = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)`;
const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.${SEGMENT})*`;

/** Escaped braces, a backslash before a tag, or a `{{path}}` tag (group 1: the path). */
export const PATH_TEMPLATE_TOKEN = new RegExp(String.raw`\\\\(?=\{\{)|\\\{\{|\{\{\s*(${PATH})\s*\}\}`, 'g');

/** The same escapes, and every `{{…}}` without braces inside (group 1: what is between them). */
const ANY_TAG = /\\\\(?=\{\{)|\\\{\{|\{\{([^{}]*)\}\}/g;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INDEX = /^[0-9]+$/;

/** Default cap of a rendered path template, in characters. */
export const MAX_PATH_TEMPLATE_OUTPUT = 1_000_000;

/** One recognised `{{path}}` tag and where it sits in the text (for editor highlighting). */
export interface PathTag {
  path: string;
  start: number;
  end: number;
}

export function findPathTags(text: string): PathTag[] {
  const tags: PathTag[] = [];
  if (!text.includes('{{')) return tags;
  for (const match of text.matchAll(PATH_TEMPLATE_TOKEN)) {
    if (match[1] !== undefined)
      tags.push({ path: match[1], start: match.index, end: match.index + match[0].length });
  }
  return tags;
}

/** The paths of a template, in order of first appearance, without duplicates. */
export function extractPaths(text: string): string[] {
  return [...new Set(findPathTags(text).map((t) => t.path))];
}

/** The first segment of each path: the state keys a template reads (`input` or node ids). */
export function extractPathRoots(text: string): string[] {
  return [...new Set(findPathTags(text).map((t) => t.path.split('.', 1)[0]!))];
}

/**
 * Null when the template is fine, else what is wrong with its first mistyped path. Only tags
 * that have a dot and no spaces are judged (see the syntax note above); the rest is literal text.
 */
export function checkPathTemplate(text: string): string | null {
  if (!text.includes('{{')) return null;
  for (const match of text.matchAll(ANY_TAG)) {
    const inner = match[1]?.trim();
    if (inner === undefined || !inner.includes('.') || /\s/.test(inner)) continue;
    const problem = pathProblem(inner);
    if (problem) return `{{${inner}}} is not a valid path: ${problem}`;
  }
  return null;
}

function pathProblem(path: string): string | null {
  const segments = path.split('.');
  const first = segments[0]!;
  if (first === '') return 'it starts with a dot; begin with input or a node id';
  if (!NAME.test(first)) return `"${first}" is not a name (letters, digits and _, not starting with a digit)`;
  for (const segment of segments.slice(1)) {
    if (segment === '') return 'it has an empty segment (two dots, or a dot at the end)';
    if (!NAME.test(segment) && !INDEX.test(segment))
      return `"${segment}" is neither a name (letters, digits and _) nor an array index`;
  }
  return null;
}

/**
 * What a path points at in the state, or why it does not resolve (a message that reads after the
 * path: `input.question: input has no "question"`).
 */
export function resolvePath(
  state: Readonly<Record<string, unknown>>,
  path: string,
): { found: true; value: unknown } | { found: false; message: string } {
  const segments = path.split('.');
  const root = segments[0]!;
  if (!Object.prototype.hasOwnProperty.call(state, root) || state[root] === undefined)
    return {
      found: false,
      message: `there is no "${root}" (only input and the nodes that have run)`,
    };
  let value: unknown = state[root];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = childOf(value, segment);
    if (next === undefined) {
      const parent = segments.slice(0, i).join('.');
      const what = Array.isArray(value)
        ? `${parent} is a list of ${value.length} item${value.length === 1 ? '' : 's'}`
        : value !== null && typeof value === 'object'
          ? `${parent} has no "${segment}"`
          : `${parent} is ${describe(value)}, not an object`;
      return { found: false, message: what };
    }
    value = next;
  }
  return { found: true, value };
}

function childOf(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) return INDEX.test(segment) ? (value[Number(segment)] as unknown) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  // Own keys only: `{{input.constructor}}` must not reach the prototype.
  return Object.prototype.hasOwnProperty.call(value, segment)
    ? (value as Record<string, unknown>)[segment]
    : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

/** The text a value is inserted as: strings as they are, anything else as JSON. */
export function formatPathValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export interface PathRenderOptions {
  /** Refuse to produce more than this many characters (default MAX_PATH_TEMPLATE_OUTPUT). */
  maxLength?: number;
}

/**
 * Renders a path template against a state. Every path that does not resolve is reported in one
 * TemplateError (`kind: 'invalid'`, each error's `path` is the template path); output past
 * `maxLength` stops the render with `kind: 'too_large'`.
 */
export function renderPathTemplate(
  text: string,
  state: Readonly<Record<string, unknown>>,
  opts: PathRenderOptions = {},
): string {
  const maxLength = opts.maxLength ?? MAX_PATH_TEMPLATE_OUTPUT;
  let length = 0;
  const grow = (by: number) => {
    length += by;
    if (length > maxLength)
      throw new TemplateError('too_large', [
        {
          path: 'template',
          message: `The rendered text would exceed ${maxLength.toLocaleString('en-US')} characters`,
        },
      ]);
  };
  if (!text.includes('{{')) {
    grow(text.length);
    return text;
  }
  const errors = new Map<string, TemplateFieldError>();
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PATH_TEMPLATE_TOKEN)) {
    const token = match[0];
    const path = match[1];
    let replacement: string;
    if (path === undefined) replacement = token === '\\\\' ? '\\' : '{{';
    else {
      const resolved = resolvePath(state, path);
      const formatted = resolved.found ? formatPathValue(resolved.value) : undefined;
      if (!resolved.found) errors.set(path, { path, message: resolved.message });
      else if (formatted === undefined)
        errors.set(path, { path, message: 'the value cannot be written as text or JSON' });
      replacement = formatted ?? token;
    }
    grow(match.index - last + replacement.length);
    parts.push(text.slice(last, match.index), replacement);
    last = match.index + token.length;
  }
  grow(text.length - last);
  parts.push(text.slice(last));
  if (errors.size) throw new TemplateError('invalid', [...errors.values()]);
  return parts.join('');
}

/**
 * Whether the text before the cursor ends in an open `{{` tag with a partial path, i.e. where an
 * editor should offer names; returns the partial path (`''`, `input.`, `classify.out`).
 */
export function openPathPrefix(lineBeforeCursor: string): string | null {
  const match = new RegExp(String.raw`(\\*)\{\{\s*(${PATH}\.?)?$`).exec(lineBeforeCursor);
  if (!match) return null;
  if ((match[1] ?? '').length % 2 === 1) return null;
  return match[2] ?? '';
}
