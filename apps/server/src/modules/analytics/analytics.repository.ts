import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { rollupRows } from '../../platform/db/rollups.js';
import { evaluations, type EXECUTION_SOURCES } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';
import { HISTOGRAM_SIZE } from './latency-histogram.js';

// Dashboards read the rollups the gateway keeps current, never the raw runs: a request's cost
// follows the rollup rows in its range (days, or hours, × the prompt versions, models and sources
// that ran), not the number of runs. Runs count in the hour (and day) they started.

export type Interval = 'hour' | 'day';
export type GroupBy = 'prompt' | 'model' | 'version';

export interface RollupFilter {
  promptName?: string | undefined;
  promptVersion?: number | undefined;
  modelId?: string | undefined;
  source?: (typeof EXECUTION_SOURCES)[number] | undefined;
}

/** Sums over some rollup rows. */
export interface RollupSums {
  executions: number;
  failed: number;
  cancelled: number;
  interrupted: number;
  inputTokens: number;
  outputTokens: number;
  /** Exact decimal (numeric summed in SQL). */
  costUsd: string;
  latencyMsSum: number;
  /** The latency histogram, summed element by element. */
  buckets: number[];
}

/** Series key of a point, a series total (`t` null) or the overall total (`key` null too). */
export interface SeriesSumsRow extends RollupSums {
  key: string | null;
  label: string | null;
  t: Date | null;
  /** How many series there were before folding. */
  seriesCount: number;
}

/** Key of a series that gathers every series past the cap; no prompt name or model id looks like it. */
export const OTHER_KEY = '(other)';

/**
 * Runs a report query in its own read-only transaction with settings that suit it: no JIT (its
 * compile time dwarfs these queries as soon as the planner thinks them costly, e.g. a 90-day
 * range) and room for hash aggregation (the planner overestimates the groups of a key × day
 * grouping many times over and would otherwise sort every rollup row, spilling to disk).
 */
async function report<T>(db: Executor, query: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
      return query(tx);
    },
    { accessMode: 'read only' },
  );
}

/** The filter's conditions, on unqualified columns (they apply to hourly and daily rollups alike). */
function filters(f: RollupFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.promptName !== undefined) conds.push(sql`prompt_name = ${f.promptName}`);
  if (f.promptVersion !== undefined) conds.push(sql`prompt_version = ${f.promptVersion}`);
  if (f.modelId !== undefined) conds.push(sql`model_id = ${f.modelId}`);
  if (f.source !== undefined) conds.push(sql`source = ${f.source}`);
  return conds;
}

/**
 * How rows are grouped for a series: the rollup columns to group by (plain columns, so grouping
 * hashes a uuid or text as stored, never a string built per row), then, from those groups, the
 * series key and the name a series is labelled with. A run without a prompt has key '' when
 * grouping by prompt or version.
 */
function seriesOf(groupBy: GroupBy | null): { columns: SQL; key: SQL; name: SQL } {
  switch (groupBy) {
    case null:
      return { columns: sql``, key: sql`'all'`, name: sql`''` };
    case 'prompt':
      return { columns: sql`prompt_name,`, key: sql`b.prompt_name`, name: sql`''` };
    case 'model':
      // A model series is labelled with the names its runs recorded (one, unless the model was deleted).
      return { columns: sql`model_id, model,`, key: sql`b.model_id::text`, name: sql`b.model` };
    case 'version':
      return {
        columns: sql`prompt_name, prompt_version,`,
        key: sql`CASE WHEN b.prompt_name = '' THEN '' ELSE b.prompt_name || '@' || b.prompt_version END`,
        name: sql`''`,
      };
  }
}

const HISTOGRAM_INDEXES = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => i);

/**
 * Sums of the rollup columns of `r`, named as RollupSums wants them. The histogram is summed
 * element by element with one `sum(a[i])` per element, which is much faster than unnesting; it
 * is still most of a request's cost, so each rollup row is aggregated once, into its finest
 * group, and coarser totals are summed from those groups (`resummed`).
 */
function sums(r: string): SQL {
  const b = HISTOGRAM_INDEXES.map((i) => `sum(${r}.latency_buckets[${i + 1}])`).join(', ');
  return sql.raw(`sum(${r}.runs) AS executions, sum(${r}.failed) AS failed,
    sum(${r}.cancelled) AS cancelled, sum(${r}.interrupted) AS interrupted,
    sum(${r}.input_tokens) AS input_tokens, sum(${r}.output_tokens) AS output_tokens,
    sum(${r}.cost_usd) AS cost_usd, sum(${r}.latency_ms_sum) AS latency_ms_sum,
    ARRAY[${b}]::float8[] AS buckets`);
}

/** The same sums over rows that are already sums. */
function resummed(f: string): SQL {
  const b = HISTOGRAM_INDEXES.map((i) => `sum(${f}.buckets[${i + 1}])`).join(', ');
  return sql.raw(`sum(${f}.executions) AS executions, sum(${f}.failed) AS failed,
    sum(${f}.cancelled) AS cancelled, sum(${f}.interrupted) AS interrupted,
    sum(${f}.input_tokens) AS input_tokens, sum(${f}.output_tokens) AS output_tokens,
    sum(${f}.cost_usd) AS cost_usd, sum(${f}.latency_ms_sum) AS latency_ms_sum,
    ARRAY[${b}]::float8[] AS buckets`);
}

