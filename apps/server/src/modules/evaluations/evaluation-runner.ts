import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ChatMessage, Evaluator, EvaluationVariant } from '@promptops/contracts';
import {
  createLocalEmbedder,
  embeddingCacheKey,
  LruEmbeddingCache,
  withEmbeddingCache,
  type Embedder,
} from '@promptops/metrics';
import type { AppContext } from '../../platform/app-context.js';
import type { Actor } from '../../platform/context.js';
import { addDecimals, costUsd as callCost, normalizeDecimal } from '../../platform/decimal.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import type { JobContext } from '../../platform/jobs/index.js';
import { admitWhenAllowed, callLlm, resolveTarget, type CallTarget } from '../executions/gateway.service.js';
import type { resolvePromptVersion } from '../prompts/prompts.service.js';
import { resolveComposedVersion } from '../prompts/composition.js';
import { renderMessages, renderTemplate } from '../prompts/template.js';
import * as repo from './evaluations.repository.js';
import { emitEvaluationFinished } from './finished-event.js';
import {
  lowerIsBetter,
  prepareEvaluators,
  type EvaluatorDeps,
  type JudgeCall,
  type ScoringInput,
} from './evaluators.js';
import { compareVariants, summarizeVariant, type ScoredResult } from './summary.js';

/** Attempts of an evaluation job (a killed worker's attempt counts). */
export const EVALUATION_ATTEMPTS = 3;

/** How often a running evaluation checks whether it was cancelled. */
const CANCEL_CHECK_MS = 250;

/** Items read from the dataset at a time. */
const ITEM_PAGE = 500;

/** A counting semaphore: at most `limit` holders at once, FIFO. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiting.indexOf(grant);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal!.reason as Error);
        };
        this.waiting.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/** Per worker process: evaluation calls in flight to one provider, over all evaluations. */
const providerSlots = new Map<string, Semaphore>();
function providerSlot(app: AppContext, providerId: string): Semaphore {
  let slot = providerSlots.get(providerId);
  if (!slot)
    providerSlots.set(providerId, (slot = new Semaphore(app.config.EVALUATION_PROVIDER_CONCURRENCY)));
  return slot;
}

/** Where the local sentence-transformers models live; evaluators name a directory under it. */
export function embeddingModelsDir(app: AppContext): string {
  return resolve(app.config.EMBEDDING_MODELS_DIR ?? join(app.config.PROMPTOPS_DATA_DIR, 'models'));
}

/** The directory of a named local model, refusing names that leave the models directory. */
export function localModelPath(app: AppContext, name: string): string | null {
  const root = embeddingModelsDir(app);
  const path = resolve(root, name);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return existsSync(join(path, 'config.json')) ? path : null;
}

const embedders = new Map<string, Promise<Embedder>>();
function localEmbedder(app: AppContext, name: string): Promise<Embedder> {
  let embedder = embedders.get(name);
  if (!embedder) {
    const path = localModelPath(app, name);
    embedder = path
      ? Promise.resolve(
          withEmbeddingCache(
            createLocalEmbedder({ model: path, allowRemoteModels: false }),
            new LruEmbeddingCache(20_000),
          ),
        )
      : Promise.reject(new Error(`No local embedding model "${name}" in the models directory`));
    embedders.set(name, embedder);
  }
  return embedder;
}

