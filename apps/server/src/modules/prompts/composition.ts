import type { z } from 'zod';
import { PromptVersion as PromptVersionSchema } from '@promptops/contracts';
import type { ChatMessage, PromptUsageList, PromptVersion, VariableSpec } from '@promptops/contracts';
import {
  expandIncludes,
  extractVariables,
  findIncludes,
  formatInclude,
  hasIncludes,
  MAX_INCLUDE_DEPTH,
  parseIncludeTarget,
  TemplateError,
  type IncludeTarget,
} from '@promptops/templates';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import * as compositionRepo from './composition.repository.js';
import * as repo from './prompts.repository.js';
import type { PromptCache, PromptSelectorKey } from './prompt-cache.js';
import { labelsOf } from './prompts.mappers.js';
import { resolvePromptVersion } from './prompts.service.js';
import { MAX_RENDERED_PROMPT_CHARS } from './template.js';

/**
 * Composition: a template or message includes another prompt with `{{> name}}`,
 * `{{> name@label}}` or `{{> name#3}}` (parsing and expansion live in @promptops/templates).
 *
 * Saving a version checks that every include points at an existing text prompt and that the
 * include graph, resolved as it stands now (labels and `latest` included), has no cycle through
 * the new version; the includes are recorded in prompt_includes for "used by" and later checks.
 * Runs and `?resolve=true` expand includes recursively, with the same cycle guard and a depth
 * limit, because a label moved later can still point an include somewhere new.
 */

type Body = { template: string | null; messages: ChatMessage[] | null };
type Resolution =
  { ok: true; prompt: repo.PromptRow; row: repo.PromptVersionRow } | { ok: false; message: string };

const bodyOf = (row: repo.PromptVersionRow): Body => ({
  template: row.template,
  messages: row.messages as ChatMessage[] | null,
});

/** Where a target points right now, or why it points nowhere usable. */
async function resolveTarget(db: Executor, orgId: string, target: IncludeTarget): Promise<Resolution> {
  const prompt = await repo.findPrompt(db, orgId, target.name);
  if (!prompt) return { ok: false, message: `no prompt is named "${target.name}"` };
  // A chat prompt has no single text to insert; which of its messages would it be?
  if (prompt.type !== 'text')
    return { ok: false, message: `"${target.name}" is a chat prompt; only text prompts can be included` };
  let number = target.version ?? prompt.latestVersion;
  if (target.label !== undefined) {
    const label = await repo.findLabel(db, orgId, prompt.id, target.label);
    if (!label) return { ok: false, message: `"${target.name}" has no label "${target.label}"` };
    number = label.version;
  }
  const row = await repo.findVersion(db, orgId, prompt.id, number);
  if (!row)
    return {
      ok: false,
      message: `"${target.name}" has no version ${number} (latest is ${prompt.latestVersion})`,
    };
  return { ok: true, prompt, row };
}

/** resolveTarget, asked once per target within one save or run (a diamond reads each once). */
function targetResolver(db: Executor, orgId: string): (target: IncludeTarget) => Promise<Resolution> {
  const seen = new Map<string, Promise<Resolution>>();
  return (target) => {
    const key = formatInclude(target);
    let found = seen.get(key);
    if (!found) {
      found = resolveTarget(db, orgId, target);
      seen.set(key, found);
    }
    return found;
  };
}

// ---------------------------------------------------------------------------------------------
// On save

/** A version just stored, with the field-path prefix of its body in the request (import). */
export interface SavedVersion {
  prompt: repo.PromptRow;
  row: repo.PromptVersionRow;
  pathPrefix?: string;
}

/**
 * Checks and records the includes of versions stored in this transaction: 400 naming the field
 * when an include is malformed, points at nothing, or closes a cycle. Several versions (an
 * import) are recorded first and checked together, so prompts of one document may include each
 * other in any order.
 */
