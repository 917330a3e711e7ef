/**
 * Prompt template syntax (documented for users in docs/prompts.md):
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
 * single left-to-right pass over the text (this runs on every execution and on every keystroke
 * in the editor).
 */
export const TEMPLATE_TOKEN = /\\\\(?=\{\{)|\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A text prompt, or the messages of a chat prompt (only their content is read). */
export type TemplateSource = string | readonly { content: string }[];

export function textsOf(source: TemplateSource): string[] {
  return typeof source === 'string' ? [source] : source.map((m) => m.content);
}

/** Variable names in order of first appearance, without duplicates. */
export function extractVariables<M extends { content: string }>(source: string | readonly M[]): string[] {
  const seen = new Set<string>();
  for (const text of textsOf(source)) {
    if (!text.includes('{{')) continue;
    for (const match of text.matchAll(TEMPLATE_TOKEN)) {
      if (match[1] !== undefined) seen.add(match[1]);
    }
  }
  return [...seen];
}

/** One recognised `{{name}}` tag: where it sits in the text (for editor highlighting). */
export interface VariableTag {
  name: string;
  start: number;
  end: number;
}

export function findVariableTags(text: string): VariableTag[] {
  const tags: VariableTag[] = [];
  if (!text.includes('{{')) return tags;
  for (const match of text.matchAll(TEMPLATE_TOKEN)) {
    if (match[1] !== undefined) {
      tags.push({ name: match[1], start: match.index, end: match.index + match[0].length });
    }
  }
  return tags;
}

/**
 * Whether the text before the cursor ends in an open `{{` tag (optionally with a partial
 * name), i.e. where an editor should offer variable names; returns the partial name.
 */
export function openTagPrefix(lineBeforeCursor: string): string | null {
  const match = /(\\*)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(lineBeforeCursor);
  if (!match) return null;
  // An odd number of backslashes escapes the braces: `\{{` is literal text, not a tag.
  if ((match[1] ?? '').length % 2 === 1) return null;
  return match[2] ?? '';
}
