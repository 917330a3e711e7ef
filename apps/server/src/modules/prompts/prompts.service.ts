import type { z } from 'zod';
import { PromptVersion as PromptVersionSchema } from '@promptops/contracts';
import type {
  ChatMessage,
  CreatePromptRequest,
  CreatePromptVersionRequest,
  LabelResponse,
  PromptList,
  PromptListQuery,
  PromptParams,
  PromptVersion,
  VariableSpec,
} from '@promptops/contracts';
import type { Db, Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { AppError, conflict, notFound, validationFailed } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './prompts.repository.js';
import type { PromptCache } from './prompt-cache.js';
import { authorColumns, toPromptSummary, toPromptVersion } from './prompts.mappers.js';
import { extractVariables, mergeVariableSpecs } from './template.js';

type CreatePromptInput = z.output<typeof CreatePromptRequest>;
type CreateVersionInput = z.output<typeof CreatePromptVersionRequest>;
type PromptType = repo.PromptRow['type'];

/** A version ready to be stored: variables merged and checked, model still to be checked. */
export interface PreparedVersion {
  template: string | null;
  messages: ChatMessage[] | null;
  variables: VariableSpec[];
  modelId: string | null;
  params: PromptParams;
  commitMessage: string | null;
}

/** The request schemas let `type` be omitted: messages make a chat prompt, a template a text one. */
export const promptTypeOf = (v: { type?: PromptType | undefined; messages?: unknown }): PromptType =>
  v.type ?? (v.messages ? 'chat' : 'text');

/** Pure: detects the template's variables and merges the declared metadata (400 on a stray one). */
export function prepareVersion(
  input: {
    template?: string | null | undefined;
    messages?: ChatMessage[] | null | undefined;
    variables?: VariableSpec[] | undefined;
    modelId?: string | null | undefined;
    params?: PromptParams | undefined;
    commitMessage?: string | null | undefined;
  },
  pathPrefix = '',
): PreparedVersion {
  const messages = input.messages ?? null;
  const template = messages ? null : (input.template ?? '');
  const detected = extractVariables(messages ?? template ?? '');
  return {
    template,
    messages,
    variables: mergeVariableSpecs(detected, input.variables, `${pathPrefix}variables`),
    modelId: input.modelId ?? null,
    params: input.params ?? {},
    commitMessage: input.commitMessage ?? null,
  };
}

/**
 * No lost updates: an edit that started from `baseVersion` may only be saved while that is still
 * the newest version (the caller holds the prompt row lock). 409 names the newer version.
 */
function assertBaseVersion(prompt: repo.PromptRow, baseVersion: number | undefined): void {
  if (baseVersion === undefined || baseVersion === prompt.latestVersion) return;
  const message = `Version ${prompt.latestVersion} was saved after version ${baseVersion}, which this edit started from`;
  throw new AppError(409, 'Conflict', `${message}; merge the changes and save again`, {
    latestVersion: prompt.latestVersion,
    errors: [{ path: 'baseVersion', message }],
  });
}

async function assertModelInOrg(tx: Executor, orgId: string, modelId: string | null): Promise<void> {
  if (modelId && !(await repo.modelExists(tx, orgId, modelId)))
    throw validationFailed([{ path: 'modelId', message: 'No such model in this organization' }]);
}

/**
 * Stores `versions` as the next version numbers of `prompt`, which the caller must have locked
 * (FOR UPDATE) or just created in the same transaction: that lock is what makes two
 * concurrent saves get N+1 and N+2 instead of colliding on the unique index.
 */
export async function appendVersions(
  tx: Executor,
  ctx: OrgContext,
  prompt: repo.PromptRow,
  versions: PreparedVersion[],
  description?: string | null,
): Promise<{ prompt: repo.PromptRow; rows: repo.PromptVersionRow[] }> {
  const author = authorColumns(ctx.actor);
  const rows = await repo.insertVersions(
    tx,
    versions.map((v, i) => ({
      ...v,
      ...author,
      orgId: ctx.orgId,
      promptId: prompt.id,
      version: prompt.latestVersion + i + 1,
    })),
  );
  const updated = await repo.updatePromptHead(tx, ctx.orgId, prompt.id, {
    latestVersion: prompt.latestVersion + versions.length,
    ...(description !== undefined ? { description } : {}),
  });
  // In the same transaction: the change feed and caches hear of a version if and only if it exists.
  for (const row of [...rows].sort((a, b) => a.version - b.version))
    await emitEvent(tx, {
      orgId: ctx.orgId,
      type: 'prompt.version_created',
      payload: { promptId: prompt.id, name: prompt.name, version: row.version, versionId: row.id },
    });
  return { prompt: updated, rows };
}

export async function createPrompt(
  db: Db,
  ctx: OrgContext,
  input: CreatePromptInput,
): Promise<PromptVersion> {
  const prepared = prepareVersion(input);
  const type = promptTypeOf(input);
  return db.transaction(async (tx) => {
    await assertModelInOrg(tx, ctx.orgId, prepared.modelId);
    const created = await repo.insertPrompt(tx, {
      orgId: ctx.orgId,
      name: input.name,
      description: input.description ?? null,
      type,
    });
    if (!created)
      throw conflict(`A prompt named "${input.name}" already exists; save a new version of it instead`, [
        { path: 'name', message: 'Already exists' },
      ]);
    const { prompt, rows } = await appendVersions(tx, ctx, created, [prepared]);
    const version = rows[0]!;
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'prompt.created',
      resourceType: 'prompt',
      resourceId: prompt.id,
      details: { name: prompt.name, type, version: version.version, versionId: version.id },
    });
    return toPromptVersion(prompt, version, []);
  });
}

