// Analytics dashboard speed: seeds recorded runs over 90 days (the rollup trigger keeps the hourly
// and daily rollups as it does for the gateway), then times the dashboard request through the real HTTP
// server — a 30-day view by day, alone and grouped by model and by prompt — against a plain
// `SELECT count(*)` of the same organization's runs in those 30 days, measured in the same run.
//   npm run bench:analytics [-- --rows 1000000 --embedded-rows 100000 --requests 50
//                              --postgres postgres://… --skip embedded|postgres --keep]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startProcess, stopProcess } from '../process.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000', description: 'runs seeded into PostgreSQL' },
    'embedded-rows': { type: 'string', default: '100000', description: 'runs seeded into PGlite' },
    requests: { type: 'string', default: '50', description: 'timed requests per measurement' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    skip: { type: 'string', description: 'embedded or postgres' },
    keep: { type: 'boolean', default: false, description: 'keep the PostgreSQL database afterwards' },
  },
});
const REQUESTS = Number(values.requests);
const DAYS = 90;
const VIEW_DAYS = 30;
const PROMPTS = 24;
const PASSWORD = 'benchmark password 123';

/** SQL on the seeded database from this process: a pg client, or the embedded database opened here. */
interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return JSON.parse(text) as any;
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openSql(kind: 'embedded' | 'postgres', target: string): Promise<Sql> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      close: () => client.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(target, 'pgdata'));
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    close: () => db.close(),
  };
}

/**
 * `count` runs at random times over the last DAYS days: PROMPTS prompts (some much more used
 * than others) with 1–4 versions each, released one after another over the period; mostly one
 * model per prompt; 93 % succeeded, 4 % failed, 2 % cancelled, 1 % interrupted; log-normal
 * latencies around a per-prompt median; tokens and exact costs at the models' prices.
 */
const SEED = `
  WITH r AS (
    SELECT random() AS age, random() AS rp, random() AS rm, random() AS rs, random() AS rsrc,
           random() AS rl1, random() AS rl2, random() AS rt1, random() AS rt2
    FROM generate_series(1, $2::int)
  ), s AS (
    SELECT *, floor(power(rp, 1.6) * ${PROMPTS})::int AS p FROM r
  ), t AS (
    SELECT *, 1 + p % 4 AS k,
      CASE WHEN rm < 0.8 THEN p % $6::int ELSE (p + 1) % $6::int END AS m,
      $3::timestamptz - age * interval '${DAYS} days' AS ts,
      greatest(1, exp(ln(300 + 150 * (p % 10)) + 0.6 * sqrt(-2 * ln(greatest(rl1, 1e-12))) * cos(2 * pi() * rl2)))::int AS lat,
      50 + floor(rt1 * 1950)::int AS it, 10 + floor(rt2 * 790)::int AS ot
    FROM s
  )
  INSERT INTO executions (org_id, prompt_name, prompt_version, model_id, model, provider_type, status, source,
    input, input_tokens, output_tokens, cost_usd, latency_ms, actor_type, created_at, finished_at)
  SELECT $1::uuid, 'prompt-' || lpad(p::text, 2, '0'), 1 + least(k - 1, floor((1 - age) * k)::int),
    ($4::uuid[])[m + 1], ($5::text[])[m + 1], 'mock',
    CASE WHEN rs < 0.93 THEN 'succeeded' WHEN rs < 0.97 THEN 'failed' WHEN rs < 0.99 THEN 'cancelled' ELSE 'interrupted' END,
    CASE WHEN rsrc < 0.7 THEN 'api' WHEN rsrc < 0.85 THEN 'playground' WHEN rsrc < 0.95 THEN 'evaluation' ELSE 'workflow' END,
    '{}'::jsonb, it, ot,
    round((it * ($7::numeric[])[m + 1] + ot * ($8::numeric[])[m + 1]) / 1000000, 12),
    lat, 'api_key', ts, ts + lat * interval '1 millisecond'
  FROM t`;

interface Model {
  id: string;
  name: string;
  inputPricePerMTok: string;
  outputPricePerMTok: string;
}

