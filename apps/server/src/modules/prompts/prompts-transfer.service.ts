import YAML from 'yaml';
import type { z } from 'zod';
import type { ChatMessage, ImportResponse, PromptExportDocument, VariableSpec } from '@promptops/contracts';
import type { Db } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { notFound, validationFailed, AppError, type FieldError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './prompts.repository.js';
import { labelMap } from './prompts.mappers.js';
import { appendVersions, prepareVersion, type PreparedVersion } from './prompts.service.js';

export const EXPORT_FORMAT = 'promptops.prompts/v1';

type ExportFormat = 'json' | 'yaml';
type ExportItem = PromptExportDocument['prompts'][number];

/** One prompt (by name) or every prompt of the organization, with all versions and labels. */
export async function exportPrompts(
  db: Db,
  ctx: OrgContext,
  opts: { name?: string | undefined },
): Promise<PromptExportDocument> {
  const prompts = await repo.listPrompts(
    db,
    ctx.orgId,
    opts.name !== undefined ? { names: [opts.name] } : {},
  );
  if (opts.name !== undefined && prompts.length === 0) throw notFound('Prompt');
  const ids = prompts.map((p) => p.id);
  const [versions, labels] = await Promise.all([
    repo.listVersions(db, ctx.orgId, ids),
    repo.listLabels(db, ctx.orgId, ids),
  ]);
  const modelIds = [...new Set(versions.flatMap((v) => (v.modelId ? [v.modelId] : [])))];
  const modelNames = await repo.modelNames(db, ctx.orgId, modelIds);
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    prompts: prompts.map((p): ExportItem => ({
      name: p.name,
      description: p.description,
      type: p.type,
      labels: labelMap(p.id, labels),
      versions: versions
        .filter((v) => v.promptId === p.id)
        .sort((a, b) => a.version - b.version)
        .map((v) => ({
          version: v.version,
          ...(p.type === 'chat' ? { messages: v.messages as ChatMessage[] } : { template: v.template ?? '' }),
          variables: v.variables as VariableSpec[],
          model: v.modelId ? (modelNames.get(v.modelId) ?? null) : null,
          params: v.params,
          commitMessage: v.commitMessage,
          createdAt: v.createdAt.toISOString(),
        })),
    })),
  };
}