function describe(err: unknown): string {
  if (err instanceof AppError) {
    const fields = err.extra.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return fields || err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

interface PreparedVariant {
  index: number;
  variant: EvaluationVariant;
  target: CallTarget | null;
  /** Why no call can be made for this variant (its model or prompt is gone). */
  unavailable: string | null;
  render(input: Record<string, unknown>): ChatMessage[];
}

interface ItemResult {
  output: string | null;
  executionId: string | null;
  latencyMs: number | null;
  costUsd: string;
  error: string | null;
  scores: Record<string, number>;
  scoreErrors: Record<string, string>;
}

function actorOf(row: repo.EvaluationRow): Actor {
  if (row.actorType === 'user' && row.actorId) return { type: 'user', id: row.actorId, email: '' };
  if (row.actorType === 'api_key' && row.actorId) return { type: 'api_key', id: row.actorId, name: '' };
  return { type: 'system' };
}

/**
 * Runs an evaluation as a durable job: every (item, variant, repetition) is one job item, stored
 * with its result in one transaction, so a resumed run (a killed worker, a restart) repeats none
 * that finished. Calls go through the gateway (source `evaluation`, the evaluation as parent),
 * at most `concurrency` at once and at most EVALUATION_PROVIDER_CONCURRENCY per provider; a call
 * refused by a model's rate limit waits for the window instead of failing. No call starts once
 * the cost so far (plus what calls in flight are expected to cost) reaches `maxCostUsd`.
 */
export async function runEvaluation(ctx: JobContext<{ evaluationId: string }>): Promise<void> {
  const { app, signal } = ctx;
  const row = await repo.findForRun(app.db, ctx.payload.evaluationId);
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  if (!(await repo.markRunning(app.db, row.id))) return;
  try {
    await runItems(ctx, row);
  } catch (err) {
    if (signal.aborted) {
      // Cancelled: the results that finished stay, and the summary covers them.
      if (await isCancelled(app, row.id)) await refreshSummary(app, row);
      throw err;
    }
    if (ctx.job.attempt >= EVALUATION_ATTEMPTS) await finishWith(app, row, 'failed', describe(err));
    throw err;
  }
}

async function isCancelled(app: AppContext, id: string): Promise<boolean> {
  return (await repo.findForRun(app.db, id))?.status === 'cancelled';
}

async function runItems(ctx: JobContext<{ evaluationId: string }>, row: repo.EvaluationRow): Promise<void> {
  const { app, signal } = ctx;
  const variants = row.variants as unknown as EvaluationVariant[];
  const evaluators = row.evaluators as unknown as Evaluator[];
  const actor = actorOf(row);
  const itemCount = await repo.countItemsAtVersion(app.db, row.datasetId, row.datasetVersion);
  const total = itemCount * variants.length * row.repetitions;
  await repo.setTotal(app.db, row.id, total);
  await ctx.setTotal(total);
  const stored = await repo.storedResultKeys(app.db, row.id);

  const prepared = await Promise.all(variants.map((v, i) => prepareVariant(app, row.orgId, v, i)));
  const judge = judgeCaller(app, row, actor);
  const scorers = prepareEvaluators(evaluators, {
    judge,
    embed: embeddings(app, row.orgId),
  });

  // Cost so far (exact, from the database) and what calls in flight are expected to add.
  const cap = row.maxCostUsd === null ? null : Number(row.maxCostUsd);
  let spent = Number(row.costUsd);
  let finished = 0;
  let inFlight = 0;
  let capReached = false;
  const expectedCallCost = () => (finished === 0 ? 0 : spent / finished);

  // A cancel is seen here within CANCEL_CHECK_MS (the job's own signal follows at its next heartbeat).
  const stop = new AbortController();
  const runSignal = AbortSignal.any([signal, stop.signal]);
  const watch = setInterval(() => {
    void repo
      .statusOf(app.db, row.id)
      .then((status) => {
        if (status === 'cancelled') stop.abort(new Error('The evaluation was cancelled'));
      })
      .catch(() => undefined);
  }, CANCEL_CHECK_MS);
  watch.unref();

  const slots = new Semaphore(row.concurrency);
  const running = new Set<Promise<void>>();
  let failure: unknown;

  const runOne = async (
    item: repo.ItemRow,
    variant: PreparedVariant,
    repetition: number,
    releaseSlot: () => void,
  ) => {
    const key = `${item.position}:${variant.index}:${repetition}`;
    const outcome = await ctx.item<ItemResult>(
      key,
      // The job's signal, or the cancel seen by the watcher. One combined signal for the whole run:
      // a combined signal per item would stay attached to the long-lived sources.
      async () => {
        const result = await evaluateItem(app, row, actor, item, variant, scorers, runSignal);
        if (runSignal.aborted) throw runSignal.reason;
        // The call is over: the next one may start while this result is being stored.
        releaseSlot();
        return result;
      },
      {
        // `stored` (read when this attempt started) already excludes finished items.
        knownUnfinished: true,
        record: (tx, r) =>
          repo.insertResult(tx, {
            evaluationId: row.id,
            orgId: row.orgId,
            itemId: item.itemId,
            itemPosition: item.position,
            variant: variant.index,
            repetition,
            executionId: r.executionId,
            output: r.output,
            scores: r.scores,
            scoreErrors: r.scoreErrors,
            latencyMs: r.latencyMs,
            costUsd: r.costUsd,
            error: r.error,
          }),
      },
    );
    if (outcome.status === 'done') {
      spent += Number(outcome.result.costUsd);
      finished++;
    }
  };

  try {
    await schedule().catch((err: unknown) => {
      if (!stop.signal.aborted) throw err;
    });
  } finally {
    await Promise.allSettled(running);
    clearInterval(watch);
  }
  if (signal.aborted) throw signal.reason;
  if (stop.signal.aborted) {
    // Cancelled: what finished stays, and the summary covers it.
    await refreshSummary(app, row);
    return;
  }
  if (failure !== undefined) throw failure;
  if (capReached) {
    const fresh = await repo.findForRun(app.db, row.id);
    await finishWith(
      app,
      row,
      'failed',
      `The cost cap of $${normalizeDecimal(row.maxCostUsd!)} was reached ($${normalizeDecimal(fresh?.costUsd ?? String(spent))} spent); no further calls were started`,
    );
    return;
  }
  await finishWith(app, row, 'succeeded', null);

  async function schedule(): Promise<void> {
    outer: for (let after = -1; ;) {
      const items = await repo.itemsAtVersion(app.db, row.datasetId, row.datasetVersion, after, ITEM_PAGE);
      if (items.length === 0) break;
      after = items[items.length - 1]!.position;
      for (const item of items)
        for (let repetition = 0; repetition < row.repetitions; repetition++)
          for (const variant of prepared) {
            if (stored.has(`${item.position}:${variant.index}:${repetition}`)) continue;
            // Results waiting to be stored are bounded too (calls release their slot before it).
            while (running.size >= row.concurrency * 3) await Promise.race(running);
            const release = await slots.acquire(runSignal);
            if (failure !== undefined || stop.signal.aborted) {
              release();
              break outer;
            }
            if (cap !== null && spent + inFlight * expectedCallCost() >= cap) {
              release();
              capReached = true;
              break outer;
            }
            inFlight++;
            const task = runOne(item, variant, repetition, release)
              .catch((err: unknown) => {
                failure ??= err;
              })
              .finally(() => {
                inFlight--;
                release();
                running.delete(task);
              });
            running.add(task);
          }
    }
  }
}

async function prepareVariant(
  app: AppContext,
  orgId: string,
  variant: EvaluationVariant,
  index: number,
): Promise<PreparedVariant> {
  const base = { index, variant };
  try {
    const version = await resolveComposedVersion(app.db, orgId, variant.prompt.name, {
      version: variant.prompt.version,
    });
    const target = await resolveTarget(app, orgId, variant.modelId);
    return {
      ...base,
      target,
      unavailable: null,
      render: (input) =>
        version.messages
          ? renderMessages(version.messages, input as never, version.variables)
          : [
              {
                role: 'user',
                content: renderTemplate(version.template ?? '', input as never, version.variables),
              },
            ],
    };
  } catch (err) {
    return { ...base, target: null, unavailable: describe(err), render: () => [] };
  }
}

async function evaluateItem(
  app: AppContext,
  row: repo.EvaluationRow,
  actor: Actor,
  item: repo.ItemRow,
  variant: PreparedVariant,
  scorers: ReturnType<typeof prepareEvaluators>,
  signal: AbortSignal,
): Promise<ItemResult> {
  const empty = {
    output: null,
    executionId: null,
    latencyMs: null,
    costUsd: '0',
    scores: {},
    scoreErrors: {},
  };
  if (!variant.target) return { ...empty, error: variant.unavailable };
  let messages: ChatMessage[];
  try {
    messages = variant.render(item.input);
  } catch (err) {
    return { ...empty, error: describe(err) };
  }
  const target = variant.target;
  const release = await providerSlot(app, target.provider.id).acquire(signal);
  let execution;
  try {
    const admitted = await admitWhenAllowed(
      app,
      {
        orgId: row.orgId,
        actor,
        source: 'evaluation',
        parent: { type: 'evaluation', id: row.id },
        target,
        messages,
        params: variant.variant.params,
        prompt: {
          name: variant.variant.prompt.name,
          version: variant.variant.prompt.version,
          versionId: variant.variant.promptVersionId,
        },
        variables: item.input,
      },
      signal,
    );
    ({ execution } = await callLlm(app, admitted, { signal }));
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    return { ...empty, error: describe(err) };
  } finally {
    release();
  }
  if (signal.aborted) throw signal.reason;
  const base = {
    output: execution.output,
    executionId: execution.id,
    latencyMs: execution.latencyMs,
    costUsd: execution.costUsd,
  };
  if (execution.status !== 'succeeded')
    return {
      ...base,
      scores: {},
      scoreErrors: {},
      error: execution.error ?? `The call ended ${execution.status}`,
    };
  const scoring: ScoringInput = {
    output: execution.output,
    expected: item.expected,
    input: item.input,
    latencyMs: execution.latencyMs,
    costUsd: execution.costUsd,
    signal,
  };
  const scores: Record<string, number> = {};
  const scoreErrors: Record<string, string> = {};
  let costUsd = execution.costUsd;
  for (const scorer of scorers) {
    try {
      const outcome = await scorer.score(scoring);
      Object.assign(scores, outcome.scores);
      Object.assign(scoreErrors, outcome.errors);
      if (outcome.costUsd) costUsd = addDecimals(costUsd, outcome.costUsd);
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      for (const key of scorer.keys) scoreErrors[key] = describe(err);
    }
  }
  return { ...base, costUsd, scores, scoreErrors, error: null };
}

/** LLM-as-judge through the gateway: the judge prompt gets `input` (JSON), `output`, `expected`. */
function judgeCaller(app: AppContext, row: repo.EvaluationRow, actor: Actor): JudgeCall {
  const judges = new Map<
    Evaluator,
    Promise<{ target: CallTarget; version: Awaited<ReturnType<typeof resolvePromptVersion>> }>
  >();
  return async (evaluator, input) => {
    let judge = judges.get(evaluator);
    if (!judge) {
      judge = (async () => ({
        version: await resolveComposedVersion(
          app.db,
          row.orgId,
          evaluator.config.prompt.name,
          evaluator.config.prompt,
        ),
        target: await resolveTarget(app, row.orgId, evaluator.config.modelId),
      }))();
      judges.set(evaluator, judge);
    }
    const { version, target } = await judge;
    const variables = {
      input: JSON.stringify(input.input),
      output: input.output,
      expected: input.expected ?? '',
    };
    const messages = version.messages
      ? renderMessages(version.messages, variables, version.variables)
      : [
          {
            role: 'user' as const,
            content: renderTemplate(version.template ?? '', variables, version.variables),
          },
        ];
    const release = await providerSlot(app, target.provider.id).acquire(input.signal);
    try {
      const admitted = await admitWhenAllowed(
        app,
        {
          orgId: row.orgId,
          actor,
          source: 'evaluation',
          parent: { type: 'evaluation', id: row.id },
          target,
          messages,
          params: version.params,
          prompt: { name: version.name, version: version.version, versionId: version.id },
          variables,
        },
        input.signal,
      );
      const { execution } = await callLlm(app, admitted, { signal: input.signal });
      if (execution.status !== 'succeeded')
        return { reply: '', costUsd: execution.costUsd, error: execution.error ?? execution.status };
      return { reply: execution.output, costUsd: execution.costUsd };
    } finally {
      release();
    }
  };
}

/** Summary and comparisons from every stored result. */
export async function computeSummary(
  app: AppContext,
  row: Pick<repo.EvaluationRow, 'id' | 'datasetId' | 'datasetVersion' | 'variants' | 'evaluators'>,
): Promise<{ summary: Record<string, unknown>[]; comparisons: Record<string, unknown>[] }> {
  const evaluators = row.evaluators as unknown as Evaluator[];
  const expected = await repo.expectedByItem(app.db, row.datasetId, row.datasetVersion);
  const byVariant: ScoredResult[][] = [];
  for (let v = 0; v < row.variants.length; v++) byVariant.push(await repo.scoresOfVariant(app.db, row.id, v));
  const summary = byVariant.map((results, v) => summarizeVariant(v, results, evaluators, expected));
  const comparisons = compareVariants(byVariant, lowerIsBetter(evaluators));
  return {
    summary: summary as unknown as Record<string, unknown>[],
    comparisons: comparisons as unknown as Record<string, unknown>[],
  };
}

async function finishWith(
  app: AppContext,
  row: repo.EvaluationRow,
  status: 'succeeded' | 'failed',
  error: string | null,
): Promise<void> {
  const { summary, comparisons } = await computeSummary(app, row);
  await app.db.transaction(async (tx) => {
    if (await repo.finish(tx, row.id, { status, error, summary, comparisons }))
      await emitEvaluationFinished(tx, row, status, summary);
  });
}

export async function refreshSummary(app: AppContext, row: repo.EvaluationRow): Promise<void> {
  const { summary, comparisons } = await computeSummary(app, row);
  await repo.saveSummary(app.db, row.id, summary, comparisons);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A semantic-similarity evaluator must name a model that exists (checked when the run is created):
 * a local model directory, or a model of the organization whose provider has an embeddings API.
 */
export async function checkEmbedders(
  app: AppContext,
  orgId: string,
  evaluators: readonly Evaluator[],
): Promise<void> {
  const errors: { path: string; message: string }[] = [];
  for (const [i, e] of evaluators.entries()) {
    if (e.type !== 'semantic-similarity') continue;
    const path = `evaluators.${i}.config.embedder`;
    if (UUID.test(e.config.embedder)) {
      try {
        const target = await resolveTarget(app, orgId, e.config.embedder, path);
        if (!target.client.embed)
          errors.push({ path, message: `${target.provider.type} providers have no embeddings API here` });
      } catch (err) {
        errors.push({
          path,
          message: err instanceof AppError ? describe(err).replace(`${path}: `, '') : String(err),
        });
      }
    } else if (!localModelPath(app, e.config.embedder))
      errors.push({
        path,
        message: 'No such local embedding model (a directory under the models directory) or model id',
      });
  }
  if (errors.length) throw validationFailed(errors);
}

/**
 * Embeddings for semantic similarity: a local sentence-transformers model (in this process, free),
 * or an embeddings model of the organization called through its provider (cost from its input
 * price). Vectors are cached per model and text.
 */
function embeddings(app: AppContext, orgId: string): EvaluatorDeps['embed'] {
  const remote = new Map<string, Promise<{ target: CallTarget; cache: LruEmbeddingCache }>>();
  return async (name, texts, signal) => {
    if (!UUID.test(name)) {
      const embedder = await localEmbedder(app, name);
      return { vectors: await embedder.embed(texts), costUsd: '0' };
    }
    let entry = remote.get(name);
    if (!entry) {
      entry = resolveTarget(app, orgId, name).then((target) => ({
        target,
        cache: new LruEmbeddingCache(20_000),
      }));
      remote.set(name, entry);
    }
    const { target, cache } = await entry;
    const keys = texts.map((t) => embeddingCacheKey(name, t));
    const missing = texts.filter((_, i) => cache.get(keys[i]!) === undefined);
    let costUsd = '0';
    if (missing.length > 0) {
      if (!target.client.embed)
        throw new Error(`${target.provider.type} providers have no embeddings API here`);
      // A signal of its own per call: the SDK never detaches what it attaches to the run's signal.
      const call = new AbortController();
      const onAbort = () => call.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      const { vectors, inputTokens } = await target.client
        .embed(target.model.name, missing, call.signal)
        .finally(() => signal.removeEventListener('abort', onAbort));
      missing.forEach((t, i) => cache.set(embeddingCacheKey(name, t), vectors[i]!));
      costUsd = callCost(inputTokens, 0, target.model.inputPricePerMTok, target.model.outputPricePerMTok);
    }
    return { vectors: keys.map((k) => cache.get(k)!), costUsd };
  };
}
