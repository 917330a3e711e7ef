// SDK prompt fetches against `promptops start` (embedded, or PostgreSQL when DATABASE_URL is set:
// a database is created there and dropped after): getPrompt served from the SDK's cache, and
// uncached getPrompt next to a raw fetch of the same route in the same run (a ratio).
//   npm run bench:sdk [-- --cached 200000 --uncached 2000]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PromptOps } from '@promptops/sdk';
import { startProcess, stopProcess } from '../process.js';
import { adminQuery, json } from '../support.js';

const { values } = parseArgs({
  options: {
    cached: { type: 'string', default: '200000' },
    uncached: { type: 'string', default: '2000' },
  },
});
const CACHED = Number(values.cached);
const UNCACHED = Number(values.uncached);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summary(ns: number[]) {
  const sorted = [...ns].sort((a, b) => a - b);
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length;
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-sdk-'));
const env: Record<string, string> = {
  PORT: '0',
  PROMPTOPS_DATA_DIR: dataDir,
  // The ready line (with the URL) is logged at info.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
};
let dbName: string | undefined;
const postgres = process.env.DATABASE_URL;
if (postgres) {
  dbName = `promptops_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgres, `CREATE DATABASE ${dbName}`);
  const url = new URL(postgres);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  env.PROMPTOPS_MASTER_KEY = randomBytes(32).toString('base64');
}
const server = await startProcess(['apps/server/dist/main.js', 'start'], env, /"url":"(http:\/\/[\d.:]+)"/);
const base = /http:\/\/[\d.:]+/.exec(server.line)![0];
let sdk: PromptOps | undefined;
try {
  const session = await json(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.test`,
      password: 'benchmark password 123',
      name: 'Bench',
      organizationName: 'Bench',
    }),
  });
  const org = session.organization.id as string;
  const key = (
    await json(`${base}/api/v1/orgs/${org}/api-keys`, {
      method: 'POST',
      token: session.accessToken,
      body: JSON.stringify({ name: 'bench', role: 'viewer' }),
    })
  ).key as string;
  const name = 'support/greeting';
  await json(`${base}/api/v1/orgs/${org}/prompts`, {
    method: 'POST',
    token: session.accessToken,
    body: JSON.stringify({
      name,
      type: 'chat',
      messages: [
        { role: 'system', content: 'You are a helpful support agent for {{company}}. Answer briefly.' },
        { role: 'user', content: '{{question}}' },
      ],
    }),
  });
  await json(`${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}/labels/production`, {
    method: 'PUT',
    token: session.accessToken,
    body: JSON.stringify({ version: 1 }),
  });

  // Cached: the SDK's in-memory copy, kept fresh by the change feed.
  sdk = new PromptOps({ baseUrl: base, apiKey: key });
  await sdk.getPrompt(name, { label: 'production' });
  await sdk.changeFeedOpened();
  await sdk.getPrompt(name, { label: 'production' });
  for (let i = 0; i < 20_000; i++) await sdk.getPrompt(name, { label: 'production' });
  const cached: number[] = new Array<number>(CACHED);
  for (let i = 0; i < CACHED; i++)
    cached[i] = await timed(() => sdk!.getPrompt(name, { label: 'production' }));
  const c = summary(cached);

  // Uncached: every getPrompt goes to the server, next to a raw fetch of the same URL (with
  // its JSON parsed), interleaved in rounds so both see the same machine state.
  const uncachedSdk = new PromptOps({ baseUrl: base, apiKey: key, orgId: org, cache: false });
  const url = `${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}?label=production`;
  const raw = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    if (!res.ok) throw new Error(`raw fetch: ${res.status}`);
    return res.json();
  };
  const viaSdk = () => uncachedSdk.getPrompt(name, { label: 'production' });
  for (let i = 0; i < 200; i++) {
    await raw();
    await viaSdk();
  }
  const rawNs: number[] = [];
  const sdkNs: number[] = [];
  for (let round = 0; round < UNCACHED / 100; round++) {
    for (let i = 0; i < 100; i++) rawNs.push(await timed(raw));
    for (let i = 0; i < 100; i++) sdkNs.push(await timed(viaSdk));
  }
  const r = summary(rawNs);
  const u = summary(sdkNs);

  const us = (ns: number) => (ns / 1000).toFixed(2).padStart(9);
  const ms = (ns: number) => (ns / 1e6).toFixed(3).padStart(9);
  console.log(`database: ${postgres ? 'postgres' : 'embedded'}`);
  console.log(
    `getPrompt, cached (${CACHED} calls)      p50 ${us(c.p50)} µs   p99 ${us(c.p99)} µs   mean ${us(c.mean)} µs`,
  );
  console.log(
    `raw fetch of the route (${rawNs.length} calls)  p50 ${ms(r.p50)} ms   p99 ${ms(r.p99)} ms   mean ${ms(r.mean)} ms`,
  );
  console.log(
    `getPrompt, uncached (${sdkNs.length} calls)    p50 ${ms(u.p50)} ms   p99 ${ms(u.p99)} ms   mean ${ms(u.mean)} ms`,
  );
  console.log(
    `uncached getPrompt / raw fetch: p50 ${(u.p50 / r.p50).toFixed(2)}x, mean ${(u.mean / r.mean).toFixed(2)}x; ` +
      `cached getPrompt is ${(r.p50 / c.p50).toFixed(0)}x faster than a raw fetch (p50)`,
  );
} finally {
  sdk?.close();
  await stopProcess(server.proc);
  await rm(dataDir, { recursive: true, force: true });
  if (dbName) await adminQuery(postgres!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
