import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '@promptops/contracts';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { startBackgroundWork, type BackgroundWork } from '../../background.js';
import {
  api,
  eventually,
  memberWithRole,
  signup,
  sql,
  sseEvents,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/** Workflows end to end: the API, the durable job, LangGraph with its checkpoints, the gateway against mock-llm. */
let s: TestServer;
let bg: BackgroundWork;
let mock: MockLlmServer;
let admin: Session;
let foreign: Session;
let viewer: Session;
let baseUrl: string;
let fastModel: string;
let slowModel: string;
let billingModel: string;

const url = (path: string, session = admin) => `/api/v1/orgs/${session.orgId}${path}`;
const post = (path: string, payload: unknown, session = admin) =>
  api(s.app, {
    method: 'POST',
    url: url(path, session),
    token: session.accessToken,
    payload: payload as object,
  });
const put = (path: string, payload: unknown, session = admin) =>
  api(s.app, {
    method: 'PUT',
    url: url(path, session),
    token: session.accessToken,
    payload: payload as object,
  });
const get = (path: string, session = admin) =>
  api(s.app, { method: 'GET', url: url(path, session), token: session.accessToken });

async function model(name: string, headers: Record<string, string>) {
  const p = await post('/providers', {
    name,
    type: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    settings: { headers, maxRetries: 0 },
  });
  expect(p.status).toBe(201);
  const m = await post('/models', {
    providerId: p.body.id,
    name: 'gpt-4o-mini',
    inputPricePerMTok: '1',
    outputPricePerMTok: '2',
  });
  expect(m.status).toBe(201);
  return m.body.id as string;
}

async function ended(id: string, statuses = ['succeeded', 'failed', 'cancelled']) {
  return eventually(
    `workflow run ${id} to reach ${statuses.join('/')}`,
    async () => {
      const res = await get(`/workflow-runs/${id}`);
      return statuses.includes(res.body.run.status) ? res.body.run : undefined;
    },
    30_000,
  );
}

async function create(name: string, graph: WorkflowGraph) {
  const res = await post('/workflows', { name, graph });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function start(name: string, input: Record<string, unknown>) {
  const res = await post(`/workflows/${encodeURIComponent(name)}/runs`, { input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.run.id as string;
}

const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${sourceHandle ?? 'out'}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

function classifyAndRoute(): WorkflowGraph {
  return {
    nodes: [
      { id: 'start', type: 'start', data: { inputs: ['question'] } },
      {
        id: 'classify',
        type: 'prompt',
        data: {
          prompt: { name: 'classify' },
          modelId: billingModel,
          variables: { question: '{{input.question}}' },
        },
      },
      {
        id: 'route',
        type: 'condition',
        data: { branches: [{ id: 'billing', when: 'classify.output == "billing"' }] },
      },
      {
        id: 'billing_answer',
        type: 'prompt',
        data: { prompt: { name: 'answer' }, variables: { question: '{{input.question}}' } },
      },
      {
        id: 'general_answer',
        type: 'prompt',
        data: { prompt: { name: 'answer' }, variables: { question: 'general: {{input.question}}' } },
      },
      { id: 'done', type: 'end', data: { output: '{{classify.output}} -> {{billing_answer.output}}' } },
      { id: 'other', type: 'end', data: { output: 'general -> {{general_answer.output}}' } },
    ],
    edges: [
      edge('start', 'classify'),
      edge('classify', 'route'),
      edge('route', 'billing_answer', 'billing'),
      edge('route', 'general_answer', 'else'),
      edge('billing_answer', 'done'),
      edge('general_answer', 'other'),
    ],
  };
}

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, chunkGapMs: 0, replyWords: 5 });
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50', RUN_HEARTBEAT_MS: '200' });
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  bg = startBackgroundWork(s.ctx);
  admin = await signup(s.app, 'Workflows Org');
  foreign = await signup(s.app, 'Other Workflows Org');
  viewer = await memberWithRole(s.app, admin, 'viewer');
  fastModel = await model('fast', {});
  slowModel = await model('slow', { 'x-mock-latency-ms': '300' });
  billingModel = await model('classifier', { 'x-mock-reply': 'billing' });
  for (const [name, template] of [
    ['classify', 'Classify this question as billing or general: {{question}}'],
    ['answer', 'Answer: {{question}}'],
    ['summarize', 'Summarize: {{text}}'],
  ] as const) {
    const res = await post('/prompts', { name, template, modelId: fastModel });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await bg?.close();
  await s?.close();
  await mock?.close();
});

describe('workflow graphs: validation and versions', () => {
  it('reports node-level errors and refuses to save an invalid graph, changing nothing', async () => {
    const graph = {
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'ask', type: 'prompt', data: { prompt: { name: 'no-such-prompt' }, variables: {} } },
        { id: 'check', type: 'condition', data: { branches: [{ id: 'yes', when: 'ask.output ==' }] } },
        { id: 'weird', type: 'teleport', data: {} },
      ],
      edges: [edge('start', 'ask'), edge('ask', 'check'), edge('check', 'ghost', 'yes')],
    };
    const checked = await post('/workflows/validate', { graph });
    expect(checked.status).toBe(200);
    expect(checked.body.valid).toBe(false);
    const codes = checked.body.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['no-end', 'unknown-prompt', 'bad-expression', 'unknown-type', 'dangling-edge']),
    );
    expect(checked.body.errors).toContainEqual(
      expect.objectContaining({ nodeId: 'ask', code: 'unknown-prompt' }),
    );
    expect(checked.body.errors).toContainEqual(
      expect.objectContaining({ nodeId: 'check', code: 'bad-expression', field: 'branches.0.when' }),
    );

    const saved = await post('/workflows', { name: 'broken', graph });
    expect(saved.status).toBe(400);
    expect(saved.body.errors).toContainEqual(
      expect.objectContaining({ nodeId: 'ask', code: 'unknown-prompt' }),
    );
    expect((await get('/workflows/broken')).status).toBe(404);
  });

  it('keeps immutable versions, moves labels and runs a pinned version', async () => {
    const v1 = await create('support/router', classifyAndRoute());
    expect(v1.workflow).toMatchObject({ name: 'support/router', latestVersion: 1, nodeCount: 7 });
    const graph2 = classifyAndRoute();
    graph2.nodes.find((n) => n.id === 'done')!.data = { output: 'v2 {{classify.output}}' };
    const v2 = await post(`/workflows/${encodeURIComponent('support/router')}/versions`, {
      graph: graph2,
      message: 'shorter',
    });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toMatchObject({ version: 2, message: 'shorter', labels: ['latest'] });
    const label = await put(`/workflows/${encodeURIComponent('support/router')}/labels/production`, {
      version: 1,
    });
    expect(label.status).toBe(200);
    expect(label.body.workflow.labels).toEqual({ production: 1 });

    const list = await get(`/workflows/${encodeURIComponent('support/router')}/versions`);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.items[1].labels).toEqual(['production']);

    const diff = await get(`/workflows/${encodeURIComponent('support/router')}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({
      name: 'support/router',
      from: 1,
      to: 2,
      diff: {
        nodes: {
          added: [],
          removed: [],
          changed: [
            {
              id: 'done',
              type: 'end',
              typeBefore: null,
              fields: [
                {
                  field: 'output',
                  before: '{{classify.output}} -> {{billing_answer.output}}',
                  after: 'v2 {{classify.output}}',
                },
              ],
            },
          ],
          moved: [],
        },
        edges: { added: [], removed: [] },
      },
    });
    const missing = await get(`/workflows/${encodeURIComponent('support/router')}/diff?from=1&to=3`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/Version 3/);
    expect((await get('/workflows/nope/diff?from=1&to=2')).status).toBe(404);
    const bad = await get(`/workflows/${encodeURIComponent('support/router')}/diff?from=one&to=2`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');

    const pinned = await post(`/workflows/${encodeURIComponent('support/router')}/runs`, {
      label: 'production',
      input: { question: 'Why was I charged twice?' },
    });
    expect(pinned.status).toBe(201);
    const run = await ended(pinned.body.run.id);
    expect(run).toMatchObject({ status: 'succeeded', version: 1 });
    expect(run.output).toMatch(/^billing -> Mock reply to: Answer: Why was I charged twice\?/);
    const latest = await ended(await start('support/router', { question: 'Hi' }));
    expect(latest).toMatchObject({ status: 'succeeded', version: 2, output: 'v2 billing' });
  });
});

describe('workflow runs', () => {
  it('routes by a CEL condition, records every step with tokens and cost, and each LLM call as an execution of the run', async () => {
    await create('route', classifyAndRoute());
    const run = await ended(await start('route', { question: 'Refund my invoice' }));
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((st: { nodeId: string }) => st.nodeId)).toEqual([
      'start',
      'classify',
      'route',
      'billing_answer',
      'done',
    ]);
    expect(run.steps.find((st: { nodeId: string }) => st.nodeId === 'route').output).toEqual({
      branch: 'billing',
    });
    const classify = run.steps.find((st: { nodeId: string }) => st.nodeId === 'classify');
    expect(classify.output.output).toBe('billing');
    expect(classify.usage.inputTokens).toBeGreaterThan(0);
    expect(Number(classify.costUsd)).toBeGreaterThan(0);
    expect(Number(run.costUsd)).toBeCloseTo(
      run.steps.reduce((sum: number, st: { costUsd: string }) => sum + Number(st.costUsd), 0),
      10,
    );
    const executions = await sql<{ source: string; parent_type: string; prompt_name: string }>(
      s.ctx,
      'select source, parent_type, prompt_name from executions where parent_id = $1 order by created_at',
      [run.id],
    );
    expect(executions).toEqual([
      { source: 'workflow', parent_type: 'workflow', prompt_name: 'classify' },
      { source: 'workflow', parent_type: 'workflow', prompt_name: 'answer' },
    ]);
    expect(executions.length).toBe(
      run.steps.filter((st: { executionId: string | null }) => st.executionId).length,
    );
  });

  it('streams node events over SSE, then done with the run', async () => {
    const res = await fetch(`${baseUrl}${url('/workflows/route/runs')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { question: 'Card declined' }, stream: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: { event: string; data: any }[] = [];
    for await (const e of sseEvents(res)) events.push(e);
    const names = events.map((e) => `${e.event}:${e.data.nodeId ?? ''}`);
    for (const node of ['start', 'classify', 'route', 'billing_answer', 'done']) {
      expect(names.indexOf(`node-start:${node}`)).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(`node-end:${node}`)).toBeGreaterThan(names.indexOf(`node-start:${node}`));
    }
    expect(names.at(-1)).toBe('done:');
    expect(events.at(-1)!.data.run.status).toBe('succeeded');
    const classifyEnd = events.find((e) => e.event === 'node-end' && e.data.nodeId === 'classify')!;
    expect(classifyEnd.data).toMatchObject({ status: 'succeeded', output: { output: 'billing' } });
    expect(Number(classifyEnd.data.costUsd)).toBeGreaterThan(0);
  });

  it('pages through runs newest first without skipping or repeating one', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await start('route', { question: `page ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/workflow-runs?workflowName=route&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    for (const id of ids) await ended(id);
  });

  it('runs parallel branches concurrently and joins them', async () => {
    const summarize = (id: string, text: string) => ({
      id,
      type: 'prompt',
      data: { prompt: { name: 'summarize' }, modelId: slowModel, variables: { text } },
    });
    await create('fan-out', {
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'fan', type: 'parallel', data: {} },
        summarize('a', '{{input.first}}'),
        summarize('b', '{{input.second}}'),
        summarize('c', '{{input.third}}'),
        { id: 'merge', type: 'join', data: {} },
        { id: 'end', type: 'end', data: { output: '{{a.output}} | {{b.output}} | {{c.output}}' } },
      ],
      edges: [
        edge('start', 'fan'),
        edge('fan', 'a'),
        edge('fan', 'b'),
        edge('fan', 'c'),
        edge('a', 'merge'),
        edge('b', 'merge'),
        edge('c', 'merge'),
        edge('merge', 'end'),
      ],
    });
    const run = await ended(await start('fan-out', { first: 'one', second: 'two', third: 'three' }));
    expect(run.status).toBe('succeeded');
    expect(run.output.split(' | ')).toHaveLength(3);
    const branches = run.steps.filter((st: { nodeId: string }) => ['a', 'b', 'c'].includes(st.nodeId));
    // Each call takes ≥ 300 ms: run one after another they could not overlap.
    const latestStart = Math.max(...branches.map((st: { startedAt: string }) => Date.parse(st.startedAt)));
    const earliestEnd = Math.min(...branches.map((st: { endedAt: string }) => Date.parse(st.endedAt)));
    expect(latestStart).toBeLessThan(earliestEnd);
    expect(run.steps.filter((st: { nodeId: string }) => st.nodeId === 'merge')).toHaveLength(1);
  });

  it('bounds loops: the body runs until the CEL exit holds or maxIterations is reached', async () => {
    const loopGraph = (until: string, maxIterations: number): WorkflowGraph => ({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'revise', type: 'loop', data: { maxIterations, until } },
        {
          id: 'draft',
          type: 'prompt',
          data: { prompt: { name: 'answer' }, variables: { question: 'draft {{revise.iteration}}' } },
        },
        { id: 'end', type: 'end', data: { output: '{{revise.iteration}}: {{draft.output}}' } },
      ],
      edges: [
        edge('start', 'revise'),
        edge('revise', 'draft', 'body'),
        edge('draft', 'revise'),
        edge('revise', 'end', 'done'),
      ],
    });
    await create('loop-max', loopGraph('false', 3));
    const capped = await ended(await start('loop-max', {}));
    expect(capped.status).toBe('succeeded');
    expect(
      capped.steps
        .filter((st: { nodeId: string }) => st.nodeId === 'draft')
        .map((st: { iteration: number }) => st.iteration),
    ).toEqual([1, 2, 3]);
    expect(capped.output).toMatch(/^3: Mock reply to: Answer: draft 3/);

    await create('loop-exit', loopGraph('draft.output.contains("draft 2")', 10));
    const exited = await ended(await start('loop-exit', {}));
    expect(exited.status).toBe('succeeded');
    expect(exited.steps.filter((st: { nodeId: string }) => st.nodeId === 'draft')).toHaveLength(2);
    expect(exited.output).toMatch(/^2: /);
  });

  it('runs code tools in the sandbox and fails a run with the node named when code throws', async () => {
    const graph = (code: string): WorkflowGraph => ({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'calc', type: 'tool', data: { kind: 'code', code } },
        { id: 'end', type: 'end', data: { output: 'total={{calc.output.total}}' } },
      ],
      edges: [edge('start', 'calc'), edge('calc', 'end')],
    });
    await create(
      'code-ok',
      graph('function run(state) { return { total: state.input.items.reduce((a, b) => a + b, 0) }; }'),
    );
    const ok = await ended(await start('code-ok', { items: [1, 2, 3.5] }));
    expect(ok).toMatchObject({ status: 'succeeded', output: 'total=6.5' });

    await create('code-throws', graph('function run() { throw new Error("no stock"); }'));
    const failed = await ended(await start('code-throws', {}));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/calc.*no stock/);
    expect(failed.steps.find((st: { nodeId: string }) => st.nodeId === 'calc')).toMatchObject({
      status: 'failed',
    });
  });

  it('calls HTTP tools only on allow-listed hosts', async () => {
    const host = new URL(mock.url).host;
    await create('http-lookup', {
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'lookup', type: 'tool', data: { kind: 'http', method: 'GET', url: `${mock.url}/v1/models` } },
        { id: 'end', type: 'end', data: { output: '{{lookup.status}} {{lookup.output.object}}' } },
      ],
      edges: [edge('start', 'lookup'), edge('lookup', 'end')],
    });
    const refused = await ended(await start('http-lookup', {}));
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/allow-list/);

    expect((await put('/workflow-settings', { httpAllowedHosts: [host] }, viewer)).status).toBe(403);
    const saved = await put('/workflow-settings', { httpAllowedHosts: [host] });
    expect(saved.status).toBe(200);
    const allowed = await ended(await start('http-lookup', {}));
    expect(allowed).toMatchObject({ status: 'succeeded', output: '200 list' });
  });
});

describe('human approval', () => {
  const approvalGraph = (): WorkflowGraph => ({
    nodes: [
      { id: 'start', type: 'start', data: {} },
      {
        id: 'draft',
        type: 'prompt',
        data: { prompt: { name: 'answer' }, variables: { question: '{{input.topic}}' } },
      },
      { id: 'approve', type: 'human', data: { message: 'Publish "{{draft.output}}"?' } },
      { id: 'gate', type: 'condition', data: { branches: [{ id: 'yes', when: 'approve.approved' }] } },
      { id: 'published', type: 'end', data: { output: 'published: {{approve.comment}}' } },
      { id: 'rejected', type: 'end', data: { output: 'rejected' } },
    ],
    edges: [
      edge('start', 'draft'),
      edge('draft', 'approve'),
      edge('approve', 'gate'),
      edge('gate', 'published', 'yes'),
      edge('gate', 'rejected', 'else'),
    ],
  });

  it('pauses at a human node, lists the run in the inbox, and a double resume runs it once (409 for the second)', async () => {
    await create('approval', approvalGraph());
    const id = await start('approval', { topic: 'launch post' });
    const waiting = await ended(id, ['waiting', 'failed']);
    expect(waiting.status).toBe('waiting');
    expect(waiting.waiting).toEqual({
      nodeId: 'approve',
      message: expect.stringMatching(/^Publish "Mock reply to: Answer: launch post/),
    });
    const inbox = await get('/workflow-runs?status=waiting');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(id);

    expect((await post(`/workflow-runs/${id}/resume`, { decision: { approved: true } }, viewer)).status).toBe(
      403,
    );
    expect(
      (await post(`/workflow-runs/${id}/resume`, { decision: { approved: true } }, foreign)).status,
    ).toBe(404);
    const [first, second] = await Promise.all([
      post(`/workflow-runs/${id}/resume`, { decision: { approved: true, comment: 'ship it' } }),
      post(`/workflow-runs/${id}/resume`, { decision: { approved: false } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const done = await ended(id);
    const accepted = first.status === 200 ? 'published: ship it' : 'rejected';
    expect(done).toMatchObject({ status: 'succeeded', output: accepted });
    // The draft ran once: resuming continued from the checkpoint, it did not start over.
    expect(done.steps.filter((st: { nodeId: string }) => st.nodeId === 'draft')).toHaveLength(1);
    expect((await post(`/workflow-runs/${id}/resume`, { decision: { approved: true } })).status).toBe(409);
    const checkpoints = await sql(s.ctx, 'select 1 from checkpoints where thread_id = $1', [id]);
    expect(checkpoints).toHaveLength(0);
  });

  it('asks again on every iteration of a loop with a human node inside', async () => {
    await create('review-loop', {
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'rounds', type: 'loop', data: { maxIterations: 5, until: 'check.approved' } },
        { id: 'check', type: 'human', data: { message: 'Round {{rounds.iteration}}: good enough?' } },
        { id: 'end', type: 'end', data: { output: 'approved in round {{rounds.iteration}}' } },
      ],
      edges: [
        edge('start', 'rounds'),
        edge('rounds', 'check', 'body'),
        edge('check', 'rounds'),
        edge('rounds', 'end', 'done'),
      ],
    });
    const id = await start('review-loop', {});
    for (const round of [1, 2]) {
      const waiting = await ended(id, ['waiting', 'failed']);
      expect(waiting.waiting).toEqual({ nodeId: 'check', message: `Round ${round}: good enough?` });
      const resumed = await post(`/workflow-runs/${id}/resume`, {
        decision: { approved: false, comment: 'again' },
      });
      expect(resumed.status).toBe(200);
      await eventually('the run to leave the first wait', async () => {
        const res = await get(`/workflow-runs/${id}`);
        const steps = res.body.run.steps.filter((st: { nodeId: string }) => st.nodeId === 'check');
        return steps.length === round + 1 || res.body.run.status === 'failed' ? true : undefined;
      });
    }
    const third = await ended(id, ['waiting', 'failed']);
    expect(third.waiting.message).toBe('Round 3: good enough?');
    expect((await post(`/workflow-runs/${id}/resume`, { decision: { approved: true } })).status).toBe(200);
    expect(await ended(id)).toMatchObject({ status: 'succeeded', output: 'approved in round 3' });
  });

  it('continues after the worker restarts, and a cancelled waiting run keeps no checkpoints', async () => {
    await create('approval-restart', approvalGraph());
    const id = await start('approval-restart', { topic: 'restart' });
    await ended(id, ['waiting']);
    // A new worker: nothing of the paused run lives in memory, only in the database.
    await bg.close();
    bg = startBackgroundWork(s.ctx);
    expect(
      (await post(`/workflow-runs/${id}/resume`, { decision: { approved: true, comment: 'after restart' } }))
        .status,
    ).toBe(200);
    expect(await ended(id)).toMatchObject({ status: 'succeeded', output: 'published: after restart' });

    const other = await start('approval-restart', { topic: 'cancel me' });
    await ended(other, ['waiting']);
    const cancelled = await post(`/workflow-runs/${other}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.run.status).toBe('cancelled');
    expect(await sql(s.ctx, 'select 1 from checkpoints where thread_id = $1', [other])).toHaveLength(0);
    expect((await post(`/workflow-runs/${other}/resume`, { decision: { approved: true } })).status).toBe(409);
  });
});