/** The HTTP body of an export: the document as JSON or YAML, with a download file name. */
export function serializeExport(
  doc: PromptExportDocument,
  format: ExportFormat,
  name: string | undefined,
): { body: string; contentType: string; filename: string } {
  const base = name ? name.replace(/\//g, '__') : 'prompts';
  return format === 'yaml'
    ? {
        // lineWidth 0: never fold long lines, so templates round-trip byte for byte.
        body: YAML.stringify(doc, { lineWidth: 0 }),
        contentType: 'application/yaml; charset=utf-8',
        filename: `${base}.yaml`,
      }
    : {
        body: `${JSON.stringify(doc, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        filename: `${base}.json`,
      };
}

/** Parses a YAML request body; syntax errors become a 400 naming the line. */
export function parseYamlBody(text: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const [first] = doc.errors;
    throw new AppError(
      400,
      'Bad Request',
      `Invalid YAML: ${first!.message.split('\n')[0]!.replace(/:$/, '')}`,
    );
  }
  try {
    // yaml counts every node an alias expands to: an alias bomb stops here instead of filling memory.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError(400, 'Bad Request', `Invalid YAML: ${message.split('\n')[0]!.replace(/:$/, '')}`);
  }
}

interface ImportTarget {
  index: number;
  name: string;
  item: ExportItem;
  /** Document versions, oldest first, with the stored form of each. */
  versions: { original: number; model: string | null | undefined; prepared: PreparedVersion }[];
}

/** Checks the whole document before anything is written, so every error is reported at once. */
function planImport(doc: PromptExportDocument, rename: string | undefined): ImportTarget[] {
  const errors: FieldError[] = [];
  if (rename !== undefined && doc.prompts.length !== 1)
    errors.push({ path: 'rename', message: 'rename needs a document with exactly one prompt' });
  const seen = new Set<string>();
  const targets = doc.prompts.map((item, index) => {
    const name = rename ?? item.name;
    if (seen.has(name)) errors.push({ path: `prompts.${index}.name`, message: `"${name}" appears twice` });
    seen.add(name);
    const versions = item.versions
      .map((v, j) => ({ v, j }))
      .sort((a, b) => a.v.version - b.v.version)
      .flatMap(({ v, j }) => {
        try {
          const prepared = prepareVersion({ ...v, modelId: null }, `prompts.${index}.versions.${j}.`);
          return [{ original: v.version, prepared, model: v.model }];
        } catch (e) {
          if (e instanceof AppError && e.extra.errors) errors.push(...e.extra.errors);
          else throw e;
          return [];
        }
      });
    return { index, name, item, versions };
  });
  if (errors.length) throw validationFailed(errors);
  return targets;
}

/**
 * Imports a document in one transaction (all or nothing). A new name is created with its
 * versions renumbered from 1; an existing name gets the document's versions appended after
 * its newest one, so history is never overwritten. Labels follow their versions.
 */
export async function importPrompts(
  db: Db,
  ctx: OrgContext,
  doc: PromptExportDocument,
  opts: { rename?: string | undefined },
): Promise<z.output<typeof ImportResponse>> {
  const targets = planImport(doc, opts.rename);
  const modelNames = [
    ...new Set(doc.prompts.flatMap((p) => p.versions.flatMap((v) => (v.model ? [v.model] : [])))),
  ];
  return db.transaction(async (tx) => {
    const modelIds = await repo.modelIdsByName(tx, ctx.orgId, modelNames);
    const protectedLabels = new Set(await repo.protectedLabels(tx, ctx.orgId));
    const results = new Map<number, z.output<typeof ImportResponse>['items'][number]>();
    const audits: Parameters<typeof recordAudit>[2][] = [];
    // Lock prompts in name order so two concurrent imports cannot deadlock on each other.
    for (const t of [...targets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const found = await repo.findPrompt(tx, ctx.orgId, t.name, { forUpdate: true });
      const inserted = found
        ? undefined
        : await repo.insertPrompt(tx, {
            orgId: ctx.orgId,
            name: t.name,
            description: t.item.description ?? null,
            type: t.item.type,
          });
      // Created concurrently between the lookup and the insert: lock the winner's row instead.
      const prompt =
        found ?? inserted ?? (await repo.findPrompt(tx, ctx.orgId, t.name, { forUpdate: true }))!;
      const created = Boolean(inserted);
      if (prompt.type !== t.item.type)
        throw validationFailed([
          { path: `prompts.${t.index}.type`, message: `"${t.name}" exists as a ${prompt.type} prompt` },
        ]);
      const description = !created && t.item.description != null ? t.item.description : undefined;
      const { prompt: updated, rows } = await appendVersions(
        tx,
        ctx,
        prompt,
        t.versions.map((v) => ({
          ...v.prepared,
          // Models are linked by name when the name is unambiguous in this organization.
          modelId: v.model ? (modelIds.get(v.model) ?? null) : null,
          commitMessage: v.prepared.commitMessage ?? `Imported (version ${v.original} of the document)`,
        })),
        description,
      );
      // appendVersions numbers the i-th version latest + i + 1 (RETURNING order is not guaranteed).
      const renumbered = new Map(t.versions.map((v, i) => [v.original, prompt.latestVersion + i + 1]));
      const labels: Record<string, number> = {};
      for (const [label, original] of Object.entries(t.item.labels ?? {})) {
        const version = renumbered.get(original)!;
        labels[label] = version;
        const previous = (await repo.findLabel(tx, ctx.orgId, prompt.id, label))?.version ?? null;
        // An import is no way around a review: nothing of it is written.
        if (protectedLabels.has(label) && previous !== version)
          throw new AppError(
            409,
            'Review Required',
            `"${label}" is a protected label: import without it, then open a review for "${t.name}"`,
            { errors: [{ path: `prompts.${t.index}.labels.${label}`, message: 'Protected label' }] },
          );
        await repo.upsertLabel(tx, ctx.orgId, prompt.id, label, version);
        if (previous !== version)
          await emitEvent(tx, {
            orgId: ctx.orgId,
            type: 'prompt.label_moved',
            payload: { promptId: prompt.id, name: t.name, label, version, previousVersion: previous },
          });
      }
      const createdVersions = rows.map((r) => r.version).sort((a, b) => a - b);
      results.set(t.index, { name: t.name, createdVersions, created });
      audits.push({
        orgId: ctx.orgId,
        action: 'prompt.imported',
        resourceType: 'prompt',
        resourceId: updated.id,
        details: { name: t.name, created, versions: createdVersions, labels },
      });
    }
    // Audit last: the chain lock is taken after every prompt lock, the order all writers use.
    for (const a of audits) await recordAudit(tx, ctx, a);
    return { items: targets.map((t) => results.get(t.index)!) };
  });
}
