// Gateway overhead: the same streamed completion from `promptops mock-llm`, called directly with
// the OpenAI SDK and through POST /executions, interleaved, in separate processes.
//   npm run bench:gateway [-- --runs 200 --concurrency 50 --database postgres://…]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startProcess } from '../process.js';
import OpenAI from 'openai';
import { summarize, type Sample } from './stats.js';
import { json } from '../support.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '50' },
    'per-worker': { type: 'string', default: '6' },
    database: { type: 'string' },
    'chunk-gap': { type: 'string', default: '2' },
    profile: { type: 'string', description: 'write a CPU profile of the gateway server into this folder' },
  },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const PER_WORKER = Number(values['per-worker']);

const MESSAGES = [
  { role: 'system' as const, content: 'You are a concise assistant.' },
  { role: 'user' as const, content: 'Summarise the benefits of unit tests in two sentences.' },
];

async function direct(client: OpenAI): Promise<Sample> {
  const t0 = performance.now();
  let ttft = 0;
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: MESSAGES,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const chunk of stream) {
    if (!ttft && chunk.choices[0]?.delta?.content) ttft = performance.now() - t0;
  }
  return { ttft, total: performance.now() - t0 };
}

async function gateway(url: string, token: string, modelId: string): Promise<Sample> {
  const t0 = performance.now();
  let ttft = 0;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messages: MESSAGES, modelId, stream: true }),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (!ttft && text.includes('event: delta')) ttft = performance.now() - t0;
  }
  if (!text.includes('event: done')) throw new Error(`gateway run did not finish: ${text.slice(-300)}`);
  return { ttft, total: performance.now() - t0 };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-'));
  const mock = await startProcess(
    [
      'apps/server/dist/main.js',
      'mock-llm',
      '--port',
      '0',
      '--chunk-gap',
      values['chunk-gap']!,
      '--latency',
      '0',
    ],
    {},
    /listening on (http:\/\/[\d.:]+)/,
  );
  const mockUrl = /http:\/\/[\d.:]+/.exec(mock.line)![0];
  const server = await startProcess(
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      'apps/server/dist/main.js',
      'start',
    ],
    {
      PORT: '0',
      PROMPTOPS_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
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
    const email = `bench-${Date.now()}@example.test`;
    const session = await json(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      body: JSON.stringify({
        email,
        password: 'benchmark password 123',
        name: 'Bench',
        organizationName: 'Bench',
      }),
    });
    const org = session.organization.id;
    const key = await json(`${base}/api/v1/orgs/${org}/api-keys`, {
      method: 'POST',
      token: session.accessToken,
      body: JSON.stringify({ name: 'bench', role: 'editor' }),
    });
    const provider = await json(`${base}/api/v1/orgs/${org}/providers`, {
      method: 'POST',
      token: session.accessToken,
      body: JSON.stringify({ name: 'mock-llm', type: 'openai-compatible', baseUrl: `${mockUrl}/v1` }),
    });
    const model = await json(`${base}/api/v1/orgs/${org}/models`, {
      method: 'POST',
      token: session.accessToken,
      body: JSON.stringify({
        providerId: provider.id,
        name: 'gpt-4o-mini',
        inputPricePerMTok: '0.15',
        outputPricePerMTok: '0.6',
      }),
    });
    const client = new OpenAI({ baseURL: `${mockUrl}/v1`, apiKey: 'unused', maxRetries: 0 });
    const execUrl = `${base}/api/v1/orgs/${org}/executions`;
    const viaGateway = () => gateway(execUrl, key.key, model.id);

    for (let i = 0; i < 20; i++) {
      await direct(client);
      await viaGateway();
    }

    const d1: Sample[] = [];
    const g1: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first so drift in machine load hits both equally.
      if (i % 2) {
        d1.push(await direct(client));
        g1.push(await viaGateway());
      } else {
        g1.push(await viaGateway());
        d1.push(await direct(client));
      }
    }
    report(`concurrency 1, ${RUNS} runs each`, d1, g1);

    const dN: Sample[] = [];
    const gN: Sample[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = 0; i < PER_WORKER; i++) {
          if ((i + w) % 2) {
            dN.push(await direct(client));
            gN.push(await viaGateway());
          } else {
            gN.push(await viaGateway());
            dN.push(await direct(client));
          }
        }
      }),
    );
    report(`concurrency ${CONCURRENCY}, ${dN.length} runs each`, dN, gN);
    console.log(
      `database: ${values.database ? 'postgres' : 'embedded PGlite'}; mock chunk gap ${values['chunk-gap']} ms`,
    );
  } finally {
    server.proc.kill('SIGTERM');
    mock.proc.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(title: string, d: Sample[], g: Sample[]) {
  const sd = summarize(d);
  const sg = summarize(g);
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(`\n${title}`);
  console.log('                 TTFT p50  TTFT p99  total p50  total p99   (ms)');
  console.log(
    `direct (SDK)    ${fmt(sd.ttftP50)}  ${fmt(sd.ttftP99)}  ${fmt(sd.totalP50)}  ${fmt(sd.totalP99)}`,
  );
  console.log(
    `via gateway     ${fmt(sg.ttftP50)}  ${fmt(sg.ttftP99)}  ${fmt(sg.totalP50)}  ${fmt(sg.totalP99)}`,
  );
  console.log(
    `added           ${fmt(sg.ttftP50 - sd.ttftP50)}  ${fmt(sg.ttftP99 - sd.ttftP99)}  ${fmt(sg.totalP50 - sd.totalP50)}  ${fmt(sg.totalP99 - sd.totalP99)}`,
  );
  console.log(`ratio gateway/direct total p50: ${(sg.totalP50 / sd.totalP50).toFixed(3)}`);
}

await main();