describe('export and import', () => {
  it('exports a version as a LangGraph project and imports it back as an equal graph', async () => {
    const exported = await get(
      `/workflows/${encodeURIComponent('support/router')}/export?format=langgraph&version=1`,
    );
    expect(exported.status).toBe(200);
    const files = exported.body.files as Record<string, string>;
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['langgraph.json', 'package.json', 'src/graph.ts', 'promptops-workflow.json']),
    );
    expect(files['src/graph.ts']).toContain('StateGraph');
    expect(JSON.parse(files['promptops-workflow.json']!)).toMatchObject({
      name: 'support/router',
      version: 1,
    });

    const imported = await post('/workflows/import', { name: 'router-copy', files });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const original = await get(`/workflows/${encodeURIComponent('support/router')}?version=1`);
    expect(imported.body.version.graph).toEqual(original.body.version.graph);
    // Importing again adds the next version of the same workflow.
    const again = await post('/workflows/import', { name: 'router-copy', files });
    expect(again.status).toBe(201);
    expect(again.body.version.version).toBe(2);

    const future = {
      ...files,
      'promptops-workflow.json': JSON.stringify({
        format: 999,
        name: 'x',
        version: 1,
        graph: { nodes: [], edges: [] },
      }),
    };
    const refused = await post('/workflows/import', { files: future });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toMatch(/promptops-workflow\.json/);
    expect((await get('/workflows/x')).status).toBe(404);
  });
});

describe('workflow access', () => {
  it('hides another organization’s workflows and runs (404) and lets viewers read but not write or run', async () => {
    const runId = await start('route', { question: 'access' });
    await ended(runId);
    expect((await get('/workflows/route', foreign)).status).toBe(404);
    expect((await get(`/workflow-runs/${runId}`, foreign)).status).toBe(404);
    expect((await post('/workflows/route/runs', { input: {} }, foreign)).status).toBe(404);
    expect((await get('/workflows', foreign)).body.items).toEqual([]);

    expect((await get('/workflows/route', viewer)).status).toBe(200);
    expect((await get(`/workflow-runs/${runId}`, viewer)).status).toBe(200);
    expect((await post('/workflows/route/runs', { input: {} }, viewer)).status).toBe(403);
    expect(
      (await post('/workflows', { name: 'viewer-made', graph: classifyAndRoute() }, viewer)).status,
    ).toBe(403);
    expect((await get('/workflows/viewer-made')).status).toBe(404);
  });
});
