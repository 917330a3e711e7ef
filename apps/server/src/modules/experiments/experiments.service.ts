import type { z } from 'zod';
import type {
  Assignment,
  CreateExperimentRequest,
  Experiment,
  ExperimentListQuery,
  ExperimentMetric,
  ExperimentResults,
  ExperimentVariant,
  LinkEvaluationRequest,
  OutcomeRequest,
  StopExperimentRequest,
} from '@promptops/contracts';
import { compareVariantsContinuous, summarizeScores } from '@promptops/metrics';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { recordAudit } from '../audit/audit.service.js';
import { csvField } from '../datasets/datasets-export.service.js';
import { itemScores } from '../evaluations/evaluations.service.js';
import { lowerIsBetter } from '../evaluations/evaluators.js';
import { moveLabelIn, resolvePromptSelectors } from '../prompts/prompts.service.js';
import { assignVariant, forgetRunningExperiment, recordExposure } from './assignment.js';
import * as repo from './experiments.repository.js';
import { experimentResults } from './results.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';

type CreateInput = z.output<typeof CreateExperimentRequest>;
type ListQuery = z.output<typeof ExperimentListQuery>;
type StopInput = z.output<typeof StopExperimentRequest>;
type LinkInput = z.output<typeof LinkEvaluationRequest>;
type OutcomeInput = z.output<typeof OutcomeRequest>;

/** The accepted expected loss of a binary metric when the experiment does not set one (0.5 points). */
export const DEFAULT_BINARY_MAX_LOSS = 0.005;

const variantsOf = (row: repo.ExperimentRow) => row.variants as unknown as ExperimentVariant[];
const metricOf = (row: repo.ExperimentRow) => row.metric as unknown as ExperimentMetric;

export function toExperiment(row: repo.ExperimentRow): Experiment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    promptId: row.promptId,
    promptName: row.promptName,
    status: row.status,
    variants: variantsOf(row),
    metric: metricOf(row),
    minSamples: row.minSamples,
    maxExpectedLoss: row.maxExpectedLoss,
    evaluation:
      row.evaluationId && row.evaluationScoreKey
        ? { evaluationId: row.evaluationId, scoreKey: row.evaluationScoreKey }
        : null,
    winner: row.winner,
    createdAt: row.createdAt.toISOString(),
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    createdBy: { type: row.actorType, id: row.actorId },
  };
}

const fromCursor = (c: { at: Date; id: string } | undefined) => c && { createdAt: c.at, id: c.id };

export async function listExperiments(app: AppContext, ctx: OrgContext, q: ListQuery) {
  const rows = await repo.listExperiments(app.db, ctx.orgId, {
    promptName: q.promptName,
    status: q.status,
    before: fromCursor(decodeTimeCursor(q.cursor)),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toExperiment),
    nextCursor: rows.length > q.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}

async function findRow(db: Executor, orgId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const row = await repo.findExperiment(db, orgId, id, opts);
  if (!row) throw notFound('Experiment');
  return row;
}

export async function getExperiment(app: AppContext, ctx: OrgContext, id: string): Promise<Experiment> {
  return toExperiment(await findRow(app.db, ctx.orgId, id));
}

async function changed(tx: Executor, ctx: OrgContext, row: repo.ExperimentRow): Promise<void> {
  await emitEvent(tx, {
    orgId: ctx.orgId,
    type: 'experiment.changed',
    payload: {
      experimentId: row.id,
      promptId: row.promptId,
      name: row.name,
      promptName: row.promptName,
      status: row.status,
      winner: row.winner,
    },
  });
}

/**
 * Starts an experiment: each variant's label is resolved to its version now, so every subject
 * of a variant sees the same content for the experiment's whole life.
 */
export async function createExperiment(
  app: AppContext,
  ctx: OrgContext,
  input: CreateInput,
): Promise<Experiment> {
  const row = await app.db.transaction(async (tx) => {
    const resolved = await resolvePromptSelectors(tx, ctx.orgId, input.promptName, input.variants);
    if (!resolved)
      throw validationFailed([{ path: 'promptName', message: `No prompt named "${input.promptName}"` }]);
    const errors: FieldError[] = [];
    const total = input.variants.reduce((sum, v) => sum + v.weight, 0);
    const variants: ExperimentVariant[] = [];
    for (const [i, v] of input.variants.entries()) {
      const version = resolved.versions[i];
      if (!version) {
        errors.push(
          v.label !== undefined
            ? { path: `variants.${i}.label`, message: `"${input.promptName}" has no label "${v.label}"` }
            : {
                path: `variants.${i}.version`,
                message: `Version ${v.version} does not exist (latest is ${resolved.latestVersion})`,
              },
        );
        continue;
      }
      variants.push({
        name: v.name,
        version: version.version,
        label: v.label ?? null,
        promptVersionId: version.id,
        weight: v.weight,
        share: v.weight / total,
      });
    }
    if (errors.length > 0) throw validationFailed(errors);
    const inserted = await repo.insertExperiment(tx, {
      orgId: ctx.orgId,
      promptId: resolved.promptId,
      promptName: input.promptName,
      name: input.name,
      description: input.description ?? null,
      variants: variants as unknown as Record<string, unknown>[],
      metric: input.metric,
      minSamples: input.minSamples,
      maxExpectedLoss: input.maxExpectedLoss ?? DEFAULT_BINARY_MAX_LOSS,
      actorType: ctx.actor.type,
      actorId: ctx.actor.type === 'user' || ctx.actor.type === 'api_key' ? ctx.actor.id : null,
    });
    if (!inserted) {
      const running = await repo.findRunningByPrompt(tx, ctx.orgId, input.promptName);
      throw conflict(
        `"${input.promptName}" already has a running experiment${running ? ` ("${running.name}")` : ''}: stop it first`,
        [{ path: 'promptName', message: 'Has a running experiment' }],
      );
    }
    await changed(tx, ctx, inserted);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'experiment.created',
      resourceType: 'experiment',
      resourceId: inserted.id,
      details: {
        name: inserted.name,
        prompt: input.promptName,
        variants: variants.map((v) => ({ name: v.name, version: v.version, weight: v.weight })),
        metric: input.metric.name,
      },
    });
    return inserted;
  });
  forgetRunningExperiment(app, ctx.orgId, row.promptName);
  return toExperiment(row);
}