export async function recordIncludes(tx: Executor, orgId: string, saved: SavedVersion[]): Promise<void> {
  const resolveNow = targetResolver(tx, orgId);
  const errors: FieldError[] = [];
  const rows: compositionRepo.IncludeRow[] = [];
  const withIncludes: SavedVersion[] = [];
  for (const entry of saved) {
    const refs = findIncludes(
      entry.row.messages ? (entry.row.messages as ChatMessage[]) : (entry.row.template ?? ''),
    );
    if (refs.length === 0) continue;
    withIncludes.push(entry);
    for (const ref of refs) {
      const path = `${entry.pathPrefix ?? ''}${ref.path}`;
      if (!ref.target) {
        errors.push({ path, message: ref.error! });
        continue;
      }
      const found = await resolveNow(ref.target);
      if (!found.ok) errors.push({ path, message: `${ref.text}: ${found.message}` });
      else
        rows.push({
          orgId,
          versionId: entry.row.id,
          promptId: entry.prompt.id,
          version: entry.row.version,
          targetName: ref.target.name,
          reference: ref.text,
        });
    }
  }
  if (errors.length) throw validationFailed(errors);
  await compositionRepo.insertIncludes(tx, rows);
  for (const entry of withIncludes) {
    const problem = await findCycle(tx, orgId, entry.row);
    if (problem)
      throw validationFailed([
        { path: `${entry.pathPrefix ?? ''}${problem.path}`, message: problem.message },
      ]);
  }
}

/**
 * Follows the recorded includes from `start` as they resolve now. The graph had no cycle before
 * this save, so a new one must pass through `start`; a path back to it, or one deeper than the
 * run-time limit, is reported with the field of the first include on that path.
 */
async function findCycle(
  tx: Executor,
  orgId: string,
  start: repo.PromptVersionRow,
  startLabel = 'this prompt',
): Promise<{ path: string; message: string } | null> {
  const resolveNow = targetResolver(tx, orgId);
  type Link = { id: string; label: string; reference: string };
  // Versions already explored without finding a way back: a diamond is walked once.
  const clean = new Set<string>();
  const walk = async (versionId: string, chain: Link[]): Promise<{ message: string; first: Link } | null> => {
    for (const edge of await compositionRepo.listIncludes(tx, orgId, [versionId])) {
      const target = parseIncludeTarget(edge.reference);
      if (!target) continue;
      const found = await resolveNow(target);
      // A dangling include further down was valid when saved; a run reports it.
      if (!found.ok || clean.has(found.row.id)) continue;
      const next = [...chain, { id: found.row.id, label: formatInclude(target), reference: edge.reference }];
      const described = [startLabel, ...next.map((c) => c.label)].join(' → ');
      if (found.row.id === start.id || chain.some((c) => c.id === found.row.id))
        return { message: `Include cycle: ${described}`, first: next[0]! };
      if (next.length > MAX_INCLUDE_DEPTH)
        return {
          message: `Includes would nest deeper than ${MAX_INCLUDE_DEPTH} levels: ${described}`,
          first: next[0]!,
        };
      const deeper = await walk(found.row.id, next);
      if (deeper) return deeper;
      clean.add(found.row.id);
    }
    return null;
  };
  const found = await walk(start.id, []);
  if (!found) return null;
  const body = bodyOf(start);
  const ref = findIncludes(body.messages ?? body.template ?? '').find(
    (r) => r.text === found.first.reference,
  );
  return { path: ref?.path ?? (body.messages ? 'messages' : 'template'), message: found.message };
}

/**
 * After a label of `prompt` moved to `version` (in this transaction): 400 when an include of
 * `prompt@label` now closes a cycle, i.e. the walk from the version comes back to it.
 */
