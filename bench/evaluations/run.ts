// Evaluation throughput: an N-item × 2-variant evaluation against `promptops mock-llm` with a fixed
// latency per call, measured against the ideal (calls × latency / concurrency) and against the same
// calls made directly with the OpenAI SDK at the same concurrency, in the same run. Prints the
// server's RSS after each size, to show memory does not grow with the dataset.
//   npm run bench:evaluations [-- --sizes 1000,10000 --latency 10 --concurrency 10 --database postgres://…]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { startProcess, stopProcess } from '../process.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    latency: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '10' },
    database: { type: 'string' },
    profile: { type: 'string', description: 'write a CPU profile of the server into this folder' },
    heap: {
      type: 'boolean',
      default: false,
      description:
        'after each size, take a heap snapshot of the server (a full GC first) and print its live heap',
    },
  },
});
const SIZES = values.sizes!.split(',').map(Number);
const LATENCY_MS = Number(values.latency);
const CONCURRENCY = Number(values.concurrency);
const VARIANTS = 2;

async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body as any;
}

/** Resident memory of a process in MiB (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * Live heap of the server in MiB: SIGUSR2 makes it write a heap snapshot (V8 collects garbage
 * first), and the snapshot's nodes' self sizes add up to what is still reachable.
 */
async function liveHeapMiB(pid: number, dir: string): Promise<number> {
  const before = new Set(await readdir(dir));
  process.kill(pid, 'SIGUSR2');
  let file: string | undefined;
  for (let waited = 0; !file; waited += 200) {
    if (waited > 120_000) throw new Error('the server wrote no heap snapshot within 2 minutes');
    await new Promise((r) => setTimeout(r, 200));
    const fresh = (await readdir(dir)).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // Written in one go at the end: parseable once the JSON is complete.
    for (const f of fresh) {
      const text = await readFile(path.join(dir, f), 'utf8');
      if (text.trimEnd().endsWith('}')) file = text;
    }
  }
  const snapshot = JSON.parse(file) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const selfSize = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += width) bytes += snapshot.nodes[i]!;
  return bytes / 2 ** 20;
}

