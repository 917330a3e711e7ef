import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundWork, type BackgroundWork } from '../src/background.js';
import {
  api,
  apiKey,
  builtInMockModelId,
  signup,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The `promptops prompts` and `promptops eval` commands as a CI job runs them: a child process
 * against a real listening server, configured by PROMPTOPS_URL and PROMPTOPS_API_KEY.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let s: TestServer;
let bg: BackgroundWork;
let admin: Session;
let baseUrl: string;
let key: string;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `promptops …` from the sources; async, so this process's server keeps answering meanwhile. */
function promptops(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts', ...args],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PROMPTOPS_URL: baseUrl,
          PROMPTOPS_API_KEY: key,
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const enc = encodeURIComponent;
const url = (p: string) => `/api/v1/orgs/${admin.orgId}${p}`;
const call = (method: 'GET' | 'POST' | 'PUT', p: string, payload?: unknown) =>
  api(s.app, {
    method,
    url: url(p),
    token: admin.accessToken,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

async function versions(name: string): Promise<number[]> {
  const res = await call('GET', `/prompts/${enc(name)}/versions`);
  expect(res.status).toBe(200);
  return res.body.items.map((v: { version: number }) => v.version).sort((a: number, b: number) => a - b);
}

async function labelVersion(name: string, label: string): Promise<number | null> {
  const res = await call('GET', `/prompts/${enc(name)}?label=${label}`);
  return res.status === 200 ? res.body.version : null;
}

const QUESTIONS = [
  'What is the capital of France?',
  'Name a primary colour',
  'What do bees make?',
  'Largest planet?',
];

beforeAll(async () => {
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50' });
  baseUrl = await s.app.listen({ host: '127.0.0.1', port: 0 });
  bg = startBackgroundWork(s.ctx);
  admin = await signup(s.app, 'CLI Org');
  key = await apiKey(s.app, admin, 'editor');
  dir = await mkdtemp(path.join(tmpdir(), 'promptops-cli-'));
  const mockFast = await builtInMockModelId(s.app, admin);

  const greeting = {
    variables: [{ name: 'place', default: 'PromptOps', description: 'where they are' }],
    params: { temperature: 0.3, maxTokens: 200 },
    modelId: mockFast,
  };
  const created = [
    await call('POST', '/prompts', {
      name: 'greeting',
      template: 'Hello {{name}}, welcome to {{place}}.\nKeep it short.',
      ...greeting,
    }),
    await call('POST', '/prompts', {
      name: 'support/reply',
      messages: [
        { role: 'system', content: 'You answer support tickets.' },
        { role: 'user', content: '{{ticket}}' },
      ],
    }),
    await call('POST', '/prompts', {
      name: 'qa',
      template: 'Answer briefly: {{question}}',
      modelId: mockFast,
    }),
  ];
  for (const res of created) expect(res.status).toBe(201);
  const v2 = await call('POST', '/prompts/greeting/versions', {
    template: 'Hi {{name}} at {{place}}',
    ...greeting,
  });
  expect(v2.status).toBe(201);
  expect((await call('PUT', '/prompts/greeting/labels/staging', { version: 1 })).status).toBe(200);
  expect(
    (await call('PUT', '/settings/review', { protectedLabels: ['production'], requiredApprovals: 1 })).status,
  ).toBe(200);

  // Expected answers: the mock model's real answers for two questions, wrong ones for the others,
  // so exact_match scores a mean of exactly 0.5.
  const items = [];
  for (const [i, question] of QUESTIONS.entries()) {
    const run = await call('POST', '/executions', {
      prompt: { name: 'qa', version: 1 },
      modelId: mockFast,
      variables: { question },
    });
    expect(run.status).toBe(201);
    items.push({ input: { question }, expected: i < 2 ? run.body.execution.output : 'something else' });
  }
  const ds = await call('POST', '/datasets', { name: 'cli questions' });
  expect(ds.status).toBe(201);
  expect((await call('POST', `/datasets/${ds.body.dataset.id}/items`, { items })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await bg?.close();
  await s?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('promptops prompts', () => {
  it('pulls one YAML file per prompt, pushes only what changed, and a second push is a no-op', async () => {
    const pulled = await promptops(['prompts', 'pull', '--dir', dir]);
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain('Pulled 3 prompt(s)');

    const greeting = await readFile(path.join(dir, 'greeting.yaml'), 'utf8');
    // Keys in a fixed order, the newest version's content, labels → versions.
    expect(greeting).toBe(
      [
        'name: greeting',
        'type: text',
        'model: mock-fast',
        'params:',
        '  temperature: 0.3',
        '  maxTokens: 200',
        'template: Hi {{name}} at {{place}}',
        'variables:',
        '  - name: place',
        '    default: PromptOps',
        '    description: where they are',
        'labels:',
        '  staging: 1',
        '',
      ].join('\n'),
    );
    const reply = await readFile(path.join(dir, 'support', 'reply.yaml'), 'utf8');
    expect(reply).toContain(
      'type: chat\nmessages:\n  - role: system\n    content: You answer support tickets.\n',
    );

    await writeFile(
      path.join(dir, 'support', 'reply.yaml'),
      reply.replace('You answer support tickets.', 'You answer support tickets politely.'),
    );
    const before = { greeting: await versions('greeting'), qa: await versions('qa') };
    const pushed = await promptops(['prompts', 'push', '--dir', dir, '--message', 'Be polite']);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('support/reply.yaml  new version 2 (messages)');
    expect(pushed.stdout).toContain('greeting.yaml  unchanged');
    expect(pushed.stdout).toContain('qa.yaml  unchanged');
    expect(pushed.stdout).toContain('Pushed 1 of 3 prompt(s)');
    expect(await versions('support/reply')).toEqual([1, 2]);
    expect({ greeting: await versions('greeting'), qa: await versions('qa') }).toEqual(before);
    const v2 = await call('GET', `/prompts/${enc('support/reply')}?version=2`);
    expect(v2.body.commitMessage).toBe('Be polite');
    expect(v2.body.messages[0].content).toBe('You answer support tickets politely.');

    const again = await promptops(['prompts', 'push', '--dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('support/reply.yaml  unchanged');
    expect(again.stdout).toContain('Pushed 0 of 3 prompt(s)');
    expect(await versions('support/reply')).toEqual([1, 2]);
  });

  it('refuses a push with an invalid file: exit 2, each file and field named, nothing saved', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'promptops-cli-bad-'));
    try {
      await writeFile(path.join(bad, 'qa.yaml'), 'name: qa\ntype: text\ntemplate: "Changed: {{question}}"\n');
      await writeFile(
        path.join(bad, 'hot.yaml'),
        'name: hot\ntype: text\nparams:\n  temperature: 5\ntemplate: Hi\n',
      );
      await writeFile(path.join(bad, 'broken.yaml'), 'name: broken\ntype: text\ntemplate: [unclosed\n');
      const before = await versions('qa');
      const run = await promptops(['prompts', 'push', '--dir', bad]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('nothing was pushed');
      expect(run.stderr).toMatch(/hot\.yaml: params\.temperature: /);
      expect(run.stderr).toMatch(/broken\.yaml: line \d+: YAML syntax/);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await versions('qa')).toEqual(before);
      expect((await call('GET', '/prompts/hot')).status).toBe(404);

      // Checked against the organization before sending: model names and prompt types.
      await rm(path.join(bad, 'hot.yaml'));
      await rm(path.join(bad, 'broken.yaml'));
      await writeFile(
        path.join(bad, 'typo.yaml'),
        'name: typo\ntype: text\nmodel: mock-fsat\ntemplate: Hi\n',
      );
      await writeFile(
        path.join(bad, 'greeting.yaml'),
        'name: greeting\ntype: chat\nmessages:\n  - role: user\n    content: Hi\n',
      );
      const checked = await promptops(['prompts', 'push', '--dir', bad]);
      expect(checked.code).toBe(2);
      expect(checked.stderr).toContain('typo.yaml: model: no model named "mock-fsat"');
      expect(checked.stderr).toContain('greeting.yaml: type: "greeting" is a text prompt on the server');
      expect(await versions('qa')).toEqual(before);

      // Only the server knows which prompts exist: its refusal also names the file, and the
      // valid change to qa.yaml is not saved either (one transaction).
      await rm(path.join(bad, 'typo.yaml'));
      await rm(path.join(bad, 'greeting.yaml'));
      await writeFile(
        path.join(bad, 'intro.yaml'),
        'name: intro\ntype: text\ntemplate: "{{> missing/part}} Hi"\n',
      );
      const refused = await promptops(['prompts', 'push', '--dir', bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('nothing was pushed');
      expect(refused.stderr).toMatch(/intro\.yaml: template: .*missing\/part/);
      expect(await versions('qa')).toEqual(before);
      expect((await call('GET', '/prompts/intro')).status).toBe(404);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('moves a label, and opens a review for a protected one', async () => {
    const moved = await promptops(['prompts', 'promote', 'greeting', '--version', '2', '--label', 'staging']);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('staging moved to version 2 (was 1)');
    expect(await labelVersion('greeting', 'staging')).toBe(2);

    const review = await promptops([
      'prompts',
      'promote',
      'greeting',
      '--version',
      '2',
      '--label',
      'production',
    ]);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain('"production" is a protected label, so a review was opened');
    const id = /reviews\/([0-9a-f-]{36})/.exec(review.stdout)?.[1];
    expect(id).toBeDefined();
    const stored = await call('GET', `/reviews/${id}`);
    expect(stored.body).toMatchObject({
      status: 'open',
      promptName: 'greeting',
      version: 2,
      label: 'production',
    });
    expect(await labelVersion('greeting', 'production')).toBeNull();

    // A re-run (a retried CI job) finds the review instead of failing or opening another.
    const again = await promptops([
      'prompts',
      'promote',
      'greeting',
      '--version',
      '2',
      '--label',
      'production',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('a review is already open');
    expect(again.stdout).toContain(`reviews/${id}`);
    const open = await call('GET', '/reviews?promptName=greeting&status=open');
    expect(open.body.items).toHaveLength(1);
  });

  it('names a wrong API key clearly and exits non-zero', async () => {
    const run = await promptops(['prompts', 'pull', '--dir', dir], { PROMPTOPS_API_KEY: 'po_wrong' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Not authenticated');
    expect(run.stdout).toBe('');
  });
});

describe('promptops eval run', () => {
  const evalArgs = ['eval', 'run', '--dataset', 'cli questions', '--prompt', 'qa#1', '--model', 'mock-fast'];

  it('passes a --min gate with exit 0 and prints the evaluation as JSON', async () => {
    const run = await promptops([
      ...evalArgs,
      '--evaluator',
      'exact_match',
      '--evaluator',
      'contains:pattern=mock,ignoreCase=true,name=mentions_mock',
      '--min',
      'exact_match=0.5',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const evaluation = JSON.parse(run.stdout);
    // stderr says where the run is, and nothing else when it is not a terminal.
    expect(run.stderr.trim()).toBe(
      `Started evaluation ${evaluation.id}: ${baseUrl}/orgs/${admin.orgId}/evaluations/${evaluation.id}`,
    );
    expect(evaluation).toMatchObject({ status: 'succeeded', progress: { total: 4, done: 4, failed: 0 } });
    expect(evaluation.summary[0].metrics.exact_match.mean).toBe(0.5);
    expect(evaluation.summary[0].metrics.mentions_mock.mean).toBe(1);
  });

  it('fails a --min gate with exit 1, naming the key and variant, after a readable summary', async () => {
    const run = await promptops([...evalArgs, '--evaluator', 'exact-match', '--min', 'exact_match=0.75']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/exact_match\s+mean 0\.5000\s+95% CI \[/);
    expect(run.stdout).toContain('FAIL  exact_match ≥ 0.75 for "qa#1": 0.5000');
    expect(run.stderr).toContain('Gate failed: exact_match ≥ 0.75 for variant "qa#1" (mean 0.5000).');
  });
});
