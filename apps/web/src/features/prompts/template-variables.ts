import type { ChatMessage } from '@promptops/contracts';

/**
 * The server's template rule (apps/server/src/modules/prompts/template.ts), mirrored so the
 * variables form and the editor react while typing: `{{ name }}` with names
 * `[A-Za-z_][A-Za-z0-9_]*`; `\{{` is a literal `{{`; `\\{{name}}` is a backslash and a variable.
 * Anything else between braces stays literal text. Keep both in step.
 */
const TOKEN = /\\\\(?=\{\{)|\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type TemplateSource = string | readonly Pick<ChatMessage, 'content'>[];

function textsOf(source: TemplateSource): string[] {
  return typeof source === 'string' ? [source] : source.map((m) => m.content);
}

/** Variable names in order of first appearance, without duplicates. */
export function detectVariables(source: TemplateSource): string[] {
  const seen = new Set<string>();
  for (const text of textsOf(source)) {
    if (!text.includes('{{')) continue;
    for (const match of text.matchAll(TOKEN)) {
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
  for (const match of text.matchAll(TOKEN)) {
    if (match[1] !== undefined) {
      tags.push({ name: match[1], start: match.index, end: match.index + match[0].length });
    }
  }
  return tags;
}

/**
 * Fills in the values known so far and leaves the other tags as they are: the preview the
 * token counter measures before a run (the server's renderer is the one that rejects gaps).
 */
export function renderPreview(text: string, values: Readonly<Record<string, string>>): string {
  if (!text.includes('{{')) return text;
  return text.replace(TOKEN, (token: string, name: string | undefined) => {
    if (name === undefined) return token === '\\\\' ? '\\' : '{{';
    const value = values[name];
    return value === undefined || value === '' ? token : value;
  });
}

/** Variables without a value (an empty string counts as missing, as in the form). */
export function missingVariables(
  names: readonly string[],
  values: Readonly<Record<string, string>>,
): string[] {
  return names.filter((name) => (values[name] ?? '') === '');
}

/**
 * Whether the text before the cursor ends in an open `{{` tag (optionally with a partial
 * name), i.e. where the editor should offer variable names; returns the partial name.
 */
export function openTagPrefix(lineBeforeCursor: string): string | null {
  const match = /(\\*)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(lineBeforeCursor);
  if (!match) return null;
  // An odd number of backslashes escapes the braces: `\{{` is literal text, not a tag.
  if ((match[1] ?? '').length % 2 === 1) return null;
  return match[2] ?? '';
}