export async function createVersion(
  db: Db,
  ctx: OrgContext,
  name: string,
  input: CreateVersionInput,
): Promise<PromptVersion> {
  const prepared = prepareVersion(input);
  return db.transaction(async (tx) => {
    const locked = await repo.findPrompt(tx, ctx.orgId, name, { forUpdate: true });
    if (!locked) throw notFound('Prompt');
    assertBaseVersion(locked, input.baseVersion);
    if (promptTypeOf(input) !== locked.type)
      throw validationFailed([
        { path: 'type', message: `"${name}" is a ${locked.type} prompt; its versions must be too` },
      ]);
    await assertModelInOrg(tx, ctx.orgId, prepared.modelId);
    const { prompt, rows } = await appendVersions(tx, ctx, locked, [prepared], input.description);
    const version = rows[0]!;
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'prompt.version_created',
      resourceType: 'prompt',
      resourceId: prompt.id,
      details: {
        name,
        version: version.version,
        versionId: version.id,
        commitMessage: version.commitMessage,
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
    });
    // A brand-new version can carry no label yet except the implicit `latest`.
    return toPromptVersion(prompt, version, []);
  });
}

/** A new version with the content of an old one: history is never rewritten. */
export async function rollbackVersion(
  db: Db,
  ctx: OrgContext,
  name: string,
  input: { version: number; commitMessage?: string | undefined; baseVersion?: number | undefined },
): Promise<PromptVersion> {
  return db.transaction(async (tx) => {
    const locked = await repo.findPrompt(tx, ctx.orgId, name, { forUpdate: true });
    if (!locked) throw notFound('Prompt');
    assertBaseVersion(locked, input.baseVersion);
    const old = await repo.findVersion(tx, ctx.orgId, locked.id, input.version);
    if (!old)
      throw validationFailed([
        {
          path: 'version',
          message: `Version ${input.version} does not exist (latest is ${locked.latestVersion})`,
        },
      ]);
    const prepared: PreparedVersion = {
      template: old.template,
      messages: old.messages as ChatMessage[] | null,
      variables: old.variables as unknown as VariableSpec[],
      modelId: old.modelId,
      params: old.params as PromptParams,
      commitMessage: input.commitMessage ?? `Roll back to version ${old.version}`,
    };
    const { prompt, rows } = await appendVersions(tx, ctx, locked, [prepared]);
    const version = rows[0]!;
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'prompt.rolled_back',
      resourceType: 'prompt',
      resourceId: prompt.id,
      details: { name, from: old.version, version: version.version, versionId: version.id },
    });
    return toPromptVersion(prompt, version, []);
  });
}

/**
 * The version a selector points at: `version` N, a `label` (`latest` included), or the newest
 * when neither is given. Used by the prompt routes and by executions.
 */
export async function resolvePromptVersion(
  db: Executor,
  orgId: string,
  name: string,
  selector: { version?: number | undefined; label?: string | undefined },
): Promise<PromptVersion> {
  if (selector.version !== undefined && selector.label !== undefined)
    throw validationFailed([{ path: 'label', message: 'Give either a version or a label, not both' }]);
  const prompt = await repo.findPrompt(db, orgId, name);
  if (!prompt) throw notFound('Prompt');
  const labels = await repo.listLabels(db, orgId, [prompt.id]);
  let number = selector.version ?? prompt.latestVersion;
  if (selector.label !== undefined && selector.label !== 'latest') {
    const label = labels.find((l) => l.label === selector.label);
    if (!label) throw notFound(`Label "${selector.label}"`);
    number = label.version;
  }
  const row = await repo.findVersion(db, orgId, prompt.id, number);
  if (!row) throw notFound('Version');
  return toPromptVersion(prompt, row, labels);
}

/**
 * Several selectors of one prompt at once (an experiment's variants): null when the prompt does
 * not exist; an entry is null when its label or version does not.
 */
