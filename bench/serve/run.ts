// Serving speed: GET /healthz and a cached prompt fetch (?label=production) from `promptops start`,
// each next to a raw node:http server answering the same bytes, measured in the same run with
// autocannon from this process (the servers are separate processes).
//   npm run bench:serve [-- --duration 5 --connections 32 --postgres postgres://… --redis redis://…
//                           --embedded false --profile ./profiles]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startProcess, stopProcess } from '../process.js';
import autocannon from 'autocannon';
import { adminQuery } from '../support.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    postgres: {
      type: 'string',
      description: 'also measure on this PostgreSQL server (a database is created)',
    },
    redis: { type: 'string', description: 'Redis for the PostgreSQL run' },
    embedded: { type: 'string', default: 'true' },
    profile: { type: 'string', description: 'write CPU profiles of the servers into this folder' },
    only: { type: 'string', description: 'one measurement: healthz, key, token or subject (for profiling)' },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

// The baseline: node:http answering every request with the given bytes and content type.
const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY, 'base64');
const type = process.env.TYPE;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('raw listening on http://127.0.0.1:' + server.address().port));
`;

async function rawServer(body: string, type: string) {
  const raw = await startProcess(
    ['-e', RAW_SERVER],
    { BODY: Buffer.from(body).toString('base64'), TYPE: type },
    /listening on (http:\/\/[\d.:]+)/,
  );
  return { proc: raw.proc, url: /http:\/\/[\d.:]+/.exec(raw.line)![0] };
}

async function json(url: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return { body: JSON.parse(text) as any, text, type: res.headers.get('content-type')! };
}

interface Measure {
  rps: number;
  /** Time per request on one connection: connections / throughput (closed loop), in ms. */
  perRequest: number;
  p99: number;
}

async function load(
  url: string,
  connections: number,
  headers: Record<string, string> = {},
): Promise<Measure> {
  const result = await autocannon({ url, connections, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  const rps = result.requests.average;
  return { rps, perRequest: (connections * 1000) / rps, p99: result.latency.p99 };
}

const wanted = (what: string) => !values.only || values.only === what;
const rows: string[] = [];

function row(database: string, what: string, raw: Measure, app: Measure) {
  const f = (n: number, d = 0) => n.toFixed(d).padStart(9);
  rows.push(
    `${database.padEnd(10)} ${what.padEnd(34)} ${f(raw.rps)} ${f(app.rps)} ${f(app.rps / raw.rps, 2)}` +
      ` ${f(raw.perRequest, 3)} ${f(app.perRequest, 3)} ${f(app.perRequest - raw.perRequest, 3)}` +
      ` ${f(raw.p99, 0)} ${f(app.p99, 0)}`,
  );
  console.log(rows.at(-1));
}

/** Raw first, then the app; warmed up with a short run each so JIT state is comparable. */
async function compare(
  database: string,
  what: string,
  appUrl: string,
  body: string,
  type: string,
  connections: number,
  headers: Record<string, string> = {},
) {
  const raw = await rawServer(body, type);
  try {
    const rawPath = new URL(appUrl);
    const rawUrl = `${raw.url}${rawPath.pathname}${rawPath.search}`;
    for (const u of [rawUrl, appUrl]) await autocannon({ url: u, connections, duration: 1, headers });
    const r = await load(rawUrl, connections);
    const a = await load(appUrl, connections, headers);
    row(database, what, r, a);
  } finally {
    await stopProcess(raw.proc);
  }
}

async function measure(kind: 'embedded' | 'postgres') {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-'));
  let dbName: string | undefined;
  const env: Record<string, string> = {
    PORT: '0',
    PROMPTOPS_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
  };
  if (kind === 'postgres') {
    dbName = `promptops_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(values.postgres!, `CREATE DATABASE ${dbName}`);
    const url = new URL(values.postgres!);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
    env.DATABASE_POOL_SIZE = '20';
    env.PROMPTOPS_MASTER_KEY = randomBytes(32).toString('base64');
    if (values.redis) {
      env.REDIS_URL = values.redis;
      env.REDIS_PREFIX = `${dbName}:`;
    }
  }
  const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const server = await startProcess(
    [...nodeArgs, 'apps/server/dist/main.js', 'start'],
    env,
    /"url":"(http:\/\/[\d.:]+)"/,
  );
  const base = /http:\/\/[\d.:]+/.exec(server.line)![0];
  const label = kind === 'postgres' ? (values.redis ? 'pg+redis' : 'postgres') : 'embedded';
  try {
    const health = await json(`${base}/healthz`);
    if (wanted('healthz'))
      await compare(label, 'GET /healthz', `${base}/healthz`, health.text, health.type, CONNECTIONS);

    const session = (
      await json(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        body: JSON.stringify({
          email: `bench-${Date.now()}@example.test`,
          password: 'benchmark password 123',
          name: 'Bench',
          organizationName: 'Bench',
        }),
      })
    ).body;
    const org = session.organization.id;
    const key = (
      await json(`${base}/api/v1/orgs/${org}/api-keys`, {
        method: 'POST',
        token: session.accessToken,
        body: JSON.stringify({ name: 'bench', role: 'viewer' }),
      })
    ).body.key as string;
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
        params: { temperature: 0.2, maxTokens: 300 },
        commitMessage: 'first version',
      }),
    });
    await json(`${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}/labels/production`, {
      method: 'PUT',
      token: session.accessToken,
      body: JSON.stringify({ version: 1 }),
    });
    const promptUrl = `${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}?label=production`;
    const prompt = await json(promptUrl, { token: key });
    if (wanted('key'))
      await compare(label, 'GET prompt?label (API key)', promptUrl, prompt.text, prompt.type, CONNECTIONS, {
        authorization: `Bearer ${key}`,
      });
    if (wanted('token'))
      await compare(label, 'GET prompt?label (token, 1 conn)', promptUrl, prompt.text, prompt.type, 1, {
        authorization: `Bearer ${session.accessToken}`,
      });
    if (wanted('subject')) {
      // A running A/B experiment: the fetch names a subject instead of a label.
      await json(`${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}/versions`, {
        method: 'POST',
        token: session.accessToken,
        body: JSON.stringify({
          type: 'chat',
          messages: [
            { role: 'system', content: 'You are a friendly support agent for {{company}}. Be concise.' },
            { role: 'user', content: '{{question}}' },
          ],
        }),
      });
      await json(`${base}/api/v1/orgs/${org}/experiments`, {
        method: 'POST',
        token: session.accessToken,
        body: JSON.stringify({
          name: 'bench',
          promptName: name,
          variants: [
            { name: 'a', version: 1, weight: 1 },
            { name: 'b', version: 2, weight: 1 },
          ],
          metric: { name: 'converted', kind: 'binary' },
        }),
      });
      const subjectUrl = `${base}/api/v1/orgs/${org}/prompts/${encodeURIComponent(name)}?subject=user-42`;
      const chosen = await json(subjectUrl, { token: key });
      await compare(
        label,
        'GET prompt?subject (API key)',
        subjectUrl,
        chosen.text,
        chosen.type,
        CONNECTIONS,
        {
          authorization: `Bearer ${key}`,
        },
      );
    }
  } finally {
    await stopProcess(server.proc);
    await rm(dataDir, { recursive: true, force: true });
    if (dbName) await adminQuery(values.postgres!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

async function main() {
  console.log(
    `autocannon, ${DURATION} s per measurement, ${CONNECTIONS} connections unless noted. ms/r: time per` +
      ` request on one connection (connections / throughput); p99 latency in whole ms`,
  );
  console.log(
    `${'database'.padEnd(10)} ${'request'.padEnd(34)} ${'raw rps'.padStart(9)} ${'app rps'.padStart(9)}` +
      ` ${'ratio'.padStart(9)} ${'raw ms/r'.padStart(9)} ${'app ms/r'.padStart(9)} ${'added ms'.padStart(9)}` +
      ` ${'raw p99'.padStart(9)} ${'app p99'.padStart(9)}`,
  );
  if (values.embedded !== 'false') await measure('embedded');
  if (values.postgres) await measure('postgres');
  if (!values.postgres)
    console.log('(PostgreSQL not measured: pass --postgres postgres://… and --redis redis://…)');
}

await main();
