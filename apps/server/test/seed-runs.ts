import type { AppContext } from '../src/platform/app-context.js';

/** A recorded LLM call, as the gateway would have stored it. */
export interface SeedRun {
  promptName: string | null;
  promptVersion: number | null;
  modelId: string | null;
  model: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  source: 'playground' | 'api' | 'evaluation' | 'workflow' | 'openai';
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
  latencyMs: number;
  createdAt: Date;
}

/**
 * Inserts runs straight into `executions` (many per statement); the rollup trigger keeps the
 * hourly rollups current exactly as it does for the gateway's own inserts.
 */
export async function insertRuns(ctx: AppContext, orgId: string, runs: readonly SeedRun[]): Promise<void> {
  for (let i = 0; i < runs.length; i += 500) {
    const chunk = runs.slice(i, i + 500).map((r) => ({
      prompt_name: r.promptName,
      prompt_version: r.promptVersion,
      model_id: r.modelId,
      model: r.model,
      status: r.status,
      source: r.source,
      input_tokens: r.inputTokens,
      output_tokens: r.outputTokens,
      cost_usd: r.costUsd,
      latency_ms: r.latencyMs,
      created_at: r.createdAt.toISOString(),
    }));
    await ctx.database.pool.query(
      `INSERT INTO executions (org_id, prompt_name, prompt_version, model_id, model, provider_type, status,
         source, input, input_tokens, output_tokens, cost_usd, latency_ms, actor_type, created_at, finished_at)
       SELECT $1, r.prompt_name, r.prompt_version, r.model_id, r.model, 'mock', r.status, r.source, '{}'::jsonb,
         r.input_tokens, r.output_tokens, r.cost_usd, r.latency_ms, 'user', r.created_at,
         CASE WHEN r.status = 'running' THEN NULL ELSE r.created_at + r.latency_ms * interval '1 millisecond' END
       FROM jsonb_to_recordset($2::jsonb) AS r(prompt_name text, prompt_version int, model_id uuid, model text,
         status text, source text, input_tokens int, output_tokens int, cost_usd numeric, latency_ms int,
         created_at timestamptz)`,
      [orgId, JSON.stringify(chunk)],
    );
  }
}

/** A small deterministic pseudo-random generator (mulberry32): the same runs on every test run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedEvaluation {
  name?: string;
  status?: 'succeeded' | 'failed' | 'cancelled';
  finishedAt: Date;
  /** Prompt name and version and model of each variant; variant 0 is the baseline. */
  variants: { prompt: string; version: number; modelId: string; model: string }[];
  /** Per variant (by index): score key → {mean, n}. */
  metrics: Record<string, { mean: number; n: number }>[];
  comparisons?: { metric: string; variant: number; probabilityBetter: number }[];
}

/** Stores an evaluation as the evaluation runner leaves it when it ends (summary and comparisons). */
export async function insertEvaluation(
  ctx: AppContext,
  orgId: string,
  datasetId: string,
  e: SeedEvaluation,
): Promise<string> {
  const variants = e.variants.map((v, i) => ({
    name: `variant ${i}`,
    prompt: { name: v.prompt, version: v.version, label: null },
    promptVersionId: '00000000-0000-0000-0000-000000000001',
    modelId: v.modelId,
    model: v.model,
    params: {},
  }));
  const summary = e.metrics.map((metrics, variant) => ({
    variant,
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([k, m]) => [k, { mean: m.mean, ci95: [m.mean, m.mean], n: m.n }]),
    ),
    latencyMs: { p50: null, p95: null },
    costUsd: '0',
    failed: 0,
  }));
  const comparisons = (e.comparisons ?? []).map((c) => ({
    ...c,
    baseline: 0,
    meanDifference: 0,
    ci95: [0, 0],
  }));
  const { rows } = await ctx.database.pool.query<{ id: string }>(
    `INSERT INTO evaluations (org_id, name, status, dataset_id, dataset_version, variants, evaluators, repetitions,
       concurrency, summary, comparisons, actor_type, created_at, started_at, finished_at)
     VALUES ($1, $2, $3, $4, 1, $5, '[]', 1, 1, $6, $7, 'user', $8::timestamptz - interval '1 minute',
       $8::timestamptz - interval '1 minute', $8)
     RETURNING id`,
    [
      orgId,
      e.name ?? 'evaluation',
      e.status ?? 'succeeded',
      datasetId,
      JSON.stringify(variants),
      JSON.stringify(summary),
      JSON.stringify(comparisons),
      e.finishedAt.toISOString(),
    ],
  );
  return rows[0]!.id;
}