/** The same number of calls straight to the mock with the SDK, `CONCURRENCY` at a time. */
async function directCalls(mockUrl: string, calls: number): Promise<number> {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${mockUrl}/v1`, maxRetries: 0 });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls) {
        const i = next++;
        await client.chat.completions
          .create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: `Answer briefly: question ${i}` }],
            stream: true,
            stream_options: { include_usage: true },
          })
          .then(async (s) => {
            for await (const _ of s);
          });
      }
    }),
  );
  return performance.now() - t0;
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-eval-'));
  const mock = await startProcess(
    [
      'apps/server/dist/main.js',
      'mock-llm',
      '--port',
      '0',
      '--latency',
      String(LATENCY_MS),
      '--chunk-gap',
      '0',
      // The mock's own requests-per-minute limit would otherwise stop a 10,000-item run.
      '--rpm',
      '100000000',
    ],
    {},
    /listening on (http:\/\/[\d.:]+)/,
  );
  const mockUrl = /http:\/\/[\d.:]+/.exec(mock.line)![0];
  const server = await startProcess(
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      ...(values.heap ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dataDir}`] : []),
      'apps/server/dist/main.js',
      'start',
    ],
    {
      PORT: '0',
      PROMPTOPS_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
      JOBS_POLL_INTERVAL_MS: '100',
      ...(values.database
        ? {
            DATABASE_URL: values.database,
            DATABASE_POOL_SIZE: '20',
            PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
          }
        : {}),
    },
    /"url":"(http:\/\/[\d.:]+)"/,
  );
  const base = /http:\/\/[\d.:]+/.exec(server.line)![0];
  try {
    const session = await json(`${base}/api/v1/auth/signup`, {
      body: {
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: 'correct horse battery staple',
        name: 'Bench',
        organizationName: 'Bench',
      },
    });
    const token = session.accessToken as string;
    const org = `${base}/api/v1/orgs/${session.organization.id}`;
    const provider = await json(`${org}/providers`, {
      token,
      body: {
        name: 'mock',
        type: 'openai-compatible',
        baseUrl: `${mockUrl}/v1`,
        settings: { maxRetries: 0 },
      },
    });
    const model = await json(`${org}/models`, {
      token,
      body: {
        providerId: provider.id,
        name: 'gpt-4o-mini',
        inputPricePerMTok: '0.15',
        outputPricePerMTok: '0.6',
      },
    });
    await json(`${org}/prompts`, {
      token,
      body: { name: 'qa', template: 'Answer briefly: {{question}}', modelId: model.id },
    });
    await json(`${org}/prompts/qa/versions`, {
      token,
      body: { template: 'Reply in one sentence: {{question}}', modelId: model.id },
    });

    console.log(
      `evaluation of N items × ${VARIANTS} variants, mock latency ${LATENCY_MS} ms per call, concurrency ${CONCURRENCY}` +
        ` (${values.database ? 'PostgreSQL' : 'embedded database'})`,
    );
    console.log(`server RSS before: ${rssMiB(server.proc.pid!).toFixed(0)} MiB`);
    if (values.heap)
      console.log(
        `server live heap before: ${(await liveHeapMiB(server.proc.pid!, dataDir)).toFixed(1)} MiB`,
      );
    for (const [run, size] of SIZES.entries()) {
      const dataset = await json(`${org}/datasets`, {
        token,
        body: { name: `bench ${run + 1}: ${size} items` },
      });
      for (let start = 0; start < size; start += 10_000) {
        const items = Array.from({ length: Math.min(10_000, size - start) }, (_, k) => ({
          input: { question: `question number ${start + k}` },
          expected: `answer number ${start + k}`,
        }));
        await json(`${org}/datasets/${dataset.dataset.id}/items`, { token, body: { items } });
      }
      const calls = size * VARIANTS;
      const directMs = await directCalls(mockUrl, calls);
      if (process.env.BENCH_VERBOSE) console.error(`direct calls: ${directMs.toFixed(0)} ms`);
      let peakRss = 0;
      const t0 = performance.now();
      const created = await json(`${org}/evaluations`, {
        token,
        body: {
          datasetId: dataset.dataset.id,
          variants: [{ prompt: { name: 'qa', version: 1 } }, { prompt: { name: 'qa', version: 2 } }],
          evaluators: [{ type: 'exact-match' }, { type: 'bleu' }],
          concurrency: CONCURRENCY,
        },
      });
      let evaluation = created.evaluation;
      while (evaluation.status === 'queued' || evaluation.status === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        peakRss = Math.max(peakRss, rssMiB(server.proc.pid!));
        evaluation = (await json(`${org}/evaluations/${evaluation.id}`, { token })).evaluation;
        if (process.env.BENCH_VERBOSE) console.error(evaluation.status, evaluation.progress);
      }
      const ms = performance.now() - t0;
      if (evaluation.status !== 'succeeded')
        throw new Error(`evaluation ended ${evaluation.status}: ${evaluation.error}`);
      const idealMs = (calls * LATENCY_MS) / CONCURRENCY;
      console.log(
        [
          `${size.toLocaleString('en-US')} items: ${calls.toLocaleString('en-US')} calls in ${(ms / 1000).toFixed(1)} s`,
          `${((calls / ms) * 1000).toFixed(0)} results/s`,
          `ideal ${(idealMs / 1000).toFixed(1)} s → ${(idealMs / ms).toFixed(2)}× ideal`,
          `direct SDK ${(directMs / 1000).toFixed(1)} s → ${(directMs / ms).toFixed(2)}× direct`,
          `server RSS peak ${peakRss.toFixed(0)} MiB, after ${rssMiB(server.proc.pid!).toFixed(0)} MiB`,
          ...(values.heap
            ? [`live heap after ${(await liveHeapMiB(server.proc.pid!, dataDir)).toFixed(1)} MiB`]
            : []),
        ].join(' · '),
      );
    }
  } finally {
    await stopProcess(server.proc);
    await stopProcess(mock.proc);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
