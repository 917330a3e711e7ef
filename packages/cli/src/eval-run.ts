import { unwrap, type Schemas } from '@promptops/client';
import type { Connection } from './connection.js';
import { CliError, EXIT, toCliError, usageError, type ExitCode } from './errors.js';
import type { EvaluatorSpec, Gate, PromptRef } from './eval-options.js';
import { checkGates, failedGateLines, formatSummary, unmatchedGates } from './eval-report.js';
import type { Output } from './output.js';

type Evaluation = Schemas['Evaluation'];
type Model = Schemas['Model'];

export interface EvalRunInput {
  dataset: string;
  prompts: { text: string; ref: PromptRef }[];
  model?: string | undefined;
  evaluators: EvaluatorSpec[];
  gates: Gate[];
  name?: string | undefined;
  repetitions?: number | undefined;
  maxCostUsd?: string | undefined;
  json: boolean;
}

/** Plain progress lines (CI logs) at most this often; a terminal redraws on every change. */
const PLAIN_PROGRESS_EVERY_MS = 5_000;
/** Polling interval when the event stream is unavailable (a proxy that buffers SSE). */
const POLL_MS = 1_000;

const ended = (e: Evaluation) => e.status !== 'queued' && e.status !== 'running';

async function findDataset(conn: Connection, name: string): Promise<string> {
  const { items } = await unwrap(
    conn.client.GET('/api/v1/orgs/{orgId}/datasets', {
      params: { path: { orgId: conn.orgId }, query: { search: name, limit: 200 } },
    }),
  ).catch((err: unknown) => {
    throw toCliError(err, 'Finding the dataset');
  });
  const matches = items.filter((d) => d.name === name);
  if (matches.length === 0) throw usageError(`--dataset: no dataset named "${name}" in ${conn.orgName}.`);
  if (matches.length > 1)
    throw usageError(`--dataset: ${matches.length} datasets are named "${name}"; rename one.`);
  return matches[0]!.id;
}

/** A model by its name (`gpt-4o-mini`), or `provider/name` when several providers serve it. */
function pickModel(models: Model[], wanted: string, flag: string): string {
  const exact = models.filter((m) => m.name === wanted);
  const chosen = exact.length > 0 ? exact : models.filter((m) => `${m.providerName}/${m.name}` === wanted);
  if (chosen.length === 1) return chosen[0]!.id;
  if (chosen.length === 0) throw usageError(`${flag}: no model named "${wanted}".`);
  throw usageError(
    `${flag}: "${wanted}" is served by ${chosen.length} providers; say which: ${chosen.map((m) => `${m.providerName}/${m.name}`).join(', ')}.`,
  );
}

async function listModels(conn: Connection): Promise<Model[]> {
  const { items } = await unwrap(
    conn.client.GET('/api/v1/orgs/{orgId}/models', { params: { path: { orgId: conn.orgId } } }),
  ).catch((err: unknown) => {
    throw toCliError(err, 'Reading the models');
  });
  return items;
}

/** A gate naming a variant that is not among the --prompt values: refused before anything runs. */
export function assertGateVariants(input: Pick<EvalRunInput, 'prompts' | 'gates'>): void {
  const variantNames = input.prompts.map((p) => p.text);
  const unknown = unmatchedGates(variantNames, input.gates);
  if (unknown.length > 0)
    throw usageError(
      `No variant named ${unknown.map((g) => `"${g.variant}"`).join(', ')} (variants: ${variantNames.map((v, i) => `${i} "${v}"`).join(', ')}).`,
    );
}

/**
 * Starts an evaluation, follows it to the end and reports it. The exit code is the CI gate:
 * 1 when the evaluation did not succeed or a --min/--max threshold failed, 0 otherwise.
 */
