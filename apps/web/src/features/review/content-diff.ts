import type { DiffChange, DiffHunk, PromptParams } from '@promptops/contracts';
import { diffHunks } from '@promptops/templates';
import { bodyText, type PromptBody } from './prompt-body';

/**
 * The diff of two prompt contents computed in the browser, for what the server cannot diff:
 * the editor's unsaved draft, or a side that does not exist (a label that pointed nowhere).
 */

export interface PromptContent extends PromptBody {
  /** The model's display name (or id); null for none. */
  model: string | null;
  params: PromptParams;
  variables: readonly string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function contentDiff(
  from: PromptContent | null,
  to: PromptContent,
): { changes: DiffChange[]; hunks: DiffHunk[] } {
  const changes: DiffChange[] = [];
  const field = (name: string, before: unknown, after: unknown) => {
    if (!same(before, after)) changes.push({ field: name, before, after });
  };
  field('type', from?.type ?? null, to.type);
  field('model', from?.model ?? null, to.model);
  field('params', from?.params ?? null, to.params);
  field('variables', from?.variables ?? null, to.variables);
  return { changes, hunks: diffHunks(from ? bodyText(from) : '', bodyText(to)) };
}
