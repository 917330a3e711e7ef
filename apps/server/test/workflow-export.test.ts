import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '@promptops/contracts';
import { startBackgroundWork, type BackgroundWork } from '../src/background.js';
import { startMockLlm, type MockLlmServer } from '../src/mock-llm/index.js';
import {
  api,
  apiKey,
  eventually,
  signup,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * An exported workflow run as its users run it: the files of `GET …/workflows/{name}/export`
 * written to a directory and `node --import tsx src/main.ts` started there, its prompt nodes
 * calling this test server (whose model is the mock-llm simulator) with an organization API key.
 * The outputs must be what the workflow semantics say (computed here from direct prompt runs) and
 * what a run of the same workflow in PromptOps gives.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let s: TestServer;
let bg: BackgroundWork;
let mock: MockLlmServer;
let owner: Session;
let baseUrl: string;
let key: string;
let modelId: string;
let projects: string;

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await api(s.app, {
    method,
    url: `/api/v1/orgs/${owner.orgId}${url}`,
    token: owner.accessToken,
    ...(payload ? { payload } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** What a prompt node must produce: the output of the same run made directly. */
async function promptRun(name: string, variables: Record<string, string>) {
  const { execution } = await call('POST', '/executions', { prompt: { name }, modelId, variables });
  return execution as { output: string; costUsd: string };
}

/** The runs of a prompt made with the API key: the project's, not this test's own. */
async function apiRuns(promptName: string) {
  const body = await call('GET', `/executions?promptName=${promptName}&source=api`);
  return body.items as { promptVersion: number; modelId: string; status: string }[];
}

interface ProjectRun {
  code: number;
  result: { status: string; output?: unknown; error?: string; waiting?: unknown };
}

const written = new Map<string, Promise<string>>();

/**
 * Saves the graph as the workflow `export-test/<dirName>`, exports it through the API and writes
 * the files into their own directory under `projects` (whose node_modules is the repo's).
 */
function writeProject(dirName: string, graph: WorkflowGraph): Promise<string> {
  const known = written.get(dirName);
  if (known) return known;
  const work = (async () => {
    const name = `export-test/${dirName}`;
    await call('POST', '/workflows', { name, graph });
    const { files } = (await call(
      'GET',
      `/workflows/${encodeURIComponent(name)}/export?format=langgraph`,
    )) as {
      files: Record<string, string>;
    };
    const dir = path.join(projects, dirName);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    return dir;
  })();
  written.set(dirName, work);
  return work;
}

interface ProductRun {
  id: string;
  status: string;
  output: unknown;
  error: string | null;
  waiting: { nodeId: string; message: string } | null;
}

async function settled(id: string): Promise<ProductRun> {
  return eventually(
    `workflow run ${id} to stop`,
    async () => {
      const { run } = (await call('GET', `/workflow-runs/${id}`)) as { run: ProductRun };
      return ['succeeded', 'failed', 'cancelled', 'waiting'].includes(run.status) ? run : undefined;
    },
    30_000,
  );
}

/** A run of the saved workflow in PromptOps (`POST …/runs`), followed until it stops. */
async function productRun(dirName: string, input: object): Promise<ProductRun> {
  const name = encodeURIComponent(`export-test/${dirName}`);
  const { run } = (await call('POST', `/workflows/${name}/runs`, { input })) as { run: ProductRun };
  return settled(run.id);
}

/** `npm start -- '<request>'` without npm: asynchronous, so this process's server keeps answering. */
function runProject(dir: string, request: object): Promise<ProjectRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', JSON.stringify(request)],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PROMPTOPS_URL: baseUrl,
          PROMPTOPS_API_KEY: key,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        try {
          resolve({ code: error ? Number(error.code ?? -1) : 0, result: JSON.parse(stdout) });
        } catch {
          reject(new Error(`no JSON from the project (${String(error)}): ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

function runTool(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr }),
    );
  });
}

const edge = (id: string, source: string, target: string, sourceHandle?: string) => ({
  id,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

/** start → classify (prompt) → check (condition) → reply (prompt) → done, or → other. */
const branching = (): WorkflowGraph => ({
  nodes: [
    { id: 'start', type: 'start', data: { inputs: ['text'] } },
    {
      id: 'classify',
      type: 'prompt',
      data: { prompt: { name: 'classify', version: 1 }, modelId, variables: { text: '{{input.text}}' } },
    },
    {
      id: 'check',
      type: 'condition',
      data: { branches: [{ id: 'refund', when: 'classify.output.contains("refund")' }] },
    },
    // No model on the node: the prompt version's model runs.
    {
      id: 'reply',
      type: 'prompt',
      data: { prompt: { name: 'reply' }, variables: { ticket: '{{classify.output}}' } },
    },
    {
      id: 'done',
      type: 'end',
      data: { output: '{{reply.output}} [{{check.branch}}] cost {{reply.costUsd}}' },
    },
    { id: 'other', type: 'end', data: { output: 'General: {{classify.output}}' } },
  ],
  edges: [
    edge('e1', 'start', 'classify'),
    edge('e2', 'classify', 'check'),
    edge('e3', 'check', 'reply', 'refund'),
    edge('e4', 'check', 'other', 'else'),
    edge('e5', 'reply', 'done'),
  ],
});

/** A do-while loop whose body is a prompt that sees the iteration. */
const looping = (): WorkflowGraph => ({
  nodes: [
    { id: 'start', type: 'start', data: {} },
    { id: 'loop1', type: 'loop', data: { maxIterations: 3, until: 'loop1.iteration >= 2' } },
    {
      id: 'step',
      type: 'prompt',
      data: {
        prompt: { name: 'step' },
        modelId,
        variables: { round: '{{loop1.iteration}}', topic: '{{input.topic}}' },
      },
    },
    { id: 'done', type: 'end', data: { output: '{{step.output}} | iterations: {{loop1.iteration}}' } },
  ],
  edges: [
    edge('e1', 'start', 'loop1'),
    edge('e2', 'loop1', 'step', 'body'),
    edge('e3', 'step', 'loop1'),
    edge('e4', 'loop1', 'done', 'done'),
  ],
});

/** parallel → a prompt, a code tool and an HTTP tool → join → end. */
const fanning = (): WorkflowGraph => ({
  nodes: [
    { id: 'start', type: 'start', data: {} },
    { id: 'fan', type: 'parallel', data: {} },
    {
      id: 'a',
      type: 'prompt',
      data: { prompt: { name: 'step' }, modelId, variables: { round: 'A', topic: '{{input.topic}}' } },
    },
    {
      id: 'code',
      type: 'tool',
      data: { kind: 'code', code: 'function run(state) { return state.input.topic.length }' },
    },
    { id: 'http', type: 'tool', data: { kind: 'http', method: 'GET', url: '{{input.models}}' } },
    { id: 'join', type: 'join', data: {} },
    {
      id: 'done',
      type: 'end',
      data: { output: '{{a.output}} | {{code.output}} | {{http.status}} {{http.output.object}}' },
    },
  ],
  edges: [
    edge('e1', 'start', 'fan'),
    edge('e2', 'fan', 'a'),
    edge('e3', 'fan', 'code'),
    edge('e4', 'fan', 'http'),
    edge('e5', 'a', 'join'),
    edge('e6', 'code', 'join'),
    edge('e7', 'http', 'join'),
    edge('e8', 'join', 'done'),
  ],
});

const asking = (): WorkflowGraph => ({
  nodes: [
    { id: 'start', type: 'start', data: {} },
    { id: 'review', type: 'human', data: { message: 'Ship {{input.item}}?' } },
    { id: 'done', type: 'end', data: { output: '{{review.approved}}: {{review.comment}}' } },
  ],
  edges: [edge('e1', 'start', 'review'), edge('e2', 'review', 'done')],
});

beforeAll(async () => {
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50', RUN_HEARTBEAT_MS: '200' });
  baseUrl = await s.app.listen({ host: '127.0.0.1', port: 0 });
  bg = startBackgroundWork(s.ctx);
  mock = await startMockLlm({ port: 0, chunkGapMs: 1, replyWords: 12 });
  owner = await signup(s.app, 'Workflow Export Org');
  key = await apiKey(s.app, owner, 'editor');
  const provider = await call('POST', '/providers', {
    name: 'Simulator',
    type: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    settings: { maxRetries: 0 },
  });
  const model = await call('POST', '/models', {
    providerId: provider.id,
    name: 'sim-model',
    inputPricePerMTok: '3',
    outputPricePerMTok: '15',
  });
  modelId = model.id;
  await call('POST', '/prompts', { name: 'classify', template: '{{text}}', modelId });
  await call('POST', '/prompts', { name: 'reply', template: 'Answer the ticket: {{ticket}}', modelId });
  await call('POST', '/prompts', { name: 'step', template: 'Round {{round}} on {{topic}}', modelId });
  // PromptOps' HTTP tool calls only allowed hosts; the export calls any.
  await call('PUT', '/workflow-settings', { httpAllowedHosts: [new URL(mock.url).host] });
  projects = await mkdtemp(path.join(tmpdir(), 'promptops-export-'));
  // The installed packages, so the projects run without a network.
  await symlink(path.join(repoRoot, 'node_modules'), path.join(projects, 'node_modules'), 'dir');
}, 60_000);

afterAll(async () => {
  await bg?.close();
  await mock?.close();
  await s?.close();
  if (projects) await rm(projects, { recursive: true, force: true });
});

describe('an exported workflow run with LangGraph', () => {
  it('branches on a prompt output and runs the next prompt like PromptOps does', async () => {
    const dir = await writeProject('branching', branching());

    const text = 'I want a refund for order 42';
    const classified = await promptRun('classify', { text });
    expect(classified.output).toContain('refund');
    const reply = await promptRun('reply', { ticket: classified.output });
    const expected = `${reply.output} [refund] cost ${reply.costUsd}`;
    expect(await runProject(dir, { input: { text } })).toEqual({
      code: 0,
      result: { status: 'succeeded', output: expected },
    });
    expect(await productRun('branching', { text })).toMatchObject({ status: 'succeeded', output: expected });

    const other = 'Where is my parcel today please';
    const general = await promptRun('classify', { text: other });
    expect(general.output).not.toContain('refund');
    expect(await runProject(dir, { input: { text: other } })).toEqual({
      code: 0,
      result: { status: 'succeeded', output: `General: ${general.output}` },
    });
    expect(await productRun('branching', { text: other })).toMatchObject({
      status: 'succeeded',
      output: `General: ${general.output}`,
    });
    // Each prompt node of the project ran once through the API, the node without a model on the
    // version's model (PromptOps' own runs are recorded with source workflow).
    expect(await apiRuns('classify')).toHaveLength(2);
    expect(await apiRuns('reply')).toEqual([
      expect.objectContaining({ promptVersion: 1, modelId, status: 'succeeded' }),
    ]);
  });

  it('runs a loop body until `until` holds (do-while), the iteration counting from 1', async () => {
    const dir = await writeProject('looping', looping());
    const second = await promptRun('step', { round: '2', topic: 'graphs' });
    const expected = `${second.output} | iterations: 2`;
    expect(await runProject(dir, { input: { topic: 'graphs' } })).toEqual({
      code: 0,
      result: { status: 'succeeded', output: expected },
    });
    expect(await productRun('looping', { topic: 'graphs' })).toMatchObject({
      status: 'succeeded',
      output: expected,
    });
  });

  it('runs parallel branches (prompt, code and HTTP tools) and joins them', async () => {
    const dir = await writeProject('fanning', fanning());
    const a = await promptRun('step', { round: 'A', topic: 'joins' });
    const input = { topic: 'joins', models: `${mock.url}/v1/models` };
    const expected = `${a.output} | 5 | 200 list`;
    expect(await runProject(dir, { input })).toEqual({
      code: 0,
      result: { status: 'succeeded', output: expected },
    });
    expect(await productRun('fanning', input)).toMatchObject({ status: 'succeeded', output: expected });
  });

  it('waits at a human node and goes on with the decision given', async () => {
    const dir = await writeProject('asking', asking());
    const waiting = { nodeId: 'review', message: 'Ship the box?' };
    expect(await runProject(dir, { input: { item: 'the box' } })).toEqual({
      code: 0,
      result: { status: 'waiting', waiting },
    });
    const decision = { approved: true, comment: 'looks good' };
    const decided = await runProject(dir, { input: { item: 'the box' }, decisions: { review: decision } });
    expect(decided).toEqual({ code: 0, result: { status: 'succeeded', output: 'true: looks good' } });

    const paused = await productRun('asking', { item: 'the box' });
    expect(paused).toMatchObject({ status: 'waiting', waiting });
    await call('POST', `/workflow-runs/${paused.id}/resume`, { decision });
    const resumed = await eventually(
      'the resumed run to end',
      async () => {
        const run = await settled(paused.id);
        return run.status === 'waiting' ? undefined : run;
      },
      30_000,
    );
    expect(resumed).toMatchObject({ status: 'succeeded', output: 'true: looks good' });
  });

  it('imports back as the same graph', async () => {
    await writeProject('looping', looping());
    const name = encodeURIComponent('export-test/looping');
    const { files } = (await call('GET', `/workflows/${name}/export`)) as { files: Record<string, string> };
    const imported = await call('POST', '/workflows/import', { name: 'export-test/imported', files });
    const original = await call('GET', `/workflows/${name}`);
    expect(imported.version.graph).toEqual(original.version.graph);
    expect(imported.version.message).toBe('Imported from an export of export-test/looping version 1');
    const future = JSON.stringify({ ...JSON.parse(files['promptops-workflow.json']!), format: 99 });
    const refused = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/workflows/import`,
      token: owner.accessToken,
      payload: { files: { ...files, 'promptops-workflow.json': future } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        path: 'files.promptops-workflow.json',
        message: expect.stringContaining('format 99'),
      }),
    ]);
  });

  it('fails with the node and the reason when the API refuses the key', async () => {
    const dir = await writeProject('refused', looping());
    const run = await new Promise<ProjectRun>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts', '{"input": {"topic": "x"}}'],
        {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', PROMPTOPS_URL: baseUrl, PROMPTOPS_API_KEY: 'po_wrong' },
        },
        (error, stdout) => resolve({ code: Number(error?.code ?? 0), result: JSON.parse(stdout) }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.result.status).toBe('failed');
    expect(run.result.error).toMatch(/^Node "step": PromptOps answered 401: /);
  });

  it('type-checks as TypeScript', async () => {
    await writeFile(
      path.join(projects, 'tsconfig.json'),
      JSON.stringify({ extends: './branching/tsconfig.json', include: ['*/src'] }),
    );
    for (const [name, graph] of [
      ['branching', branching()],
      ['looping', looping()],
      ['fanning', fanning()],
      ['asking', asking()],
    ] as const)
      await writeProject(name, graph);
    const tsc = await runTool(projects, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc).toEqual({ code: 0, output: '' });
  }, 120_000);
});