async function seed(sql: Sql, orgId: string, models: Model[], rows: number, chunk: number, now: Date) {
  for (let done = 0; done < rows; done += chunk) {
    const n = Math.min(chunk, rows - done);
    await sql.query(SEED, [
      orgId,
      n,
      now.toISOString(),
      models.map((m) => m.id),
      models.map((m) => m.name),
      models.length,
      models.map((m) => m.inputPricePerMTok),
      models.map((m) => m.outputPricePerMTok),
    ]);
    if (process.stdout.isTTY) process.stdout.write(`\r  seeded ${(done + n).toLocaleString('en-US')} runs`);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
}

/** Nearest-rank percentile of the timings. */
function percentile(ms: number[], p: number): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const table: string[] = [];
function row(database: string, what: string, ms: number[], baseline?: number[]) {
  const f = (x: number, d = 1) => x.toFixed(d).padStart(8);
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  const ratio = baseline
    ? `${f(p50 / percentile(baseline, 50), 2)} ${f(p95 / percentile(baseline, 95), 2)}`
    : '';
  table.push(`${database.padEnd(9)} ${what.padEnd(44)} ${f(p50)} ${f(p95)} ${ratio}`);
  console.log(table.at(-1));
}

async function startServer(env: Record<string, string>) {
  const server = await startProcess(['apps/server/dist/main.js', 'start'], env, /"url":"(http:\/\/[\d.:]+)"/);
  return { proc: server.proc, base: /http:\/\/[\d.:]+/.exec(server.line)![0] };
}

async function measure(kind: 'embedded' | 'postgres', rows: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-analytics-'));
  const env: Record<string, string> = {
    PORT: '0',
    PROMPTOPS_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
  };
  let dbName: string | undefined;
  let target = dataDir;
  if (kind === 'postgres') {
    dbName = `promptops_bench_analytics_${randomBytes(4).toString('hex')}`;
    await adminQuery(values.postgres!, `CREATE DATABASE ${dbName}`);
    const url = new URL(values.postgres!);
    url.pathname = `/${dbName}`;
    target = url.toString();
    env.DATABASE_URL = target;
    env.PROMPTOPS_MASTER_KEY = randomBytes(32).toString('base64');
  }
  const label = kind === 'postgres' ? 'postgres' : 'embedded';
  let server = await startServer(env);
  let orgId = '';
  try {
    const email = `bench-${randomBytes(4).toString('hex')}@example.test`;
    const session = await json(`${server.base}/api/v1/auth/signup`, {
      body: { email, password: PASSWORD, name: 'Bench', organizationName: 'Bench' },
    });
    orgId = session.organization.id as string;
    const org = `${server.base}/api/v1/orgs/${orgId}`;
    const builtIn = (await json(`${org}/models`, { token: session.accessToken })).items as (Model & {
      providerId: string;
    })[];
    const more: [string, string, string][] = [
      ['gpt-4o-mini', '0.15', '0.6'],
      ['gpt-4o', '2.5', '10'],
      ['claude-sonnet', '3', '15'],
      ['llama-70b', '0.59', '0.79'],
    ];
    const models: Model[] = [...builtIn];
    for (const [name, input, output] of more)
      models.push(
        await json(`${org}/models`, {
          token: session.accessToken,
          body: {
            providerId: builtIn[0]!.providerId,
            name,
            inputPricePerMTok: input,
            outputPricePerMTok: output,
          },
        }),
      );
    // The embedded database belongs to one process: seed it with the server stopped.
    await stopProcess(server.proc);

    const sql = await openSql(kind, target);
    const now = new Date();
    let t0 = performance.now();
    await seed(sql, orgId, models, rows, kind === 'postgres' ? 50_000 : 10_000, now);
    const seedMs = performance.now() - t0;
    t0 = performance.now();
    await sql.query('VACUUM ANALYZE executions');
    await sql.query('VACUUM ANALYZE execution_rollups_hourly');
    await sql.query('VACUUM ANALYZE execution_rollups_daily');
    const vacuumMs = performance.now() - t0;
    const from = new Date(now.getTime() - VIEW_DAYS * 86_400_000);
    const [counts] = await sql.query<{
      runs: string;
      rollups: string;
      in_view: string;
      days_in_view: string;
    }>(
      `SELECT (SELECT count(*) FROM executions WHERE org_id = $1) AS runs,
              (SELECT count(*) FROM execution_rollups_hourly WHERE org_id = $1) AS rollups,
              (SELECT count(*) FROM execution_rollups_hourly WHERE org_id = $1 AND hour >= $2) AS in_view,
              (SELECT count(*) FROM execution_rollups_daily WHERE org_id = $1 AND day >= $2) AS days_in_view`,
      [orgId, from.toISOString()],
    );
    console.log(
      `${label}: seeded ${Number(counts!.runs).toLocaleString('en-US')} runs over ${DAYS} days in ` +
        `${(seedMs / 1000).toFixed(1)} s (${Math.round(rows / (seedMs / 1000)).toLocaleString('en-US')} runs/s, ` +
        `the rollup trigger included), VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s; ` +
        `${Number(counts!.rollups).toLocaleString('en-US')} hourly rollup rows, ` +
        `${Number(counts!.in_view).toLocaleString('en-US')} in the ${VIEW_DAYS}-day view ` +
        `(${Number(counts!.days_in_view).toLocaleString('en-US')} daily rows)`,
    );
    const baseline = await time(REQUESTS, () =>
      sql.query(
        'SELECT count(*) FROM executions WHERE org_id = $1 AND created_at >= $2 AND created_at < $3',
        [orgId, from.toISOString(), now.toISOString()],
      ),
    );
    await sql.close();
    row(label, `SELECT count(*) of ${VIEW_DAYS} days (direct SQL)`, baseline);

    server = await startServer(env);
    const token = (await json(`${server.base}/api/v1/auth/login`, { body: { email, password: PASSWORD } }))
      .accessToken as string;
    const view = `${server.base}/api/v1/orgs/${orgId}/analytics?from=${from.toISOString()}&to=${now.toISOString()}&interval=day`;
    const first = await json(view, { token });
    if (first.totals.executions === 0) throw new Error('the dashboard sees no runs');
    for (const [what, url] of [
      [`GET analytics ${VIEW_DAYS} days by day`, view],
      [`GET analytics ${VIEW_DAYS} days by day, groupBy=model`, `${view}&groupBy=model`],
      [`GET analytics ${VIEW_DAYS} days by day, groupBy=prompt`, `${view}&groupBy=prompt`],
    ] as const)
      row(label, what, await time(REQUESTS, () => json(url, { token })), baseline);
  } finally {
    await stopProcess(server.proc);
    await rm(dataDir, { recursive: true, force: true });
    if (dbName && values.keep) console.log(`kept database ${dbName} (organization ${orgId})`);
    else if (dbName) await adminQuery(values.postgres!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

async function main() {
  console.log(
    `${REQUESTS} timed requests each (after 5 warm-up ones), one at a time; ratios are to the count(*) on the same database`,
  );
  const header =
    `${'database'.padEnd(9)} ${'request'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}` +
    ` ${'p50 ×'.padStart(8)} ${'p95 ×'.padStart(8)}`;
  if (values.skip !== 'postgres') await measure('postgres', Number(values.rows));
  if (values.skip !== 'embedded') await measure('embedded', Number(values['embedded-rows']));
  console.log(`\n${header}\n${table.join('\n')}`);
}

await main();
