import type { z } from 'zod';
import {
  CreateEvaluationRequest,
  scoreKeys,
  type Evaluation,
  type EvaluationGate,
  type Review,
  type ReviewListQuery,
  type ReviewSettings,
  type UpdateReviewSettingsRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import {
  AppError,
  conflict,
  forbidden,
  notFound,
  validationFailed,
  type FieldError,
} from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';
import { recordAudit } from '../audit/audit.service.js';
import { getDatasetRow } from '../datasets/datasets.service.js';
import { createEvaluation, getEvaluation } from '../evaluations/evaluations.service.js';
import { moveLabelIn, resolvePromptSelectors } from '../prompts/prompts.service.js';
import * as repo from './review.repository.js';

type GateSnapshot = EvaluationGate & { startError?: string };
type ReviewGate = NonNullable<Review['gate']>;
type ReviewSummary = Omit<Review, 'activity'>;

const DEFAULT_SETTINGS: ReviewSettings = { protectedLabels: [], requiredApprovals: 1, evaluationGate: null };

// ---------------------------------------------------------------------------------------------
// Settings

export async function getSettings(db: Executor, orgId: string): Promise<ReviewSettings> {
  const row = await repo.findSettings(db, orgId);
  if (!row) return DEFAULT_SETTINGS;
  return {
    protectedLabels: row.protectedLabels,
    requiredApprovals: row.requiredApprovals,
    evaluationGate: (row.evaluationGate as EvaluationGate | null) ?? null,
  };
}

export async function updateSettings(
  app: AppContext,
  ctx: OrgContext,
  input: z.output<typeof UpdateReviewSettingsRequest>,
): Promise<ReviewSettings> {
  const gate = input.evaluationGate ?? null;
  if (gate) await checkGate(app, ctx.orgId, gate);
  return app.db.transaction(async (tx) => {
    const before = await getSettings(tx, ctx.orgId);
    const row = await repo.upsertSettings(tx, ctx.orgId, {
      protectedLabels: input.protectedLabels,
      requiredApprovals: input.requiredApprovals,
      evaluationGate: gate as Record<string, unknown> | null,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'review.settings_updated',
      resourceType: 'organization',
      resourceId: ctx.orgId,
      details: {
        protectedLabels: { from: before.protectedLabels, to: row.protectedLabels },
        requiredApprovals: { from: before.requiredApprovals, to: row.requiredApprovals },
        evaluationGate: gate ? { datasetId: gate.datasetId, thresholds: gate.thresholds } : null,
      },
    });
    return {
      protectedLabels: row.protectedLabels,
      requiredApprovals: row.requiredApprovals,
      evaluationGate: gate,
    };
  });
}

/** The gate's dataset exists here and each threshold names a score its evaluators write. */
async function checkGate(app: AppContext, orgId: string, gate: EvaluationGate): Promise<void> {
  const errors: FieldError[] = [];
  try {
    await getDatasetRow(app.db, orgId, gate.datasetId);
  } catch {
    errors.push({ path: 'evaluationGate.datasetId', message: 'No such dataset in this organization' });
  }
  const keys = new Set(gate.evaluators.flatMap(scoreKeys));
  gate.thresholds.forEach((t, i) => {
    if (!keys.has(t.score))
      errors.push({
        path: `evaluationGate.thresholds[${i}].score`,
        message: `No evaluator writes "${t.score}" (scores: ${[...keys].join(', ')})`,
      });
  });
  if (errors.length) throw validationFailed(errors);
}

// ---------------------------------------------------------------------------------------------
// Reading

const person = (id: string | null, email: string | null) => ({ id, email });

/** The gate's state, from the evaluation it started (read through the evaluations service). */
async function gateOf(app: AppContext, ctx: OrgContext, row: repo.ReviewRow): Promise<ReviewGate | null> {
  const gate = row.gate as GateSnapshot | null;
  if (!gate) return null;
  const thresholds = (actual: (score: string) => number | null) =>
    gate.thresholds.map((t) => {
      const value = actual(t.score);
      return {
        score: t.score,
        min: t.min ?? null,
        max: t.max ?? null,
        actual: value,
        passed:
          value === null
            ? null
            : (t.min === undefined || value >= t.min) && (t.max === undefined || value <= t.max),
      };
    });
  if (!row.evaluationId)
    return {
      evaluationId: null,
      status: gate.startError ? 'failed' : 'pending',
      thresholds: thresholds(() => null),
      detail: gate.startError ? `The evaluation could not start: ${gate.startError}` : null,
    };
  let evaluation: Evaluation;
  try {
    evaluation = await getEvaluation(app, ctx, row.evaluationId);
  } catch {
    return {
      evaluationId: null,
      status: 'failed',
      thresholds: thresholds(() => null),
      detail: 'The evaluation was deleted',
    };
  }
  const means = evaluation.summary?.find((v) => v.variant === 0)?.metrics ?? {};
  const results = thresholds((score) => means[score]?.mean ?? null);
  if (evaluation.status === 'queued' || evaluation.status === 'running')
    return { evaluationId: evaluation.id, status: 'running', thresholds: results, detail: null };
  if (evaluation.status !== 'succeeded')
    return {
      evaluationId: evaluation.id,
      status: 'failed',
      thresholds: results,
      detail: `The evaluation ${evaluation.status}${evaluation.error ? `: ${evaluation.error}` : ''}`,
    };
  const failing = results.filter((t) => t.passed !== true);
  return {
    evaluationId: evaluation.id,
    status: failing.length === 0 ? 'passed' : 'failed',
    thresholds: results,
    detail: failing.length === 0 ? null : `Below threshold: ${failing.map((t) => t.score).join(', ')}`,
  };
}

async function toSummary(
  app: AppContext,
  ctx: OrgContext,
  row: repo.ReviewRow,
  activity: repo.ActivityRow[],
): Promise<ReviewSummary> {
  const gate = await gateOf(app, ctx, row);
  const approvals = activity
    .filter((a) => a.kind === 'approved')
    .map((a) => ({
      user: person(a.userId, a.userEmail),
      comment: a.body,
      createdAt: a.createdAt.toISOString(),
    }));
  return {
    id: row.id,
    promptId: row.promptId,
    promptName: row.promptName,
    version: row.version,
    label: row.label,
    baseVersion: row.baseVersion,
    description: row.description,
    status: row.status,
    author: { ...person(row.authorId, row.authorEmail), apiKeyName: row.authorApiKeyName },
    requiredApprovals: row.requiredApprovals,
    approvals,
    gate,
    mergeable:
      row.status === 'open' &&
      approvals.length >= row.requiredApprovals &&
      (gate === null || gate.status === 'passed'),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

export async function getReview(app: AppContext, ctx: OrgContext, id: string): Promise<Review> {
  const row = await repo.findReview(app.db, ctx.orgId, id);
  if (!row) throw notFound('Review');
  const activity = await repo.listActivity(app.db, [row.id]);
  return {
    ...(await toSummary(app, ctx, row, activity)),
    activity: activity.map((a) => ({
      id: a.id,
      kind: a.kind,
      author: person(a.userId, a.userEmail),
      body: a.body,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export async function listReviews(
  app: AppContext,
  ctx: OrgContext,
  query: z.output<typeof ReviewListQuery>,
): Promise<{ items: ReviewSummary[]; nextCursor: string | null }> {
  const rows = await repo.listReviews(app.db, ctx.orgId, {
    status: query.status,
    promptName: query.promptName,
    before: decodeTimeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const activity = await repo.listActivity(
    app.db,
    page.map((r) => r.id),
  );
  const items: ReviewSummary[] = [];
  for (const row of page)
    items.push(
      await toSummary(
        app,
        ctx,
        row,
        activity.filter((a) => a.reviewId === row.id),
      ),
    );
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Changing

/** Approving, rejecting and commenting are people's decisions: an API key gets 403. */
function requireUser(ctx: OrgContext, action: string): { id: string; email: string } {
  if (ctx.actor.type !== 'user')
    throw forbidden(`Only a signed-in person can ${action} a review, not an API key`);
  return ctx.actor;
}

function eventPayload(row: repo.ReviewRow, status: Review['status'], ctx: OrgContext) {
  const actor = ctx.actor.type === 'user' ? person(ctx.actor.id, ctx.actor.email) : person(null, null);
  return {
    reviewId: row.id,
    promptId: row.promptId,
    promptName: row.promptName,
    version: row.version,
    label: row.label,
    status,
    actor,
  };
}

async function lockOpen(tx: Executor, ctx: OrgContext, id: string): Promise<repo.ReviewRow> {
  const row = await repo.findReview(tx, ctx.orgId, id, { forUpdate: true });
  if (!row) throw notFound('Review');
  if (row.status !== 'open')
    throw conflict(`This review is ${row.status}`, [{ path: 'status', message: row.status }]);
  return row;
}

async function audit(tx: Executor, ctx: OrgContext, row: repo.ReviewRow, action: string, extra = {}) {
  await recordAudit(tx, ctx, {
    orgId: ctx.orgId,
    action,
    resourceType: 'review',
    resourceId: row.id,
    details: { name: row.promptName, version: row.version, label: row.label, ...extra },
  });
}

/** Moves the label and closes the review as merged, in the caller's transaction. */
async function mergeIn(tx: Executor, ctx: OrgContext, row: repo.ReviewRow): Promise<void> {
  const moved = await moveLabelIn(tx, ctx, row.promptName, row.label, row.version, { mergingReview: row.id });
  await repo.updateReview(tx, ctx.orgId, row.id, { status: 'merged', closedAt: new Date() });
  const user = ctx.actor.type === 'user' ? ctx.actor : null;
  await repo.insertActivity(tx, {
    reviewId: row.id,
    kind: 'merged',
    userId: user?.id ?? null,
    userEmail: user?.email ?? null,
    body: `${row.label}: ${moved.previousVersion ?? 'none'} → ${row.version}`,
  });
  await emitEvent(tx, { orgId: ctx.orgId, type: 'review.merged', payload: eventPayload(row, 'merged', ctx) });
  await audit(tx, ctx, row, 'review.merged', { from: moved.previousVersion });
}

export async function openReview(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  input: { version: number; label: string; description?: string | undefined },
): Promise<Review> {
  const resolved = await resolvePromptSelectors(app.db, ctx.orgId, name, [
    { version: input.version },
    { label: input.label },
  ]);
  if (!resolved) throw notFound('Prompt');
  if (!resolved.versions[0])
    throw validationFailed([
      {
        path: 'version',
        message: `Version ${input.version} does not exist (latest is ${resolved.latestVersion})`,
      },
    ]);
  const current = resolved.versions[1]?.version ?? null;
  if (current === input.version)
    throw conflict(`"${input.label}" already points at version ${input.version}`, [
      { path: 'version', message: 'Already there' },
    ]);
  const settings = await getSettings(app.db, ctx.orgId);
  const id = await app.db.transaction(async (tx) => {
    const user = ctx.actor.type === 'user' ? ctx.actor : null;
    const created = await repo.insertReview(tx, {
      orgId: ctx.orgId,
      promptId: resolved.promptId,
      version: input.version,
      label: input.label,
      baseVersion: current,
      description: input.description ?? null,
      authorId: user?.id ?? null,
      authorEmail: user?.email ?? null,
      authorApiKeyName: ctx.actor.type === 'api_key' ? ctx.actor.name : null,
      requiredApprovals: settings.requiredApprovals,
      gate: settings.evaluationGate as Record<string, unknown> | null,
    });
    if (!created)
      throw conflict(`A review of version ${input.version} → ${input.label} is already open`, [
        { path: 'version', message: 'Already in review' },
      ]);
    const row = (await repo.findReview(tx, ctx.orgId, created))!;
    await repo.insertActivity(tx, {
      reviewId: created,
      kind: 'opened',
      userId: user?.id ?? null,
      userEmail: user?.email ?? null,
      body: input.description ?? null,
    });
    await emitEvent(tx, { orgId: ctx.orgId, type: 'review.opened', payload: eventPayload(row, 'open', ctx) });
    await audit(tx, ctx, row, 'review.opened', { baseVersion: current });
    return created;
  });
  if (settings.evaluationGate) await startGate(app, ctx, id);
  return getReview(app, ctx, id);
}

/**
 * Starts the review's gate evaluation (after the review committed: an evaluation is its own
 * transaction and durable job). A failure to start is shown on the review; re-requesting it retries.
 */
async function startGate(app: AppContext, ctx: OrgContext, id: string): Promise<void> {
  const row = await repo.findReview(app.db, ctx.orgId, id);
  const gate = row?.gate as GateSnapshot | null | undefined;
  if (!row || !gate) return;
  const { startError: _previous, ...snapshot } = gate;
  try {
    const evaluation = await createEvaluation(
      app,
      ctx,
      CreateEvaluationRequest.parse({
        name: `Review gate: ${row.promptName} v${row.version} → ${row.label}`,
        datasetId: snapshot.datasetId,
        variants: [
          {
            name: `v${row.version}`,
            prompt: { name: row.promptName, version: row.version },
            ...(snapshot.modelId ? { modelId: snapshot.modelId } : {}),
          },
        ],
        evaluators: snapshot.evaluators,
        ...(snapshot.maxCostUsd !== undefined ? { maxCostUsd: snapshot.maxCostUsd } : {}),
      }),
    );
    await repo.updateReview(app.db, ctx.orgId, id, { evaluationId: evaluation.id, gate: snapshot });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason =
      err.extra.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') ?? err.detail ?? err.title;
    await repo.updateReview(app.db, ctx.orgId, id, {
      evaluationId: null,
      gate: { ...snapshot, startError: reason },
    });
  }
}

export async function approveReview(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  comment: string | undefined,
): Promise<Review> {
  const user = requireUser(ctx, 'approve');
  const current = await repo.findReview(app.db, ctx.orgId, id);
  if (!current) throw notFound('Review');
  // A finished evaluation's outcome never changes, so it can be read before the transaction.
  const gate = await gateOf(app, ctx, current);
  await app.db.transaction(async (tx) => {
    const row = await lockOpen(tx, ctx, id);
    if (row.authorId === user.id) throw forbidden('The author of a review cannot approve it');
    const added = await repo.insertActivity(tx, {
      reviewId: id,
      kind: 'approved',
      userId: user.id,
      userEmail: user.email,
      body: comment ?? null,
    });
    if (!added) throw conflict('You have already approved this review');
    await audit(tx, ctx, row, 'review.approved');
    const approvals = await repo.countApprovals(tx, id);
    if (approvals >= row.requiredApprovals && (gate === null || gate.status === 'passed'))
      await mergeIn(tx, ctx, row);
  });
  return getReview(app, ctx, id);
}

/**
 * When a gate evaluation finishes, merges the open reviews it gates that already have their
 * approvals (as the system: the people approved earlier). Each process hears the event; the
 * review row lock lets one of them merge and the others find it merged.
 */
export async function mergeAfterGate(app: AppContext, orgId: string, evaluationId: string): Promise<number> {
  const ctx: OrgContext = { orgId, role: 'admin', actor: { type: 'system' }, ip: null, userAgent: null };
  let merged = 0;
  for (const row of await repo.listOpenByEvaluation(app.db, orgId, evaluationId)) {
    if ((await gateOf(app, ctx, row))?.status !== 'passed') continue;
    await app.db.transaction(async (tx) => {
      const locked = await repo.findReview(tx, orgId, row.id, { forUpdate: true });
      if (locked?.status !== 'open' || (await repo.countApprovals(tx, row.id)) < locked.requiredApprovals)
        return;
      await mergeIn(tx, ctx, locked);
      merged++;
    });
  }
  return merged;
}

/** Merges an approved review whose gate has passed since the last approval. */
export async function mergeReview(app: AppContext, ctx: OrgContext, id: string): Promise<Review> {
  const review = await getReview(app, ctx, id);
  if (review.status === 'open' && !review.mergeable) {
    const missing = review.requiredApprovals - review.approvals.length;
    throw conflict(
      missing > 0
        ? `${missing} more approval${missing === 1 ? '' : 's'} needed`
        : `The evaluation gate has not passed (${review.gate?.status})`,
    );
  }
  await app.db.transaction(async (tx) => {
    const row = await lockOpen(tx, ctx, id);
    if ((await repo.countApprovals(tx, id)) < row.requiredApprovals) throw conflict('Approvals are missing');
    await mergeIn(tx, ctx, row);
  });
  return getReview(app, ctx, id);
}

export async function rejectReview(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  comment: string | undefined,
): Promise<Review> {
  const user = requireUser(ctx, 'reject');
  await app.db.transaction(async (tx) => {
    const row = await lockOpen(tx, ctx, id);
    if (row.authorId === user.id)
      throw forbidden('The author of a review cannot reject it; close it instead');
    await repo.insertActivity(tx, {
      reviewId: id,
      kind: 'rejected',
      userId: user.id,
      userEmail: user.email,
      body: comment ?? null,
    });
    await repo.updateReview(tx, ctx.orgId, id, { status: 'rejected', closedAt: new Date() });
    await emitEvent(tx, {
      orgId: ctx.orgId,
      type: 'review.rejected',
      payload: eventPayload(row, 'rejected', ctx),
    });
    await audit(tx, ctx, row, 'review.rejected');
  });
  return getReview(app, ctx, id);
}

export async function commentOnReview(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  body: string,
): Promise<Review> {
  const user = requireUser(ctx, 'comment on');
  await app.db.transaction(async (tx) => {
    const row = await repo.findReview(tx, ctx.orgId, id);
    if (!row) throw notFound('Review');
    await repo.insertActivity(tx, {
      reviewId: id,
      kind: 'commented',
      userId: user.id,
      userEmail: user.email,
      body,
    });
    await audit(tx, ctx, row, 'review.commented');
  });
  return getReview(app, ctx, id);
}

/** Only the author or an admin closes a review without merging it. */
export async function closeReview(app: AppContext, ctx: OrgContext, id: string): Promise<Review> {
  await app.db.transaction(async (tx) => {
    const row = await lockOpen(tx, ctx, id);
    const isAuthor = ctx.actor.type === 'user' && row.authorId === ctx.actor.id;
    if (!isAuthor && ctx.role !== 'admin') throw forbidden('Only the author or an admin can close a review');
    const user = ctx.actor.type === 'user' ? ctx.actor : null;
    await repo.insertActivity(tx, {
      reviewId: id,
      kind: 'closed',
      userId: user?.id ?? null,
      userEmail: user?.email ?? null,
      body: null,
    });
    await repo.updateReview(tx, ctx.orgId, id, { status: 'closed', closedAt: new Date() });
    await audit(tx, ctx, row, 'review.closed');
  });
  return getReview(app, ctx, id);
}

/**
 * Opens a rejected or closed review again (approvals given before stay: the version is
 * immutable). A gate that failed or never started runs again.
 */
export async function rerequestReview(app: AppContext, ctx: OrgContext, id: string): Promise<Review> {
  const before = await getReview(app, ctx, id);
  await app.db.transaction(async (tx) => {
    const row = await repo.findReview(tx, ctx.orgId, id, { forUpdate: true });
    if (!row) throw notFound('Review');
    if (row.status === 'merged') throw conflict('This review is merged');
    if (row.status === 'open' && before.gate?.status !== 'failed')
      throw conflict('This review is open; a gate that failed is the only thing to run again');
    if (row.status !== 'open') {
      const taken = await repo.listReviews(tx, ctx.orgId, {
        status: 'open',
        promptName: row.promptName,
        limit: 200,
      });
      if (taken.some((r) => r.label === row.label && r.version === row.version))
        throw conflict(`Another review of version ${row.version} → ${row.label} is open`);
      await repo.updateReview(tx, ctx.orgId, id, { status: 'open', closedAt: null });
    }
    const user = ctx.actor.type === 'user' ? ctx.actor : null;
    await repo.insertActivity(tx, {
      reviewId: id,
      kind: 'rerequested',
      userId: user?.id ?? null,
      userEmail: user?.email ?? null,
      body: null,
    });
    await emitEvent(tx, { orgId: ctx.orgId, type: 'review.opened', payload: eventPayload(row, 'open', ctx) });
    await audit(tx, ctx, row, 'review.rerequested');
  });
  if (before.gate && before.gate.status === 'failed') await startGate(app, ctx, id);
  return getReview(app, ctx, id);
}
