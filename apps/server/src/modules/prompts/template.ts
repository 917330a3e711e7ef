import type { ChatMessage, VariableSpec } from '@promptops/contracts';
import { validationFailed, type FieldError } from '../../platform/errors.js';

/**
 * Prompt template syntax (also documented in docs/prompts.md):
 *
 * - `{{name}}` inserts the value of variable `name`; spaces inside the braces are allowed
 *   (`{{ name }}`). Names match `[A-Za-z_][A-Za-z0-9_]*`.
 * - `\{{` is an escaped, literal `{{` (so `\{{name}}` renders as `{{name}}`).
 * - `\\{{name}}` is a literal backslash followed by the value of `name`.
 * - Anything else between double braces is not a tag and stays literal text, untouched:
 *   `{{ 1abc }}`, `{{}}`, `{{ a b }}`, `{{user-name}}`, and an unclosed `{{name`. Prompts often
 *   contain JSON or other brace-heavy text, so being lenient beats rejecting them; the detected
 *   variable list shows exactly what counts as a variable.
 * - `{{{name}}}` is a literal `{` + value + `}` (handy inside JSON examples).
 *
 * One regular expression recognises all three forms, so extraction and rendering are each a
 * single left-to-right pass over the text (this runs on every execution).
 */
const TOKEN = /\\\\(?=\{\{)|\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type VariableValue = string | number | boolean | null | undefined;
export type Variables = Readonly<Record<string, VariableValue>>;
type TemplateSource = string | readonly ChatMessage[];

/** Variable names in order of first appearance, without duplicates. */
export function extractVariables(source: TemplateSource): string[] {
  const seen = new Set<string>();
  const texts = typeof source === 'string' ? [source] : source.map((m) => m.content);
  for (const text of texts) {
    if (!text.includes('{{')) continue;
    for (const match of text.matchAll(TOKEN)) {
      if (match[1] !== undefined) seen.add(match[1]);
    }
  }
  return [...seen];
}

interface RenderState {
  variables: Variables;
  specs: ReadonlyMap<string, VariableSpec>;
  missing: Set<string>;
  invalid: Map<string, string>;
}

function indexSpecs(specs: readonly VariableSpec[] | undefined): ReadonlyMap<string, VariableSpec> {
  return new Map((specs ?? []).map((s) => [s.name, s]));
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

function substitute(text: string, state: RenderState): string {
  // Fast path: no braces, nothing to do (the common case for system messages).
  if (!text.includes('{{')) return text;
  return text.replace(TOKEN, (token: string, name: string | undefined) => {
    if (name === undefined) return token === '\\\\' ? '\\' : '{{';
    const value = valueOf(name, state);
    if (value === undefined) {
      state.missing.add(name);
      return token;
    }
    return value;
  });
}

function finish(state: RenderState): void {
  const errors: FieldError[] = [
    ...[...state.missing].map((name) => ({
      path: `variables.${name}`,
      message: `Missing value for {{${name}}}`,
    })),
    ...[...state.invalid].map(([name, message]) => ({ path: `variables.${name}`, message })),
  ];
  if (errors.length) throw validationFailed(errors);
}

/**
 * Renders a text template. Missing variables (no value, no default) are all reported in one
 * validation error; variables the template doesn't use are ignored.
 */
export function renderTemplate(text: string, variables: Variables, specs?: readonly VariableSpec[]): string {
  const state: RenderState = { variables, specs: indexSpecs(specs), missing: new Set(), invalid: new Map() };
  const out = substitute(text, state);
  finish(state);
  return out;
}

/** Renders every message of a chat prompt; missing variables across all messages are reported together. */
export function renderMessages<M extends Pick<ChatMessage, 'content'>>(
  messages: readonly M[],
  variables: Variables,
  specs?: readonly VariableSpec[],
): M[] {
  const state: RenderState = { variables, specs: indexSpecs(specs), missing: new Set(), invalid: new Map() };
  const out = messages.map((m) => ({ ...m, content: substitute(m.content, state) }));
  finish(state);
  return out;
}

/**
 * The variable specs stored on a version: every detected name in template order, merged with
 * the metadata the author declared. A declared variable the template doesn't use is an error
 * (it would silently never be asked for), as is declaring one twice.
 */
export function mergeVariableSpecs(
  detected: readonly string[],
  declared: readonly VariableSpec[] | undefined,
  pathPrefix = 'variables',
): VariableSpec[] {
  const byName = new Map<string, VariableSpec>();
  const errors: FieldError[] = [];
  const present = new Set(detected);
  (declared ?? []).forEach((spec, i) => {
    if (byName.has(spec.name))
      errors.push({ path: `${pathPrefix}.${i}.name`, message: `{{${spec.name}}} is declared twice` });
    else if (!present.has(spec.name))
      errors.push({
        path: `${pathPrefix}.${i}.name`,
        message: `{{${spec.name}}} does not appear in the template`,
      });
    byName.set(spec.name, spec);
  });
  if (errors.length) throw validationFailed(errors);
  return detected.map((name) => ({ ...byName.get(name), name }));
}