type RawSums = {
  executions: string | null;
  failed: string | null;
  cancelled: string | null;
  interrupted: string | null;
  input_tokens: string | null;
  output_tokens: string | null;
  cost_usd: string | null;
  latency_ms_sum: string | null;
  buckets: (number | null)[];
};

function toSums(r: RawSums): RollupSums {
  return {
    executions: Number(r.executions ?? 0),
    failed: Number(r.failed ?? 0),
    cancelled: Number(r.cancelled ?? 0),
    interrupted: Number(r.interrupted ?? 0),
    inputTokens: Number(r.input_tokens ?? 0),
    outputTokens: Number(r.output_tokens ?? 0),
    costUsd: r.cost_usd ?? '0',
    latencyMsSum: Number(r.latency_ms_sum ?? 0),
    buckets: r.buckets.map((n) => n ?? 0),
  };
}

/**
 * In one statement: sums per series and time bucket, per series, and overall, over the rollups of
 * [from, to). Series past the `maxSeries` most-run (ties by key) are folded into OTHER_KEY, so
 * at most `maxSeries` series come back. The label is the model names of a model series.
 */
export async function seriesSums(
  db: Executor,
  orgId: string,
  q: { from: Date; to: Date; interval: Interval; groupBy: GroupBy | null; filter: RollupFilter },
  maxSeries: number,
): Promise<SeriesSumsRow[]> {
  const series = seriesOf(q.groupBy);
  const { rows } = await report(db, (tx) =>
    tx.execute<
      RawSums & { key: string | null; label: string | null; t: number | null; series_count: string | null }
    >(sql`
    WITH b AS (
      SELECT ${series.columns} r.t, ${sums('r')}
      FROM ${rollupRows(orgId, q, { t: q.interval, where: filters(q.filter) })} r
      GROUP BY ${series.columns} r.t
    ), agg AS (
      SELECT ${series.key} AS k, ${series.name} AS name, b.* FROM b
    ), ranked AS (
      SELECT k, row_number() OVER (ORDER BY sum(executions) DESC, k COLLATE "C") AS rank,
             count(*) OVER () AS n
      FROM agg GROUP BY k
    ), folded AS (
      SELECT CASE WHEN ranked.n <= ${maxSeries} OR ranked.rank < ${maxSeries} THEN agg.k ELSE ${OTHER_KEY} END AS key,
             ranked.n AS series_count, agg.*
      FROM agg JOIN ranked ON ranked.k = agg.k
    )
    SELECT f.key, (extract(epoch FROM f.t) * 1000)::float8 AS t,
      nullif(string_agg(DISTINCT f.name, ', ' ORDER BY f.name), '') AS label,
      max(f.series_count) AS series_count, ${resummed('f')}
    FROM folded f
    GROUP BY GROUPING SETS ((f.key, f.t), (f.key), ())`),
  );
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    // The driver hands timestamps over as text: the query gives epoch milliseconds instead.
    t: r.t === null ? null : new Date(r.t),
    seriesCount: Number(r.series_count ?? 0),
    ...toSums(r),
  }));
}

/** Sums over the rollups of [from, to) that pass the filter (daily ones for its whole days). */
export async function periodSums(
  db: Executor,
  orgId: string,
  q: { from: Date; to: Date; filter: RollupFilter },
): Promise<RollupSums> {
  const { rows } = await report(db, (tx) =>
    tx.execute<RawSums>(sql`
      SELECT ${sums('r')}
      FROM ${rollupRows(orgId, q, { t: 'day', where: filters(q.filter) })} r`),
  );
  return toSums(rows[0]!);
}

export interface FinishedEvaluationRow {
  id: string;
  name: string;
  finishedAt: Date;
  variants: Record<string, unknown>[];
  summary: Record<string, unknown>[];
  comparisons: Record<string, unknown>[];
}

/** Succeeded evaluations that finished in [from, to), newest first. */
export async function finishedEvaluations(
  db: Executor,
  orgId: string,
  from: Date,
  to: Date,
): Promise<FinishedEvaluationRow[]> {
  const rows = await db
    .select({
      id: evaluations.id,
      name: evaluations.name,
      finishedAt: evaluations.finishedAt,
      variants: evaluations.variants,
      summary: evaluations.summary,
      comparisons: evaluations.comparisons,
    })
    .from(evaluations)
    .where(
      and(
        tenantFilter(evaluations, orgId),
        eq(evaluations.status, 'succeeded'),
        gte(evaluations.finishedAt, from),
        lt(evaluations.finishedAt, to),
      ),
    )
    .orderBy(desc(evaluations.finishedAt), desc(evaluations.id));
  return rows.map((r) => ({ ...r, finishedAt: r.finishedAt! }));
}