/**
 * Stops a running experiment; with `promote`, moves a label to the chosen variant's version in
 * the same transaction. Stopping a stopped experiment is a conflict (its result is settled).
 */
export async function stopExperiment(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  input: StopInput,
): Promise<Experiment> {
  const row = await app.db.transaction(async (tx) => {
    const before = await findRow(tx, ctx.orgId, id, { forUpdate: true });
    if (before.status !== 'running') throw conflict('The experiment is already stopped');
    const promote = input?.promote;
    let winner: ExperimentVariant | undefined;
    if (promote) {
      winner = variantsOf(before).find((v) => v.name === promote.variant);
      if (!winner)
        throw validationFailed([
          { path: 'promote.variant', message: `The experiment has no variant "${promote.variant}"` },
        ]);
      await moveLabelIn(tx, ctx, before.promptName, promote.label, winner.version);
    }
    const after = await repo.updateExperiment(tx, id, {
      status: 'stopped',
      stoppedAt: new Date(),
      winner: winner?.name ?? null,
    });
    await changed(tx, ctx, after);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'experiment.stopped',
      resourceType: 'experiment',
      resourceId: id,
      details: {
        name: after.name,
        prompt: after.promptName,
        promoted:
          promote && winner ? { variant: winner.name, label: promote.label, version: winner.version } : null,
      },
    });
    return after;
  });
  forgetRunningExperiment(app, ctx.orgId, row.promptName);
  return toExperiment(row);
}

/** Links an offline evaluation's score as the experiment's quality metric. */
export async function linkEvaluation(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  input: LinkInput,
): Promise<Experiment> {
  // Read before the transaction: the embedded database has one connection, which it holds.
  const found = await itemScores(app, ctx.orgId, input.evaluationId, input.scoreKey);
  return app.db.transaction(async (tx) => {
    const before = await findRow(tx, ctx.orgId, id, { forUpdate: true });
    if (!found) throw validationFailed([{ path: 'evaluationId', message: 'No such evaluation' }]);
    const keys = new Set(found.evaluation.summary.flatMap((s) => Object.keys(s.metrics)));
    if (!keys.has(input.scoreKey))
      throw validationFailed([
        {
          path: 'scoreKey',
          message:
            keys.size > 0
              ? `The evaluation has no score "${input.scoreKey}" (it has ${[...keys].join(', ')})`
              : 'The evaluation has no scores yet',
        },
      ]);
    const after = await repo.updateExperiment(tx, id, {
      evaluationId: input.evaluationId,
      evaluationScoreKey: input.scoreKey,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'experiment.evaluation_linked',
      resourceType: 'experiment',
      resourceId: id,
      details: { name: before.name, evaluationId: input.evaluationId, scoreKey: input.scoreKey },
    });
    return toExperiment(after);
  });
}

async function runningRow(app: AppContext, ctx: OrgContext, id: string) {
  const row = await findRow(app.db, ctx.orgId, id);
  if (row.status !== 'running') throw conflict('The experiment is stopped');
  return row;
}

