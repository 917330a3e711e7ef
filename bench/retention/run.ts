// Retention of recorded runs on PostgreSQL: how long deleting old runs holds the table, and what it
// does to the runs being recorded meanwhile. Seeds N finished runs over 90 days, then, while a writer
// records new runs through the gateway's own statement (insert + hourly rollup trigger), deletes
// everything older than 30 days two ways on identical copies of the data:
//   - the product's pruneExecutions (EXECUTIONS_RETENTION_DAYS): batches of 2,000, each its own statement;
//   - the baseline: one `DELETE … WHERE created_at < cutoff` statement.
// Prints, for each, the longest single statement (how long its row locks and snapshot are held),
// the total time, and the writer's p50/p99 per recorded run against the writer alone in the same run.
//   npm run bench:retention [-- --rows 300000 --postgres postgres://…]
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { closeAppContext, createAppContext } from '../../apps/server/src/bootstrap.js';
import { loadConfig } from '../../apps/server/src/config.js';
import type { AppContext } from '../../apps/server/src/platform/app-context.js';
import * as repo from '../../apps/server/src/modules/executions/executions.repository.js';
import { pruneExecutions } from '../../apps/server/src/modules/executions/executions.jobs.js';
import { adminQuery } from '../support.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '300000', description: 'runs seeded over 90 days' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const ROWS = Number(values.rows);
const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_DAYS = 30;

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const SEED = `
  INSERT INTO executions (org_id, prompt_name, prompt_version, model, provider_type, status, source, input,
    output, input_tokens, output_tokens, cost_usd, latency_ms, actor_type, created_at, finished_at)
  SELECT $1::uuid, 'prompt-' || (i % 20), 1, 'mock-fast', 'mock', 'succeeded', 'api',
    jsonb_build_object('variables', jsonb_build_object('question', 'question ' || i)),
    repeat('an answer of some length ', 8), 120, 60, 0.000123, 300 + i % 700, 'api_key',
    $2::timestamptz - (random() * interval '90 days'), $2::timestamptz
  FROM generate_series(1, $3::int) AS i`;

async function seed(sql: pg.Client, orgId: string, now: Date) {
  const chunk = 50_000;
  for (let done = 0; done < ROWS; done += chunk)
    await sql.query(SEED, [orgId, now.toISOString(), Math.min(chunk, ROWS - done)]);
}

/** Records runs one after another, as the gateway does at the end of each call, until stopped. */
function startWriter(app: AppContext, orgId: string) {
  const timings: number[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const now = new Date();
      const start = performance.now();
      await repo.finishExecution(app.db, {
        id: randomUUID(),
        orgId,
        promptName: 'prompt-live',
        promptVersion: 1,
        model: 'mock-fast',
        providerType: 'mock',
        status: 'succeeded',
        source: 'api',
        input: { variables: { question: 'live' } },
        output: 'a live answer',
        inputTokens: 10,
        outputTokens: 5,
        costUsd: '0.000001',
        latencyMs: 12,
        actorType: 'api_key',
        createdAt: now,
        finishedAt: now,
      });
      timings.push(performance.now() - start);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return timings.sort((a, b) => a - b);
    },
  };
}

async function withWriter(app: AppContext, orgId: string, work: () => Promise<number[]>) {
  const writer = startWriter(app, orgId);
  const t0 = performance.now();
  const statements = await work();
  const totalMs = performance.now() - t0;
  return { totalMs, statements, writes: await writer.stop() };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

async function main() {
  const dbName = `bench_retention_${randomBytes(4).toString('hex')}`;
  const adminUrl = values.postgres!;
  await adminQuery(adminUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const app = await createAppContext(
    loadConfig({
      DATABASE_URL: url.href,
      PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      PROMPTOPS_DATA_DIR: `/tmp/${dbName}`,
    }),
  );
  const sql = new pg.Client({ connectionString: url.href });
  await sql.connect();
  try {
    const now = new Date();
    const cutoff = new Date(now.getTime() - KEEP_DAYS * DAY_MS);
    const orgs: string[] = [];
    for (const name of ['batched', 'single']) {
      const { rows } = await sql.query<{ id: string }>(
        `INSERT INTO organizations (name, slug) VALUES ($1, $2) RETURNING id`,
        [`retention ${name}`, `retention-${name}-${randomBytes(3).toString('hex')}`],
      );
      orgs.push(rows[0]!.id);
    }
    // The two strategies each delete from their own organization's identical share of the table.
    const t0 = performance.now();
    for (const orgId of orgs) await seed(sql, orgId, now);
    await sql.query('VACUUM ANALYZE executions');
    const { rows: counted } = await sql.query<{ old: string }>(
      'SELECT count(*) AS old FROM executions WHERE org_id = $1 AND created_at < $2',
      [orgs[0], cutoff.toISOString()],
    );
    console.log(
      `PostgreSQL: seeded ${(2 * ROWS).toLocaleString('en-US')} runs in ${((performance.now() - t0) / 1000).toFixed(0)} s;` +
        ` deleting the ${Number(counted[0]!.old).toLocaleString('en-US')} of each half older than ${KEEP_DAYS} days`,
    );

    const alone = await withWriter(app, orgs[0]!, async () => {
      await new Promise((r) => setTimeout(r, 5_000));
      return [];
    });

    const single = await withWriter(app, orgs[1]!, async () => {
      const s = performance.now();
      const res = await sql.query(
        `DELETE FROM executions WHERE org_id = $1 AND created_at < $2 AND status <> 'running'`,
        [orgs[1], cutoff.toISOString()],
      );
      console.log(`single statement: deleted ${(res.rowCount ?? 0).toLocaleString('en-US')} runs`);
      return [performance.now() - s];
    });

    // Dead rows of the first delete are not the second one's cost.
    await sql.query('VACUUM ANALYZE executions');

    // The product's retention: the batches pruneExecutions runs for each organization, each timed.
    const batched = await withWriter(app, orgs[0]!, async () => {
      const statements: number[] = [];
      let deleted = 0;
      for (let n = -1; n !== 0; deleted += n) {
        const s = performance.now();
        n = await repo.deleteBefore(app.db, orgs[0]!, cutoff, 2_000);
        statements.push(performance.now() - s);
      }
      // The same loop as the job runs, once more, to show nothing is left.
      if ((await pruneExecutions(app, cutoff)) !== 0) throw new Error('runs were left behind');
      console.log(
        `batched: deleted ${deleted.toLocaleString('en-US')} runs in ${statements.length - 1} batches`,
      );
      return statements;
    });

    const p = (xs: number[]) => `p50 ${ms(percentile(xs, 0.5))}, p99 ${ms(percentile(xs, 0.99))}`;
    console.log(`writer alone: ${alone.writes.length} runs recorded, ${p(alone.writes)}`);
    for (const [label, r] of [
      ['batched (pruneExecutions)', batched],
      ['single DELETE (baseline)', single],
    ] as const) {
      const longest = Math.max(...r.statements);
      console.log(
        `${label}: total ${ms(r.totalMs)}, longest statement ${ms(longest)}; writer meanwhile ${p(r.writes)}` +
          ` (p99 ${(percentile(r.writes, 0.99) / percentile(alone.writes, 0.99)).toFixed(2)}× alone)`,
      );
    }
    const ratio = Math.max(...single.statements) / Math.max(...batched.statements);
    console.log(`longest statement: batched is ${ratio.toFixed(0)}× shorter than one DELETE`);
  } finally {
    await sql.end();
    await closeAppContext(app);
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

await main();