export async function assertLabelMoveAcyclic(
  tx: Executor,
  orgId: string,
  prompt: repo.PromptRow,
  label: string,
  version: number,
): Promise<void> {
  const row = await repo.findVersion(tx, orgId, prompt.id, version);
  if (!row) return;
  const problem = await findCycle(tx, orgId, row, formatInclude({ name: prompt.name, version }));
  if (!problem) return;
  const chain = problem.message.replace(/^Include cycle: /, '');
  throw validationFailed([
    {
      path: 'version',
      message:
        chain === problem.message
          ? `Moving ${label} to version ${version}: ${problem.message}`
          : `Moving ${label} to version ${version} would close an include cycle: ${chain}`,
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// On run and fetch

/**
 * Replaces the includes of a template or messages with the included versions' templates,
 * recursively; `included` holds the variable metadata of every included version (first wins).
 * `rootKey` is the id of the version being expanded, so a path back to it is a cycle.
 */
export async function expandBody(
  db: Executor,
  orgId: string,
  body: Body,
  rootKey?: string,
): Promise<Body & { included: Map<string, VariableSpec> }> {
  const included = new Map<string, VariableSpec>();
  if (!hasIncludes(body.messages ?? body.template ?? '')) return { ...body, included };
  const resolveNow = targetResolver(db, orgId);
  let length = 0;
  const expandField = async (text: string, path: string) => {
    const out = await expandIncludes(
      text,
      async (target) => {
        const found = await resolveNow(target);
        if (!found.ok)
          throw validationFailed([{ path, message: `${formatInclude(target)}: ${found.message}` }]);
        for (const spec of found.row.variables as VariableSpec[])
          if (!included.has(spec.name)) included.set(spec.name, spec);
        return { key: found.row.id, text: found.row.template ?? '' };
      },
      { path, ...(rootKey ? { rootKey } : {}) },
    );
    // The renderer checks the final size too; this stops a fan-out of includes earlier.
    length += out.length;
    if (length > MAX_RENDERED_PROMPT_CHARS)
      throw new AppError(
        413,
        'Prompt Too Large',
        `The prompt with its includes would exceed ${MAX_RENDERED_PROMPT_CHARS.toLocaleString('en-US')} characters`,
        { errors: [{ path, message: 'Too large once includes are expanded' }] },
      );
    return out;
  };
  try {
    if (body.messages) {
      const messages: ChatMessage[] = [];
      // One at a time: the embedded database has one connection, and errors come in field order.
      for (const [i, m] of body.messages.entries())
        messages.push({ ...m, content: await expandField(m.content, `messages.${i}.content`) });
      return { template: null, messages, included };
    }
    return { template: await expandField(body.template ?? '', 'template'), messages: null, included };
  } catch (e) {
    if (e instanceof TemplateError) throw validationFailed(e.errors);
    throw e;
  }
}

/**
 * The version with its includes expanded; its variables are those of the composed text, with
 * the version's own metadata first and then that of the included prompts.
 */
export async function composeVersion(
  db: Executor,
  orgId: string,
  version: PromptVersion,
): Promise<PromptVersion> {
  const body = await expandBody(db, orgId, version, version.id);
  if (body.template === version.template && body.messages === version.messages) return version;
  const own = new Map(version.variables.map((v) => [v.name, v]));
  const variables = extractVariables(body.messages ?? body.template ?? '').map(
    (name) => own.get(name) ?? body.included.get(name) ?? { name },
  );
  return { ...version, template: body.template, messages: body.messages, variables };
}

/** resolvePromptVersion with includes expanded: what runs and evaluations send to the model. */
export async function resolveComposedVersion(
  db: Executor,
  orgId: string,
  name: string,
  selector: { version?: number | undefined; label?: string | undefined },
): Promise<PromptVersion> {
  return composeVersion(db, orgId, await resolvePromptVersion(db, orgId, name, selector));
}

/**
 * `GET …/prompts/{name}?resolve=true` as JSON, from the cache when it holds it. The cache keeps
 * resolved bodies per organization and drops them all on any prompt change there (an included
 * prompt's change must reach every prompt that includes it).
 */
export async function resolveComposedVersionJson(
  db: Executor,
  cache: PromptCache,
  orgId: string,
  name: string,
  selector: PromptSelectorKey,
): Promise<string> {
  const key = { ...selector, resolve: true };
  const cached = cache.get(orgId, name, key);
  if (cached !== undefined) return cached;
  const startedAt = cache.begin();
  const version = await resolveComposedVersion(db, orgId, name, selector);
  const body = JSON.stringify(PromptVersionSchema.parse(version));
  cache.set(startedAt, orgId, name, key, body);
  return body;
}

/** Prompts whose newest or labelled versions include `name`. */
export async function listUsedBy(
  db: Executor,
  ctx: OrgContext,
  name: string,
): Promise<z.output<typeof PromptUsageList>> {
  if (!(await repo.findPrompt(db, ctx.orgId, name))) throw notFound('Prompt');
  const rows = await compositionRepo.listLiveIncluders(db, ctx.orgId, name);
  const labels = await repo.listLabels(db, ctx.orgId, [...new Set(rows.map((r) => r.prompt.id))]);
  return {
    items: rows.map((r) => ({
      name: r.prompt.name,
      version: r.version,
      labels: labelsOf(r.prompt, labels, r.version),
      reference: r.reference,
    })),
  };
}