/** The subject's variant (recorded as served): the same answer on every server, every time. */
export async function assign(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  subject: string,
): Promise<Assignment> {
  const row = await runningRow(app, ctx, id);
  const variant = assignVariant(row.id, variantsOf(row), subject);
  await recordExposure(app, { experimentId: row.id, variant }, subject);
  return {
    experimentId: row.id,
    variant: variant.name,
    version: variant.version,
    promptVersionId: variant.promptVersionId,
  };
}

/** Credits an outcome to the subject's variant; a subject's later outcome replaces its earlier one. */
export async function recordOutcome(app: AppContext, ctx: OrgContext, id: string, input: OutcomeInput) {
  const row = await runningRow(app, ctx, id);
  if (metricOf(row).kind === 'binary' && input.value !== 0 && input.value !== 1)
    throw validationFailed([{ path: 'value', message: 'A binary metric takes 0 or 1' }]);
  const variant = assignVariant(row.id, variantsOf(row), input.subject);
  const replaced = await repo.upsertOutcome(app.db, {
    experimentId: row.id,
    subject: input.subject,
    variant: variant.name,
    value: input.value,
  });
  return { variant: variant.name, replaced };
}

export async function getResults(app: AppContext, ctx: OrgContext, id: string): Promise<ExperimentResults> {
  const row = await findRow(app.db, ctx.orgId, id);
  const [stats, exposures] = await Promise.all([
    repo.outcomeStats(app.db, row.id),
    repo.exposureCounts(app.db, row.id),
  ]);
  const byVariant = new Map(stats.map((s) => [s.variant, s]));
  const data = variantsOf(row).map((v) => {
    const s = byVariant.get(v.name);
    return {
      name: v.name,
      version: v.version,
      subjects: exposures.get(v.name) ?? 0,
      n: s?.n ?? 0,
      sum: s?.sum ?? 0,
      mean: s?.mean ?? 0,
      variance: s?.variance ?? 0,
    };
  });
  const metric = metricOf(row);
  const { variants, decision } = experimentResults(
    { metric, minSamples: row.minSamples, maxExpectedLoss: row.maxExpectedLoss },
    data,
  );
  return {
    experimentId: row.id,
    metric,
    computedAt: new Date().toISOString(),
    variants,
    decision,
    evaluation: await offlineResults(app, ctx, row),
  };
}

/**
 * The linked evaluation's score per experiment variant: the evaluation variant that ran the same
 * prompt version, its per-item means (repetitions averaged), and which is best.
 */
async function offlineResults(
  app: AppContext,
  ctx: OrgContext,
  row: repo.ExperimentRow,
): Promise<ExperimentResults['evaluation']> {
  if (!row.evaluationId || !row.evaluationScoreKey) return null;
  const key = row.evaluationScoreKey;
  const found = await itemScores(app, ctx.orgId, row.evaluationId, key);
  if (!found) return null;
  const { evaluation } = found;
  const rows = await Promise.all(
    variantsOf(row).map(async (v) => {
      const index = evaluation.variants.findIndex((e) => e.promptVersionId === v.promptVersionId);
      return { name: v.name, index, scores: index === -1 ? [] : await found.scoresOf(index) };
    }),
  );
  const summaries = rows.map((r) => summarizeScores(r.scores));
  const usable = summaries.map((s) => s.count >= 2 && s.variance > 0);
  const higherIsBetter = !lowerIsBetter(evaluation.evaluators).has(key);
  const ranked = usable.filter(Boolean).length >= 2;
  const compared = ranked
    ? compareVariantsContinuous(
        summaries.filter((_, i) => usable[i]),
        { higherIsBetter },
      )
    : null;
  let next = 0;
  return {
    evaluationId: evaluation.id,
    scoreKey: key,
    variants: rows.map((r, i) => {
      const s = summaries[i]!;
      const c = usable[i] && compared ? compared.variants[next++] : undefined;
      return {
        name: r.name,
        evaluationVariant: r.index === -1 ? null : r.index,
        n: s.count,
        mean: s.count > 0 ? s.mean : null,
        ci95: c ? [c.credibleInterval.lower, c.credibleInterval.upper] : null,
        probabilityBest: c ? c.probabilityBest : null,
      };
    }),
  };
}

/** The results as CSV: one row per variant. */
export function resultsCsv(results: ExperimentResults): string {
  const header = [
    'variant',
    'version',
    'subjects',
    'n',
    'mean',
    'ci95_low',
    'ci95_high',
    'probability_best',
    'expected_loss',
  ];
  const lines = results.variants.map((v) =>
    [v.name, v.version, v.subjects, v.n, v.mean, v.ci95?.[0], v.ci95?.[1], v.probabilityBest, v.expectedLoss]
      .map((x) => csvField(x ?? null))
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
