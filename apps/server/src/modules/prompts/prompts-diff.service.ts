import type { ChatMessage, DiffChange, PromptDiff } from '@promptops/contracts';
import { diffHunks, diffSequences, diffWords } from '@promptops/templates';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './prompts.repository.js';

/** The body a line diff works on: the template, or each message as a "## role" block. */
export function renderedBody(v: { template: string | null; messages: ChatMessage[] | null }): string {
  if (v.messages) return v.messages.map((m) => `## ${m.role}\n${m.content}`).join('\n\n');
  return v.template ?? '';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const messageKey = (m: ChatMessage) => `${m.role}\u0000${m.content}`;

/**
 * Message changes, aligned by a diff of whole messages so that inserting one at the top does not
 * show every later message as changed. A removal followed by an addition is one changed message.
 */
function messageChanges(before: ChatMessage[], after: ChatMessage[]): DiffChange[] {
  const edits = diffSequences(before.map(messageKey), after.map(messageKey));
  const changes: DiffChange[] = [];
  for (let i = 0; i < edits.length;) {
    if (edits[i]!.op === 'equal') {
      i++;
      continue;
    }
    const removed: number[] = [];
    const added: number[] = [];
    while (i < edits.length && edits[i]!.op !== 'equal') {
      const e = edits[i++]!;
      if (e.op === 'remove') removed.push(e.a);
      else added.push(e.b);
    }
    const paired = Math.min(removed.length, added.length);
    for (let p = 0; p < paired; p++) {
      const old = before[removed[p]!]!;
      const next = after[added[p]!]!;
      changes.push({
        field: `messages[${added[p]}]`,
        before: old,
        after: next,
        ...(old.content !== next.content ? { words: diffWords(old.content, next.content) } : {}),
      });
    }
    for (const r of removed.slice(paired))
      changes.push({ field: `messages[${r}]`, before: before[r]!, after: null });
    for (const a of added.slice(paired))
      changes.push({ field: `messages[${a}]`, before: null, after: after[a]! });
  }
  return changes;
}

/** What changed from version `from` to version `to` of a prompt, field by field and line by line. */
export async function diffVersions(
  db: Executor,
  ctx: OrgContext,
  name: string,
  from: number,
  to: number,
): Promise<PromptDiff> {
  const prompt = await repo.findPrompt(db, ctx.orgId, name);
  if (!prompt) throw notFound('Prompt');
  const [a, b] = await Promise.all([
    repo.findVersion(db, ctx.orgId, prompt.id, from),
    repo.findVersion(db, ctx.orgId, prompt.id, to),
  ]);
  if (!a) throw notFound(`Version ${from}`);
  if (!b) throw notFound(`Version ${to}`);
  const changes: DiffChange[] = [];
  if (a.template !== b.template && (a.template !== null || b.template !== null))
    changes.push({
      field: 'template',
      before: a.template,
      after: b.template,
      words: diffWords(a.template ?? '', b.template ?? ''),
    });
  changes.push(...messageChanges((a.messages ?? []) as ChatMessage[], (b.messages ?? []) as ChatMessage[]));
  if (a.modelId !== b.modelId) {
    const names = await repo.modelNames(
      db,
      ctx.orgId,
      [a.modelId, b.modelId].filter((id): id is string => id !== null),
    );
    const model = (id: string | null) => (id ? { id, name: names.get(id) ?? null } : null);
    changes.push({ field: 'model', before: model(a.modelId), after: model(b.modelId) });
  }
  const params = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  for (const key of params)
    if (!same(a.params[key], b.params[key]))
      changes.push({ field: `params.${key}`, before: a.params[key] ?? null, after: b.params[key] ?? null });
  if (!same(a.variables, b.variables))
    changes.push({ field: 'variables', before: a.variables, after: b.variables });
  const body = (v: typeof a) =>
    renderedBody({ template: v.template, messages: v.messages as ChatMessage[] | null });
  return { name: prompt.name, from, to, changes, hunks: diffHunks(body(a), body(b)) };
}