export async function resolvePromptSelectors(
  db: Executor,
  orgId: string,
  name: string,
  selectors: { version?: number | undefined; label?: string | undefined }[],
): Promise<{ promptId: string; latestVersion: number; versions: (PromptVersion | null)[] } | null> {
  const prompt = await repo.findPrompt(db, orgId, name);
  if (!prompt) return null;
  const labels = await repo.listLabels(db, orgId, [prompt.id]);
  const versions = await Promise.all(
    selectors.map(async (selector) => {
      const number =
        selector.label === undefined || selector.label === 'latest'
          ? (selector.version ?? prompt.latestVersion)
          : labels.find((l) => l.label === selector.label)?.version;
      const row = number === undefined ? undefined : await repo.findVersion(db, orgId, prompt.id, number);
      return row ? toPromptVersion(prompt, row, labels) : null;
    }),
  );
  return { promptId: prompt.id, latestVersion: prompt.latestVersion, versions };
}

/**
 * `resolvePromptVersion` as the JSON the API sends, from the cache when it holds it. The body is
 * checked against the response schema once, when it is stored, exactly as the route's serializer
 * would check it on every request.
 */
export async function resolvePromptVersionJson(
  db: Executor,
  cache: PromptCache,
  orgId: string,
  name: string,
  selector: { version?: number | undefined; label?: string | undefined },
): Promise<string> {
  const cached = cache.get(orgId, name, selector);
  if (cached !== undefined) return cached;
  const startedAt = cache.begin();
  const version = await resolvePromptVersion(db, orgId, name, selector);
  const body = JSON.stringify(PromptVersionSchema.parse(version));
  cache.set(startedAt, orgId, name, selector, body);
  return body;
}

export async function listVersions(
  db: Db,
  ctx: OrgContext,
  name: string,
): Promise<{ items: PromptVersion[] }> {
  const prompt = await repo.findPrompt(db, ctx.orgId, name);
  if (!prompt) throw notFound('Prompt');
  const [rows, labels] = await Promise.all([
    repo.listVersions(db, ctx.orgId, [prompt.id]),
    repo.listLabels(db, ctx.orgId, [prompt.id]),
  ]);
  return { items: rows.map((row) => toPromptVersion(prompt, row, labels)) };
}

export async function listPrompts(
  db: Db,
  ctx: OrgContext,
  query: z.output<typeof PromptListQuery>,
): Promise<z.output<typeof PromptList>> {
  const folder = query.folder?.replace(/^\/+|\/+$/g, '');
  const rows = await repo.listPrompts(db, ctx.orgId, { search: query.search?.trim(), folder });
  const labels = await repo.listLabels(
    db,
    ctx.orgId,
    rows.map((p) => p.id),
  );
  return { items: rows.map((p) => toPromptSummary(p, labels)) };
}

/** Points `label` at `version` of the prompt; the prompt row lock serialises concurrent moves. */
export async function moveLabel(
  db: Db,
  ctx: OrgContext,
  name: string,
  label: string,
  version: number,
): Promise<z.output<typeof LabelResponse>> {
  return db.transaction((tx) => moveLabelIn(tx, ctx, name, label, version));
}

/**
 * `moveLabel` inside the caller's transaction (an experiment promoting its winner, a review
 * merging). A protected label moves only for a merging review: 409 for everyone else, admins and
 * API keys included.
 */
export async function moveLabelIn(
  tx: Executor,
  ctx: OrgContext,
  name: string,
  label: string,
  version: number,
  opts: { mergingReview?: string } = {},
): Promise<z.output<typeof LabelResponse>> {
  const prompt = await repo.findPrompt(tx, ctx.orgId, name, { forUpdate: true });
  if (!prompt) throw notFound('Prompt');
  if (opts.mergingReview === undefined && (await repo.protectedLabels(tx, ctx.orgId)).includes(label))
    throw new AppError(
      409,
      'Review Required',
      `"${label}" is a protected label: open a review to point it at version ${version}`,
      { errors: [{ path: 'label', message: 'Protected: moves only through an approved review' }] },
    );
  if (!(await repo.findVersion(tx, ctx.orgId, prompt.id, version)))
    throw validationFailed([
      { path: 'version', message: `Version ${version} does not exist (latest is ${prompt.latestVersion})` },
    ]);
  const previous = (await repo.findLabel(tx, ctx.orgId, prompt.id, label))?.version ?? null;
  if (previous !== version) {
    await repo.upsertLabel(tx, ctx.orgId, prompt.id, label, version);
    await emitEvent(tx, {
      orgId: ctx.orgId,
      type: 'prompt.label_moved',
      payload: { promptId: prompt.id, name, label, version, previousVersion: previous },
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'prompt.label_moved',
      resourceType: 'prompt',
      resourceId: prompt.id,
      details: {
        name,
        label,
        from: previous,
        to: version,
        ...(opts.mergingReview ? { reviewId: opts.mergingReview } : {}),
      },
    });
  }
  return { label, version, previousVersion: previous };
}