export async function runEvaluation(conn: Connection, input: EvalRunInput, out: Output): Promise<ExitCode> {
  const datasetId = await findDataset(conn, input.dataset);
  const needsModels = input.model !== undefined || input.evaluators.some((e) => e.judgeModel !== undefined);
  const models = needsModels ? await listModels(conn) : [];
  const modelId = input.model !== undefined ? pickModel(models, input.model, '--model') : undefined;
  const evaluators = input.evaluators.map((spec, i) => {
    if (spec.judgeModel === undefined) return spec.evaluator;
    const judge = pickModel(models, spec.judgeModel, `--evaluator #${i + 1} model`);
    return { ...spec.evaluator, config: { ...(spec.evaluator.config as object), modelId: judge } };
  });
  const body = {
    ...(input.name ? { name: input.name } : {}),
    datasetId,
    variants: input.prompts.map((p) => ({
      name: p.text,
      prompt: p.ref,
      ...(modelId ? { modelId } : {}),
    })),
    evaluators: evaluators as Schemas['Evaluator'][],
    ...(input.repetitions ? { repetitions: input.repetitions } : {}),
    ...(input.maxCostUsd ? { maxCostUsd: input.maxCostUsd } : {}),
  };
  let evaluation: Evaluation;
  try {
    const created = await unwrap(
      conn.client.POST('/api/v1/orgs/{orgId}/evaluations', { params: { path: { orgId: conn.orgId } }, body }),
    );
    evaluation = created.evaluation as Evaluation;
  } catch (err) {
    throw toCliError(err, 'Starting the evaluation');
  }
  const url = `${conn.baseUrl}/orgs/${conn.orgId}/evaluations/${evaluation.id}`;
  // On stderr even with --json: a CI log (or a PR comment) can link to the run from it.
  out.error(`Started evaluation ${evaluation.id}: ${url}`);
  const showProgress = !input.json || out.interactive;
  evaluation = await follow(conn, evaluation, showProgress ? out : undefined);

  const gates = checkGates(evaluation, input.gates);
  if (input.json) out.line(JSON.stringify(evaluation, null, 2));
  else for (const line of formatSummary(evaluation, url, gates)) out.line(line);

  if (evaluation.status !== 'succeeded') {
    out.error(`The evaluation ${evaluation.status}${evaluation.error ? `: ${evaluation.error}` : ''}.`);
    return EXIT.failed;
  }
  const failed = failedGateLines(gates);
  for (const line of failed) out.error(line);
  return failed.length > 0 ? EXIT.failed : EXIT.ok;
}

function progressText(p: { done: number; failed: number; total: number; costUsd: string }): string {
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  return `progress ${p.done}/${p.total} (${pct}%), ${p.failed} failed, $${p.costUsd}`;
}

/** Follows the evaluation's event stream to its `done` event; polls if the stream breaks off. */
async function follow(conn: Connection, started: Evaluation, out: Output | undefined): Promise<Evaluation> {
  let lastPlain = 0;
  let lastText = '';
  const report = (p: { done: number; failed: number; total: number; costUsd: string }, force = false) => {
    if (!out) return;
    const text = progressText(p);
    if (text === lastText) return;
    const now = Date.now();
    if (!out.interactive && !force && now - lastPlain < PLAIN_PROGRESS_EVERY_MS) return;
    lastText = text;
    lastPlain = now;
    out.progress(text);
  };
  try {
    const done = await streamUntilDone(conn, started.id, report);
    if (done) {
      report({ ...done.progress, costUsd: done.costUsd }, true);
      out?.endProgress();
      return done;
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    // The stream is a convenience; the evaluation itself is read by polling below.
  }
  for (;;) {
    const read = await unwrap(
      conn.client.GET('/api/v1/orgs/{orgId}/evaluations/{id}', {
        params: { path: { orgId: conn.orgId, id: started.id } },
      }),
    ).catch((err: unknown) => {
      throw toCliError(err, 'Reading the evaluation');
    });
    // The generated body types intervals as number[]; the contract fixes them as pairs.
    const evaluation = read.evaluation as Evaluation;
    report({ ...evaluation.progress, costUsd: evaluation.costUsd }, ended(evaluation));
    if (ended(evaluation)) {
      out?.endProgress();
      return evaluation;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function streamUntilDone(
  conn: Connection,
  id: string,
  onProgress: (p: { done: number; failed: number; total: number; costUsd: string }) => void,
): Promise<Evaluation | undefined> {
  const res = await conn.client.GET('/api/v1/orgs/{orgId}/evaluations/{id}/events', {
    params: { path: { orgId: conn.orgId, id } },
    headers: { accept: 'text/event-stream' },
    parseAs: 'stream',
  });
  const stream = res.data as ReadableStream<Uint8Array> | undefined;
  if (!res.response.ok || !stream) return undefined;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue;
        if (event === 'progress') onProgress(JSON.parse(data) as Parameters<typeof onProgress>[0]);
        else if (event === 'done') return (JSON.parse(data) as { evaluation: Evaluation }).evaluation;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
