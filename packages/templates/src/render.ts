import { TemplateError, type TemplateFieldError } from './errors.js';
import { TEMPLATE_TOKEN } from './syntax.js';

export type VariableValue = string | number | boolean | null | undefined;
export type Variables = Readonly<Record<string, VariableValue>>;

/** The parts of a declared variable the renderer reads (a superset is fine). */
export interface VariableDefaults {
  name: string;
  default?: string | undefined;
  type?: 'string' | 'number' | 'boolean' | 'json' | undefined;
}

export interface RenderOptions {
  /**
   * Refuse to produce more than this many characters in total (across all messages). Checked
   * while rendering, so `{{a}}` repeated 40,000 times with a 10 kB value fails after the first
   * few hundred substitutions instead of building 400 MB first.
   */
  maxLength?: number;
}

interface RenderState {
  variables: Variables;
  specs: ReadonlyMap<string, VariableDefaults>;
  missing: Set<string>;
  invalid: Map<string, string>;
  maxLength: number;
  length: number;
}

function newState(
  variables: Variables,
  specs: readonly VariableDefaults[] | undefined,
  opts: RenderOptions | undefined,
): RenderState {
  return {
    variables,
    specs: new Map((specs ?? []).map((s) => [s.name, s])),
    missing: new Set(),
    invalid: new Map(),
    maxLength: opts?.maxLength ?? Number.POSITIVE_INFINITY,
    length: 0,
  };
}

/** The text to insert for one variable, or undefined when it has no value and no default. */
function valueOf(name: string, state: RenderState): string | undefined {
  const own = Object.prototype.hasOwnProperty.call(state.variables, name) ? state.variables[name] : undefined;
  const spec = state.specs.get(name);
  if (own === undefined) return spec?.default;
  if (own === null) return '';
  if (spec?.type === 'number' && !isNumeric(own)) state.invalid.set(name, `{{${name}}} must be a number`);
  if (spec?.type === 'boolean' && !isBooleanLike(own))
    state.invalid.set(name, `{{${name}}} must be true or false`);
  return String(own);
}

const isNumeric = (v: string | number | boolean) =>
  typeof v === 'number'
    ? Number.isFinite(v)
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
const isBooleanLike = (v: string | number | boolean) =>
  typeof v === 'boolean' || v === 'true' || v === 'false';

function grow(state: RenderState, by: number, path: string): void {
  state.length += by;
  if (state.length > state.maxLength) {
    throw new TemplateError('too_large', [
      {
        path,
        message: `The rendered prompt would exceed ${state.maxLength.toLocaleString('en-US')} characters`,
      },
    ]);
  }
}

function substitute(text: string, state: RenderState, path: string): string {
  // Fast path: no braces, nothing to do (the common case for system messages).
  if (!text.includes('{{')) {
    grow(state, text.length, path);
    return text;
  }
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TEMPLATE_TOKEN)) {
    const token = match[0];
    const name = match[1];
    let replacement: string;
    if (name === undefined) replacement = token === '\\\\' ? '\\' : '{{';
    else {
      const value = valueOf(name, state);
      if (value === undefined) state.missing.add(name);
      replacement = value ?? token;
    }
    grow(state, match.index - last + replacement.length, path);
    parts.push(text.slice(last, match.index), replacement);
    last = match.index + token.length;
  }
  grow(state, text.length - last, path);
  parts.push(text.slice(last));
  return parts.join('');
}

function finish(state: RenderState): void {
  const errors: TemplateFieldError[] = [
    ...[...state.missing].map((name) => ({
      path: `variables.${name}`,
      message: `Missing value for {{${name}}}`,
    })),
    ...[...state.invalid].map(([name, message]) => ({ path: `variables.${name}`, message })),
  ];
  if (errors.length) throw new TemplateError('invalid', errors);
}

/**
 * Renders a text template. Missing variables (no value, no default) are all reported in one
 * TemplateError; variables the template doesn't use are ignored.
 */
export function renderTemplate(
  text: string,
  variables: Variables,
  specs?: readonly VariableDefaults[],
  opts?: RenderOptions,
): string {
  const state = newState(variables, specs, opts);
  const out = substitute(text, state, 'template');
  finish(state);
  return out;
}

/** Renders every message of a chat prompt; missing variables across all messages are reported together. */
export function renderMessages<M extends { content: string }>(
  messages: readonly M[],
  variables: Variables,
  specs?: readonly VariableDefaults[],
  opts?: RenderOptions,
): M[] {
  const state = newState(variables, specs, opts);
  const out = messages.map((m, i) => ({
    ...m,
    content: substitute(m.content, state, `messages.${i}.content`),
  }));
  finish(state);
  return out;
}

/**
 * Fills in the values known so far and leaves the other tags as they are: the preview an editor
 * measures before a run (renderTemplate is the one that rejects gaps).
 */
export function renderPreview(text: string, values: Readonly<Record<string, string>>): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE_TOKEN, (token: string, name: string | undefined) => {
    if (name === undefined) return token === '\\\\' ? '\\' : '{{';
    const value = values[name];
    return value === undefined || value === '' ? token : value;
  });
}

/** Variables without a value (an empty string counts as missing, as in a form). */
export function missingVariables(
  names: readonly string[],
  values: Readonly<Record<string, string>>,
): string[] {
  return names.filter((name) => (values[name] ?? '') === '');
}
