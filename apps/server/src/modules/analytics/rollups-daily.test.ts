import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signup, sql, startTestServer, type Session, type TestServer } from '../../../test/harness.js';
import { insertRuns, seededRandom, type SeedRun } from '../../../test/seed-runs.js';
import * as executions from '../executions/executions.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Runs are seeded over 6 days from D0; every test reads inside them.
const D0 = Math.floor(Date.now() / DAY) * DAY - 20 * DAY;

let s: TestServer;
let base: string;
let admin: Session;
let other: Session;
let modelId: string;

beforeAll(async () => {
  s = await startTestServer();
  base = await s.app.listen({ host: '127.0.0.1', port: 0 });
  admin = await signup(s.app);
  other = await signup(s.app);
  const [m] = await sql<{ id: string }>(
    s.ctx,
    `SELECT id FROM models WHERE org_id = $1 AND name = 'mock-fast'`,
    [admin.orgId],
  );
  modelId = m!.id;
  await insertRuns(s.ctx, admin.orgId, seedRuns(600, 11));
  await insertRuns(s.ctx, other.orgId, seedRuns(100, 12));
}, 120_000);
afterAll(async () => s?.close());

function seedRuns(count: number, seed: number): SeedRun[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, () => ({
    promptName: rand() < 0.8 ? 'daily/reply' : null,
    promptVersion: rand() < 0.5 ? 1 : 2,
    modelId: rand() < 0.7 ? modelId : null,
    model: 'mock-fast',
    status: rand() < 0.85 ? 'succeeded' : rand() < 0.5 ? 'failed' : 'cancelled',
    source: rand() < 0.6 ? 'api' : 'playground',
    inputTokens: Math.floor(rand() * 3000),
    outputTokens: Math.floor(rand() * 900),
    costUsd: `0.${String(Math.floor(rand() * 1e12)).padStart(12, '0')}`,
    latencyMs: Math.floor(Math.exp(rand() * Math.log(120_000))),
    createdAt: new Date(D0 + Math.floor(rand() * 6 * DAY)),
  }));
}

const iso = (ms: number) => new Date(ms).toISOString();

