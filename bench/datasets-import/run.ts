// Streaming dataset import: a 100,000-row, ~50 MB CSV uploaded over HTTP (chunked, generated as it
// is sent, never held whole) to a server in this process, with the process's RSS sampled every
// 20 ms (with the embedded database, RSS includes PGlite's WASM heap). Prints time, rows/s, and RSS growth next to the file size, the memory a buffered import
// would need at the very least (the ratio shows memory stays bounded).
//   node --conditions=source --import tsx bench/datasets-import/run.ts [-- --rows 100000 --postgres postgres://…]
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app.js';
import { closeAppContext, createAppContext } from '../../apps/server/src/bootstrap.js';
import { loadConfig } from '../../apps/server/src/config.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    rows: { type: 'string', default: '100000' },
    'row-bytes': { type: 'string', default: '500' },
    postgres: { type: 'string', description: 'import into this PostgreSQL server (a database is created)' },
    live: {
      type: 'boolean',
      default: false,
      description: 'force a GC every second (needs --expose-gc) and report the live memory',
    },
  },
});
const ROWS = Number(values.rows);
const ROW_BYTES = Number(values['row-bytes']);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The CSV, produced 1,000 rows at a time as the upload asks for more. */
function* csvChunks(): Generator<Buffer> {
  yield Buffer.from('question,context,expected\r\n');
  const filler = 'x'.repeat(Math.max(0, ROW_BYTES - 60));
  for (let k = 0; k < ROWS; k += 1000) {
    let text = '';
    for (let j = k; j < Math.min(ROWS, k + 1000); j++)
      text += `"Question ${j}, with a comma","${filler} ""quoted"" ${j}",answer ${j}\r\n`;
    yield Buffer.from(text);
  }
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-'));
  let dropDb: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {
    LOG_LEVEL: 'silent',
    PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
    PROMPTOPS_DATA_DIR: dataDir,
  };
  if (values.postgres) {
    const name = `promptops_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: values.postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(values.postgres);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: values.postgres });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const ctx = await createAppContext(loadConfig(env));
  const app = await buildApp(ctx, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const signup = await fetch(`${address}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${randomBytes(4).toString('hex')}@example.test`,
        password: 'correct horse battery staple',
        name: 'Bench',
        organizationName: 'Bench',
      }),
    }).then((r) => r.json() as Promise<{ accessToken: string; organization: { id: string } }>);
    const auth = { authorization: `Bearer ${signup.accessToken}` };
    const orgUrl = `${address}/api/v1/orgs/${signup.organization.id}`;
    const dataset = await fetch(`${orgUrl}/datasets`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench' }),
    }).then((r) => r.json() as Promise<{ dataset: { id: string } }>);

    global.gc?.();
    const before = process.memoryUsage();
    const rssBefore = before.rss;
    const jsBefore = before.heapUsed + before.external;
    let peak = rssBefore;
    let jsPeak = jsBefore;
    // With --live: what is still referenced, sampled right after a full GC every second.
    let livePeak = jsBefore;
    const liveSampler = values.live
      ? setInterval(() => {
          global.gc?.();
          const m = process.memoryUsage();
          livePeak = Math.max(livePeak, m.heapUsed + m.external);
        }, 1000)
      : undefined;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      jsPeak = Math.max(jsPeak, m.heapUsed + m.external);
    }, 20);
    let sent = 0;
    const started = performance.now();
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${orgUrl}/datasets/${dataset.dataset.id}/import?format=csv`,
        { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' } },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunks = csvChunks();
      const pump = () => {
        for (;;) {
          const next = chunks.next();
          if (next.done) return req.end();
          sent += next.value.length;
          if (!req.write(next.value)) return req.once('drain', pump);
        }
      };
      pump();
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clearInterval(liveSampler);
    if (values.live) console.log(`live js heap + external after GC: peak growth ${mb(livePeak - jsBefore)}`);
    if (result.status !== 201) throw new Error(`import answered ${result.status}: ${result.body}`);
    const growth = peak - rssBefore;
    console.log(`database: ${ctx.database.kind}`);
    console.log(`import: ${result.body}`);
    console.log(`file: ${ROWS} rows, ${mb(sent)} (sent chunked, generated while uploading)`);
    console.log(`time: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds)} rows/s`);
    console.log(`rss: ${mb(rssBefore)} before, ${mb(peak)} peak, growth ${mb(growth)}`);
    console.log(
      `js heap + external (buffers): ${mb(jsBefore)} before, ${mb(jsPeak)} peak, growth ${mb(jsPeak - jsBefore)}`,
    );
    console.log(
      `baseline (the file held in memory once, as a buffered import would at least): ${mb(sent)}; ` +
        `rss growth / file size = ${(growth / sent).toFixed(2)}, js growth / file size = ${((jsPeak - jsBefore) / sent).toFixed(2)}`,
    );
  } finally {
    await app.close();
    await closeAppContext(ctx);
    await dropDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
