import type { z } from 'zod';
import {
  scoreKeys,
  type CreateEvaluationRequest,
  type Evaluation,
  type EvaluationListQuery,
  type EvaluationResult,
  type EvaluationResultsQuery,
  type EvaluationVariant,
  type Evaluator,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { cancelJob, enqueue } from '../../platform/jobs/index.js';
import { recordAudit, csvCell } from '../audit/audit.service.js';
import { resolveTarget } from '../executions/gateway.service.js';
import { resolvePromptVersion } from '../prompts/prompts.service.js';
import { checkEmbedders, refreshSummary } from './evaluation-runner.js';
import { checkEvaluators } from './evaluators.js';
import { evaluationJob } from './evaluations.jobs.js';
import * as repo from './evaluations.repository.js';
import { emitEvaluationFinished } from './finished-event.js';

type CreateInput = z.output<typeof CreateEvaluationRequest>;

export function toEvaluation(row: repo.EvaluationWithDataset): Evaluation {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    datasetId: row.datasetId,
    datasetName: row.datasetName,
    datasetVersion: row.datasetVersion,
    variants: row.variants as unknown as EvaluationVariant[],
    evaluators: row.evaluators as unknown as Evaluator[],
    repetitions: row.repetitions,
    concurrency: row.concurrency,
    maxCostUsd: row.maxCostUsd === null ? null : normalizeDecimal(row.maxCostUsd),
    progress: { total: row.progressTotal, done: row.progressDone, failed: row.progressFailed },
    costUsd: normalizeDecimal(row.costUsd),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    summary: row.summary as unknown as Evaluation['summary'],
    comparisons: row.comparisons as unknown as Evaluation['comparisons'],
  };
}

/** Turns a 404 or a 400 from a lookup into a field error of this request. */
async function atField<T>(errors: FieldError[], path: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 404 && err.status !== 400)) throw err;
    errors.push({ path, message: err.extra.errors?.[0]?.message ?? err.detail ?? err.message });
    return undefined;
  }
}

async function resolveVariants(
  app: AppContext,
  orgId: string,
  input: CreateInput['variants'],
  errors: FieldError[],
): Promise<EvaluationVariant[]> {
  const variants: EvaluationVariant[] = [];
  for (const [i, v] of input.entries()) {
    const version = await atField(errors, `variants.${i}.prompt`, () =>
      resolvePromptVersion(app.db, orgId, v.prompt.name, v.prompt),
    );
    if (!version) continue;
    const modelId = v.modelId ?? version.modelId;
    if (!modelId) {
      errors.push({
        path: `variants.${i}.modelId`,
        message: 'The prompt version names no model; choose one',
      });
      continue;
    }
    const target = await atField(errors, `variants.${i}.modelId`, () =>
      resolveTarget(app, orgId, modelId, `variants.${i}.modelId`),
    );
    if (!target) continue;
    const label = v.prompt.label ?? null;
    variants.push({
      name: v.name ?? `${version.name} ${label ? `@${label}` : `v${version.version}`} · ${target.model.name}`,
      prompt: { name: version.name, version: version.version, label },
      promptVersionId: version.id,
      modelId: target.model.id,
      model: target.model.name,
      params: { ...version.params, ...v.params },
    });
  }
  // Generated names can repeat (the same prompt and model twice): number them.
  const seen = new Map<string, number>();
  for (const v of variants) {
    const n = (seen.get(v.name) ?? 0) + 1;
    seen.set(v.name, n);
    if (n > 1) v.name = `${v.name} (${n})`;
  }
  return variants;
}

/** Judges are pinned to the version their label pointed at when the evaluation was created. */
async function pinJudges(
  app: AppContext,
  orgId: string,
  evaluators: Evaluator[],
  errors: FieldError[],
): Promise<Evaluator[]> {
  const pinned: Evaluator[] = [];
  for (const [i, e] of evaluators.entries()) {
    if (e.type !== 'llm-judge') {
      pinned.push(e);
      continue;
    }
    const version = await atField(errors, `evaluators.${i}.config.prompt`, () =>
      resolvePromptVersion(app.db, orgId, e.config.prompt.name, e.config.prompt),
    );
    await atField(errors, `evaluators.${i}.config.modelId`, () =>
      resolveTarget(app, orgId, e.config.modelId, `evaluators.${i}.config.modelId`),
    );
    if (version)
      pinned.push({
        ...e,
        config: { ...e.config, prompt: { name: version.name, version: version.version } },
      });
  }
  return pinned;
}