async function analytics(query: Record<string, string>) {
  const res = await fetch(`${base}/api/v1/orgs/${admin.orgId}/analytics?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

/**
 * The organization's daily rollups next to the sums of its hourly ones per day, as text so
 * numbers and arrays compare exactly; rows present on one side only show as a difference.
 */
async function dailyAgainstHourly(orgId: string) {
  const key = `org_id, source, prompt_name, prompt_version, model_id, model`;
  const sums = `sum(runs) AS runs, sum(failed) AS failed, sum(cancelled) AS cancelled,
    sum(interrupted) AS interrupted, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
    sum(cost_usd) AS cost_usd, sum(latency_ms_sum) AS latency_ms_sum`;
  const buckets = Array.from({ length: 62 }, (_, i) => `sum(latency_buckets[${i + 1}])`).join(', ');
  const rows = (table: string, t: string) => `
    SELECT ${t} AS day, ${key}, ${sums}, ARRAY[${buckets}]::bigint[]::text AS buckets
    FROM ${table} WHERE org_id = $1 GROUP BY 1, ${key}`;
  return sql<{ side: string; day: Date; runs: string }>(
    s.ctx,
    `WITH d AS (${rows('execution_rollups_daily', 'day')}),
          h AS (${rows('execution_rollups_hourly', `date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`)})
     SELECT 'daily only' AS side, * FROM (SELECT * FROM d EXCEPT SELECT * FROM h) x
     UNION ALL
     SELECT 'hourly only' AS side, * FROM (SELECT * FROM h EXCEPT SELECT * FROM d) y`,
    [orgId],
  );
}

async function runsOfDay(day: number): Promise<number> {
  const [row] = await sql<{ n: number }>(
    s.ctx,
    `SELECT coalesce(sum(runs), 0)::int AS n FROM execution_rollups_daily WHERE org_id = $1 AND day = $2
       AND prompt_name = 'late/runner'`,
    [admin.orgId, iso(day)],
  );
  return row!.n;
}

describe('daily rollups', () => {
  it('equal the sums of their hourly rows after seeded runs', async () => {
    const [count] = await sql<{ n: number }>(
      s.ctx,
      'SELECT count(*)::int AS n FROM execution_rollups_daily WHERE org_id = $1',
      [admin.orgId],
    );
    expect(count!.n).toBeGreaterThan(6);
    expect(await dailyAgainstHourly(admin.orgId)).toEqual([]);
    expect(await dailyAgainstHourly(other.orgId)).toEqual([]);
  });

  it('count a run in the day it started, however late it finishes or however its ending changes', async () => {
    const midnight = D0 + 3 * DAY;
    const start = (createdAt: number) => {
      const id = randomUUID();
      return {
        id,
        row: {
          id,
          orgId: admin.orgId,
          promptName: 'late/runner',
          promptVersion: 1,
          modelId,
          model: 'mock-fast',
          providerType: 'mock',
          status: 'running' as const,
          source: 'api' as const,
          input: { variables: {}, messages: [{ role: 'user', content: 'x' }], params: {} },
          latencyMs: 0,
          actorType: 'system' as const,
          createdAt: new Date(createdAt),
          heartbeatAt: new Date(createdAt),
        },
      };
    };
    // Starts a second before midnight and finishes after it; another starts after midnight.
    const before = start(midnight - 1_000);
    const after = start(midnight + 1_000);
    await executions.insertRunning(s.ctx.db, before.row);
    await executions.insertRunning(s.ctx.db, after.row);
    expect(await runsOfDay(midnight - DAY)).toBe(0);

    await executions.finishExecution(s.ctx.db, {
      ...before.row,
      status: 'succeeded',
      latencyMs: 2_500,
      costUsd: '0.000000000123',
      inputTokens: 10,
      outputTokens: 20,
      finishedAt: new Date(midnight + 1_500),
    });
    expect(await runsOfDay(midnight - DAY)).toBe(1);
    expect(await runsOfDay(midnight)).toBe(0);

    // Marked interrupted by the reconciler, then finishing for real, two days late.
    const stale = await executions.interruptStale(s.ctx.db, new Date(midnight + 2_000), 100);
    expect(stale.map((r) => r.id)).toContain(after.id);
    expect(await runsOfDay(midnight)).toBe(1);
    await executions.finishExecution(s.ctx.db, {
      ...after.row,
      status: 'failed',
      latencyMs: 2 * DAY,
      error: 'late',
      finishedAt: new Date(midnight + 2 * DAY),
    });
    const [day] = await sql<{ runs: number; failed: number; interrupted: number; buckets: number[] }>(
      s.ctx,
      `SELECT runs, failed, interrupted, latency_buckets AS buckets FROM execution_rollups_daily
       WHERE org_id = $1 AND day = $2 AND prompt_name = 'late/runner'`,
      [admin.orgId, iso(midnight)],
    );
    expect(day).toMatchObject({ runs: 1, failed: 1, interrupted: 0 });
    // The overflow bucket holds the two-day run; the interrupted ending's bucket is back to 0.
    expect(day!.buckets.at(-1)).toBe(1);
    expect(day!.buckets.reduce((a, n) => a + n, 0)).toBe(1);
    expect(await runsOfDay(midnight + DAY)).toBe(0);

    expect(await dailyAgainstHourly(admin.orgId)).toEqual([]);
  });

  it('give a range not aligned to days the same totals as the hourly rows alone', async () => {
    // By the hour, the series (and its totals) read hourly rows only; the period before it
    // (D0+1d 03:00 to D0+3d 19:00) reads daily rows for D0+2d and hourly rows for the edges.
    const from = D0 + 3 * DAY + 19 * HOUR;
    const to = from + 2 * DAY - 16 * HOUR;
    const hourly = await analytics({ from: iso(from), to: iso(to), interval: 'hour' });
    const previous = await analytics({
      from: iso(from - (to - from)),
      to: iso(from),
      interval: 'hour',
    });
    expect(previous.totals.executions).toBeGreaterThan(0);
    expect(hourly.previousTotals).toEqual(previous.totals);

    const [truth] = await sql<{ n: number; cost: string }>(
      s.ctx,
      `SELECT count(*)::int AS n, sum(cost_usd)::text AS cost FROM executions
       WHERE org_id = $1 AND status <> 'running' AND created_at >= $2 AND created_at < $3`,
      [admin.orgId, iso(from - (to - from)), iso(from)],
    );
    expect(hourly.previousTotals.executions).toBe(truth!.n);
    expect(Number(hourly.previousTotals.costUsd)).toBeCloseTo(Number(truth!.cost), 12);

    // Whole days: daily rows (by day) and hourly rows (by hour) sum to the same totals.
    const days = { from: iso(D0), to: iso(D0 + 6 * DAY) };
    const byDay = await analytics({ ...days, interval: 'day', groupBy: 'version' });
    const byHour = await analytics({ ...days, interval: 'hour', groupBy: 'version' });
    expect(byDay.totals).toEqual(byHour.totals);
    expect(byDay.series.map((x: any) => [x.key, x.totals])).toEqual(
      byHour.series.map((x: any) => [x.key, x.totals]),
    );
  });

  it('go with their organization', async () => {
    const gone = await signup(s.app);
    await insertRuns(s.ctx, gone.orgId, seedRuns(20, 13));
    const count = async () =>
      (
        await sql<{ n: number }>(
          s.ctx,
          'SELECT count(*)::int AS n FROM execution_rollups_daily WHERE org_id = $1',
          [gone.orgId],
        )
      )[0]!.n;
    expect(await count()).toBeGreaterThan(0);
    await sql(s.ctx, 'DELETE FROM organizations WHERE id = $1', [gone.orgId]);
    expect(await count()).toBe(0);
    expect(await dailyAgainstHourly(admin.orgId)).toEqual([]);
  });
});
