import { TemplateError } from './errors.js';
import { textsOf, type TemplateSource } from './syntax.js';

/**
 * Composition: `{{> name}}` inserts another prompt's text (documented in docs/prompts.md).
 *
 * - `{{> support/tone}}` — the included prompt's `latest` version;
 * - `{{> support/tone@production}}` — the version a label points at;
 * - `{{> support/tone#3}}` — version 3.
 *
 * Spaces after `>` and before `}}` are allowed. `\{{> name}}` is literal text, like `\{{name}}`.
 * A tag that starts with `{{>` but does not spell a reference is reported as malformed instead of
 * being left as text: a typo in an include should fail loudly, not reach the model verbatim.
 *
 * Variables are unaffected: `{{> …}}` is never a variable (extractVariables skips it), and the
 * variables of an included prompt become the composed prompt's once the include is expanded.
 */
export const INCLUDE_TOKEN = /\\\\(?=\{\{)|\\\{\{|\{\{>([^{}]*)\}\}/g;

const REFERENCE =
  /^\s*([A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*)(?:@([a-z0-9][a-z0-9_-]*)|#([1-9][0-9]{0,9}))?\s*$/;

/** Largest version number a reference may name (the versions column is a 32-bit integer). */
const MAX_VERSION = 2_147_483_647;

/** Default depth of nested includes: a prompt that includes one that includes one … */
export const MAX_INCLUDE_DEPTH = 10;

/** What an include points at: `label` and `version` are both absent for `latest`. */
export interface IncludeTarget {
  name: string;
  label?: string;
  version?: number;
}

/** One `{{> …}}` tag in a text, with its offsets; `error` is set when it is malformed. */
export interface IncludeTag {
  /** The tag exactly as written. */
  text: string;
  start: number;
  end: number;
  target: IncludeTarget | null;
  error?: string;
}

/** An include tag of a prompt body, with the field it sits in (`template` or `messages.i.content`). */
export interface IncludeReference extends IncludeTag {
  path: string;
}

/** Parses the inside of `{{> …}}` (or a whole tag); null when it is not a reference. */
export function parseIncludeTarget(reference: string): IncludeTarget | null {
  const inner = /^\{\{>(.*)\}\}$/s.exec(reference)?.[1] ?? reference;
  const match = REFERENCE.exec(inner);
  if (!match) return null;
  const [, name, label, version] = match;
  if (name!.length > 200) return null;
  if (version !== undefined) {
    const n = Number(version);
    return n <= MAX_VERSION ? { name: name!, version: n } : null;
  }
  // `@latest` is the same as no label.
  return label !== undefined && label !== 'latest' ? { name: name!, label } : { name: name! };
}

/** The canonical spelling of a target: `{{> name}}`, `{{> name@label}}` or `{{> name#3}}`. */
export function formatInclude(target: IncludeTarget): string {
  const suffix =
    target.version !== undefined
      ? `#${target.version}`
      : target.label !== undefined
        ? `@${target.label}`
        : '';
  return `{{> ${target.name}${suffix}}}`;
}

/** Every include tag of one text, in order (escaped ones skipped). */
export function findIncludeTags(text: string): IncludeTag[] {
  const tags: IncludeTag[] = [];
  if (!text.includes('{{>')) return tags;
  for (const match of text.matchAll(INCLUDE_TOKEN)) {
    if (match[1] === undefined) continue;
    const target = parseIncludeTarget(match[1]);
    const tag: IncludeTag = {
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      target,
    };
    if (!target)
      tag.error = `${match[0]} is not a valid include: use {{> name}}, {{> name@label}} or {{> name#version}}`;
    tags.push(tag);
  }
  return tags;
}

/** Include tags of a template or of every message, each with its field path. */
export function findIncludes(source: TemplateSource): IncludeReference[] {
  const texts = textsOf(source);
  return texts.flatMap((text, i) =>
    findIncludeTags(text).map((tag) => ({
      ...tag,
      path: typeof source === 'string' ? 'template' : `messages.${i}.content`,
    })),
  );
}

/** Whether a template or any message includes another prompt (the cheap check before expanding). */
export function hasIncludes(source: TemplateSource): boolean {
  return textsOf(source).some((t) => t.includes('{{>') && findIncludeTags(t).length > 0);
}

/**
 * What a resolver answers for one include: `key` names the exact version it resolved to (the
 * cycle guard compares keys), `text` is that version's template.
 */
export interface ResolvedInclude {
  key: string;
  text: string;
}

export type IncludeResolver = (target: IncludeTarget) => ResolvedInclude | Promise<ResolvedInclude>;

export interface ExpandOptions {
  /** The key of the prompt being expanded, so including itself is caught as a cycle. */
  rootKey?: string;
  maxDepth?: number;
  /** Field path for errors, e.g. `template` or `messages.0.content`. */
  path?: string;
}

/**
 * Replaces every include of `text` with the resolved text, recursively (the included text may
 * include others). A cycle (A includes B includes A) or nesting deeper than `maxDepth` is a
 * TemplateError naming the chain. Escapes and variables are left for the renderer.
 */
export async function expandIncludes(
  text: string,
  resolve: IncludeResolver,
  opts: ExpandOptions = {},
): Promise<string> {
  const path = opts.path ?? 'template';
  const maxDepth = opts.maxDepth ?? MAX_INCLUDE_DEPTH;
  const expand = async (body: string, chain: { key: string; label: string }[]): Promise<string> => {
    const tags = findIncludeTags(body);
    if (tags.length === 0) return body;
    const parts: string[] = [];
    let last = 0;
    for (const tag of tags) {
      if (!tag.target) throw new TemplateError('invalid', [{ path, message: tag.error! }]);
      const label = formatInclude(tag.target);
      if (chain.length >= maxDepth)
        throw new TemplateError('invalid', [
          {
            path,
            message: `Includes nest deeper than ${maxDepth} levels: ${describeChain([...chain, { key: '', label }])}`,
          },
        ]);
      const resolved = await resolve(tag.target);
      const link = { key: resolved.key, label };
      if (resolved.key === opts.rootKey || chain.some((c) => c.key === resolved.key))
        throw new TemplateError('invalid', [
          { path, message: `Include cycle: ${describeChain([...chain, link])}` },
        ]);
      parts.push(body.slice(last, tag.start), await expand(resolved.text, [...chain, link]));
      last = tag.end;
    }
    parts.push(body.slice(last));
    return parts.join('');
  };
  return expand(text, []);
}

/** Expands the template or every message's content; paths name the field at fault. */
export async function expandSourceIncludes<M extends { content: string }>(
  source: { template: string | null; messages: readonly M[] | null },
  resolve: IncludeResolver,
  opts: Omit<ExpandOptions, 'path'> = {},
): Promise<{ template: string | null; messages: M[] | null }> {
  if (source.messages) {
    const messages = await Promise.all(
      source.messages.map(async (m, i) => ({
        ...m,
        content: await expandIncludes(m.content, resolve, { ...opts, path: `messages.${i}.content` }),
      })),
    );
    return { template: null, messages };
  }
  const template =
    source.template === null
      ? null
      : await expandIncludes(source.template, resolve, { ...opts, path: 'template' });
  return { template, messages: null };
}

function describeChain(chain: { label: string }[]): string {
  return ['this prompt', ...chain.map((c) => c.label)].join(' → ');
}