export async function createEvaluation(
  app: AppContext,
  ctx: OrgContext,
  req: CreateInput,
): Promise<Evaluation> {
  checkEvaluators(req.evaluators);
  await checkEmbedders(app, ctx.orgId, req.evaluators);
  const errors: FieldError[] = [];
  const dataset = await repo.findDataset(app.db, ctx.orgId, req.datasetId);
  if (!dataset)
    throw validationFailed([{ path: 'datasetId', message: 'No such dataset in this organization' }]);
  const datasetVersion = req.datasetVersion ?? dataset.version;
  if (datasetVersion > dataset.version)
    errors.push({ path: 'datasetVersion', message: `The dataset's newest version is ${dataset.version}` });
  else if ((await repo.countItemsAtVersion(app.db, dataset.id, datasetVersion)) === 0)
    errors.push({ path: 'datasetVersion', message: `Version ${datasetVersion} of the dataset has no items` });
  const variants = await resolveVariants(app, ctx.orgId, req.variants, errors);
  const evaluators = await pinJudges(app, ctx.orgId, req.evaluators, errors);
  if (errors.length) throw validationFailed(errors);
  const name = req.name ?? `${dataset.name} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
  const maxCostUsd =
    req.maxCostUsd === undefined
      ? null
      : normalizeDecimal(typeof req.maxCostUsd === 'number' ? req.maxCostUsd.toFixed(12) : req.maxCostUsd);
  const row = await app.db.transaction(async (tx) => {
    const created = await repo.insertEvaluation(tx, {
      orgId: ctx.orgId,
      name,
      datasetId: dataset.id,
      datasetVersion,
      variants: variants as unknown as Record<string, unknown>[],
      evaluators: evaluators as unknown as Record<string, unknown>[],
      repetitions: req.repetitions,
      concurrency: req.concurrency,
      maxCostUsd,
      actorType: ctx.actor.type,
      actorId: ctx.actor.type === 'user' || ctx.actor.type === 'api_key' ? ctx.actor.id : null,
    });
    const jobId = await enqueue(tx, evaluationJob, { evaluationId: created.id }, { orgId: ctx.orgId });
    if (jobId) await repo.setJobId(tx, created.id, jobId);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'evaluation.created',
      resourceType: 'evaluation',
      resourceId: created.id,
      details: {
        name,
        datasetId: dataset.id,
        datasetVersion,
        variants: variants.map((v) => `${v.prompt.name}#${v.prompt.version} ${v.model}`),
        evaluators: evaluators.map((e) => e.type),
        repetitions: req.repetitions,
        ...(maxCostUsd ? { maxCostUsd } : {}),
      },
    });
    return { ...created, jobId, datasetName: dataset.name };
  });
  return toEvaluation(row);
}

export async function getEvaluation(app: AppContext, ctx: OrgContext, id: string): Promise<Evaluation> {
  const row = await repo.findEvaluation(app.db, ctx.orgId, id);
  if (!row) throw notFound('Evaluation');
  return toEvaluation(row);
}

/**
 * Per-item means (repetitions averaged) of one score for one variant of an evaluation of the
 * organization; null when there is no such evaluation.
 */
export async function itemScores(
  app: AppContext,
  orgId: string,
  evaluationId: string,
  scoreKey: string,
): Promise<{ evaluation: Evaluation; scoresOf: (variant: number) => Promise<number[]> } | null> {
  const row = await repo.findEvaluation(app.db, orgId, evaluationId);
  if (!row) return null;
  return {
    evaluation: toEvaluation(row),
    scoresOf: (variant) => repo.evaluationItemScores(app.db, orgId, evaluationId, variant, scoreKey),
  };
}

export async function findEvaluationRow(
  app: AppContext,
  orgId: string,
  id: string,
): Promise<repo.EvaluationWithDataset> {
  const row = await repo.findEvaluation(app.db, orgId, id);
  if (!row) throw notFound('Evaluation');
  return row;
}

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(parts.join('|')).toString('base64url');
}
function decodeCursor(cursor: string | undefined, path = 'cursor'): string[] | undefined {
  if (cursor === undefined) return undefined;
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  if (parts.length < 2) throw validationFailed([{ path, message: 'Not a cursor from this list' }]);
  return parts;
}

export async function listEvaluations(
  app: AppContext,
  ctx: OrgContext,
  q: z.output<typeof EvaluationListQuery>,
): Promise<{
  items: Omit<Evaluation, 'summary' | 'comparisons' | 'evaluators'>[];
  nextCursor: string | null;
}> {
  const c = decodeCursor(q.cursor);
  const before = c ? { createdAt: new Date(c[0]!), id: c[1]! } : undefined;
  if (before && (Number.isNaN(before.createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(before.id)))
    throw validationFailed([{ path: 'cursor', message: 'Not a cursor from this list' }]);
  const rows = await repo.listEvaluations(app.db, ctx.orgId, { ...q, limit: q.limit + 1 }, before);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const { summary: _s, comparisons: _c, evaluators: _e, ...rest } = toEvaluation(r);
      return rest;
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export function toResult(r: repo.ResultWithItem): EvaluationResult {
  return {
    itemId: r.itemId,
    variant: r.variant,
    repetition: r.repetition,
    executionId: r.executionId,
    input: r.input,
    expected: r.expected,
    output: r.output,
    scores: r.scores,
    scoreErrors: r.scoreErrors,
    latencyMs: r.latencyMs,
    costUsd: normalizeDecimal(r.costUsd),
    error: r.error,
  };
}

export async function listResults(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  q: z.output<typeof EvaluationResultsQuery>,
): Promise<{ items: EvaluationResult[]; nextCursor: string | null }> {
  const evaluation = await findEvaluationRow(app, ctx.orgId, id);
  const c = decodeCursor(q.cursor);
  let after: { position: number; variant: number; repetition: number } | undefined;
  if (c) {
    const [position, variant, repetition] = c.map(Number);
    if (![position, variant, repetition].every((n) => Number.isSafeInteger(n) && n! >= 0))
      throw validationFailed([{ path: 'cursor', message: 'Not a cursor from this list' }]);
    after = { position: position!, variant: variant!, repetition: repetition! };
  }
  const rows = await repo.listResults(app.db, evaluation, { variant: q.variant, limit: q.limit + 1 }, after);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toResult),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.itemPosition, last.variant, last.repetition]) : null,
  };
}

/** Every result as CSV (RFC 4180), page by page so memory stays flat. */
export async function* resultsCsv(
  app: AppContext,
  evaluation: repo.EvaluationWithDataset,
): AsyncGenerator<string> {
  const variants = evaluation.variants as unknown as EvaluationVariant[];
  const keys = (evaluation.evaluators as unknown as Evaluator[]).flatMap(scoreKeys);
  const header = [
    'item_id',
    'variant',
    'variant_name',
    'repetition',
    'input',
    'expected',
    'output',
    ...keys,
    'latency_ms',
    'cost_usd',
    'error',
    'execution_id',
  ];
  yield `${header.map(csvCell).join(',')}\r\n`;
  let after: { position: number; variant: number; repetition: number } | undefined;
  for (;;) {
    const rows = await repo.listResults(app.db, evaluation, { limit: 1000 }, after);
    if (rows.length === 0) return;
    yield rows
      .map(
        (r) =>
          [
            r.itemId,
            r.variant,
            variants[r.variant]?.name ?? '',
            r.repetition,
            r.input,
            r.expected,
            r.output,
            ...keys.map((k) => r.scores[k] ?? ''),
            r.latencyMs,
            normalizeDecimal(r.costUsd),
            r.error,
            r.executionId,
          ]
            .map(csvCell)
            .join(',') + '\r\n',
      )
      .join('');
    const last = rows[rows.length - 1]!;
    after = { position: last.itemPosition, variant: last.variant, repetition: last.repetition };
  }
}

/**
 * Cancels a waiting or running evaluation: no new call starts, calls in flight are aborted,
 * finished results stay (the summary covers them). Cancelling an ended evaluation changes nothing.
 */
export async function cancelEvaluation(app: AppContext, ctx: OrgContext, id: string): Promise<Evaluation> {
  const existing = await findEvaluationRow(app, ctx.orgId, id);
  const cancelled = await app.db.transaction(async (tx) => {
    // The job row first: a finishing item locks it before the evaluation row, so the same order here.
    if (existing.jobId && (existing.status === 'queued' || existing.status === 'running'))
      await cancelJob(tx, ctx.orgId, existing.jobId);
    const row = await repo.markCancelled(tx, ctx.orgId, id);
    if (!row) return undefined;
    // The summary so far: the worker refreshes the stored one once its calls have stopped.
    await emitEvaluationFinished(tx, row, 'cancelled', row.summary);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'evaluation.cancelled',
      resourceType: 'evaluation',
      resourceId: id,
      details: { name: row.name, done: row.progressDone, total: row.progressTotal },
    });
    return row;
  });
  if (!cancelled) return toEvaluation(existing);
  // The worker refreshes the summary once its calls have stopped; this covers a queued run.
  await refreshSummary(app, cancelled);
  return getEvaluation(app, ctx, id);
}

/** Polled by the event stream: the evaluation and the results stored since `since`. */
export async function pollEvaluation(
  app: AppContext,
  orgId: string,
  id: string,
  since: Date,
): Promise<{ evaluation: repo.EvaluationWithDataset; results: repo.ResultWithItem[] } | undefined> {
  const evaluation = await repo.findEvaluation(app.db, orgId, id);
  if (!evaluation) return undefined;
  const results = await repo.resultsSince(app.db, evaluation, since, 2000);
  return { evaluation, results };
}
