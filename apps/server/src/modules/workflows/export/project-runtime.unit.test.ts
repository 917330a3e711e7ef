import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDecision,
  chooseBranch,
  connectionFromEnv,
  evaluateCondition,
  HTTP_TOOL_MAX_RESPONSE_BYTES,
  renderTemplate,
  repeatLoop,
  runCodeTool,
  runHttpTool,
} from './project-runtime.js';

const state = {
  input: { question: 'Why?', n: 3, tags: ['a', 'b'] },
  classify: { output: 'refund please', usage: { inputTokens: 3, outputTokens: 2 }, costUsd: '0.01' },
  loop1: { iteration: 2 },
};

describe('templates', () => {
  it('inserts strings as they are and other values as JSON', () => {
    expect(renderTemplate('Q: {{input.question}} n={{ input.n }} tags={{input.tags}}', state, 'x', 'f')).toBe(
      'Q: Why? n=3 tags=["a","b"]',
    );
    expect(renderTemplate('{{input.tags.1}} {{loop1}}', state, 'x', 'f')).toBe('b {"iteration":2}');
  });

  it('keeps the escapes of prompt templates', () => {
    expect(
      renderTemplate('\\{{input.n}} \\\\{{input.n}} {{{input.n}}} {{ 1x }} {{a-b}}', state, 'x', 'f'),
    ).toBe('{{input.n}} \\3 {3} {{ 1x }} {{a-b}}');
  });

  it('fails the node on a path that does not resolve, naming the path', () => {
    expect(() => renderTemplate('{{classify.missing}} {{later.output}}', state, 'reply', 'f')).toThrow(
      'Node "reply": classify.missing: classify has no "missing"; later.output: there is no "later" (only input and the nodes that have run)',
    );
    // Only the state's own data: nothing from Object's prototype, no `length` of a list.
    expect(() => renderTemplate('{{input.constructor}}', state, 'x', 'f')).toThrow(
      'input has no "constructor"',
    );
    expect(() => renderTemplate('{{input.tags.length}}', state, 'x', 'f')).toThrow(
      'input.tags is a list of 2 items',
    );
    expect(() => renderTemplate('{{input.question.x}}', state, 'x', 'f')).toThrow(
      'input.question is a string, not an object',
    );
  });
});

describe('expressions and routing', () => {
  it('evaluates CEL over input and the node outputs', () => {
    expect(evaluateCondition('classify.output.contains("refund") && input.n > 2.0', state, 'c', 'w')).toBe(
      true,
    );
    // Whole numbers are CEL ints, so arithmetic with int literals works; the strings extension is on.
    expect(evaluateCondition('loop1.iteration + 1 == 3 && input.n % 2 == 1', state, 'c', 'w')).toBe(true);
    expect(evaluateCondition('classify.output.upperAscii().startsWith("REFUND")', state, 'c', 'w')).toBe(
      true,
    );
    expect(evaluateCondition('input.tags[1] == "b" && size(input.tags) == 2', state, 'c', 'w')).toBe(true);
  });

  it('fails the node on an expression that is not a bool or does not evaluate', () => {
    expect(() => evaluateCondition('input.question', state, 'c', 'branches.0.when')).toThrow(
      'Node "c": branches.0.when: expression returned string, not a bool',
    );
    expect(() => evaluateCondition('input.n', state, 'c', 'w')).toThrow(
      'expression returned int, not a bool',
    );
    expect(() => evaluateCondition('nope.x', state, 'c', 'w')).toThrow(/^Node "c": w: /);
    expect(() => evaluateCondition('1 +', state, 'c', 'w')).toThrow(/^Node "c": w: /);
  });

  it('takes the first branch that holds, else `else`, and fails without an else edge', () => {
    const branches = [
      { id: 'no', when: 'false' },
      { id: 'first', when: 'true' },
      { id: 'second', when: 'true' },
    ];
    expect(chooseBranch(state, 'c', branches, false)).toEqual({ branch: 'first' });
    expect(chooseBranch(state, 'c', [{ id: 'no', when: 'false' }], true)).toEqual({ branch: 'else' });
    expect(() => chooseBranch(state, 'c', [{ id: 'no', when: 'false' }], false)).toThrow(
      'Node "c": No branch matched and there is no else edge',
    );
  });

  it('repeats a loop until `until` holds or maxIterations is reached', () => {
    const at = (iteration: number) => ({ ...state, loop1: { iteration } });
    expect(repeatLoop(at(1), 'loop1', { until: 'false', maxIterations: 3 })).toEqual({
      iteration: 2,
      done: false,
    });
    expect(repeatLoop(at(3), 'loop1', { until: 'false', maxIterations: 3 })).toEqual({
      iteration: 3,
      done: true,
    });
    expect(repeatLoop(at(1), 'loop1', { until: 'loop1.iteration == 1', maxIterations: 3 })).toEqual({
      iteration: 1,
      done: true,
    });
  });

  it('takes a human decision and refuses anything else', () => {
    expect(checkDecision('h', { approved: false, comment: 'no', extra: 1 })).toEqual({
      approved: false,
      comment: 'no',
    });
    expect(() => checkDecision('h', 'yes')).toThrow('Node "h": resume with a decision');
    expect(() => checkDecision('h', { approved: true, comment: 5 })).toThrow('comment must be a string');
  });
});

describe('connection settings', () => {
  it('reads the server, key and organization from the environment', () => {
    expect(
      connectionFromEnv('org-default', {
        PROMPTOPS_URL: 'https://po.example.com/api/v1/',
        PROMPTOPS_API_KEY: 'k',
      }),
    ).toEqual({ baseUrl: 'https://po.example.com', apiKey: 'k', orgId: 'org-default' });
    expect(
      connectionFromEnv('org-default', {
        PROMPTOPS_URL: 'https://po.example.com/prefix',
        PROMPTOPS_API_KEY: 'k',
        PROMPTOPS_ORG_ID: 'org-other',
      }),
    ).toEqual({ baseUrl: 'https://po.example.com/prefix', apiKey: 'k', orgId: 'org-other' });
    expect(() => connectionFromEnv('o', { PROMPTOPS_API_KEY: 'k' })).toThrow('Set PROMPTOPS_URL');
    expect(() => connectionFromEnv('o', { PROMPTOPS_URL: 'http://x' })).toThrow('Set PROMPTOPS_API_KEY');
  });
});

describe('the code tool', () => {
  it("returns run(state)'s value, computed from a copy of the state", () => {
    expect(
      runCodeTool(state, 't', {
        code: 'function run(s) { return { q: s.input.question, n: s.input.n * 2 } }',
      }),
    ).toEqual({ output: { q: 'Why?', n: 6 } });
    expect(runCodeTool(state, 't', { code: 'function run() {}' })).toEqual({ output: null });
  });

  it('fails on a missing run function, an error, or a timeout', () => {
    expect(() => runCodeTool(state, 't', { code: 'const x = 1;' })).toThrow('define `function run(state)`');
    expect(() => runCodeTool(state, 't', { code: 'function run() { throw new Error("boom") }' })).toThrow(
      'Node "t": code: boom',
    );
    expect(() => runCodeTool(state, 't', { code: 'function run() { for (;;) {} }', timeoutMs: 50 })).toThrow(
      /timed out/,
    );
    // No access to this process: the context has no `process` or `require`.
    expect(() => runCodeTool(state, 't', { code: 'function run() { return process.pid }' })).toThrow(
      'process is not defined',
    );
  });
});

describe('the HTTP tool', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/json') {
          res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ method: req.method, body, note: req.headers['x-note'] }));
        } else if (req.url === '/broken') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{not json');
        } else if (req.url === '/moved') {
          res.writeHead(302, { location: '/json' });
          res.end();
        } else if (req.url === '/big') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('x'.repeat(HTTP_TOOL_MAX_RESPONSE_BYTES + 1));
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 2_000);
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not here');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('renders url, headers and body, and parses a JSON answer', async () => {
    const s = { ...state, input: { ...state.input, base } };
    await expect(
      runHttpTool(s, 'h', {
        method: 'POST',
        url: '{{input.base}}/json',
        headers: { 'x-note': 'n={{input.n}}' },
        body: '{"q": "{{input.question}}"}',
      }),
    ).resolves.toEqual({ output: { method: 'POST', body: '{"q": "Why?"}', note: 'n=3' }, status: 201 });
    await expect(runHttpTool(s, 'h', { method: 'GET', url: '{{input.base}}/other' })).resolves.toEqual({
      output: 'not here',
      status: 404,
    });
    // Said JSON but is not: the text. A redirect is the answer, not followed.
    await expect(runHttpTool(s, 'h', { method: 'GET', url: `${base}/broken` })).resolves.toEqual({
      output: '{not json',
      status: 200,
    });
    await expect(runHttpTool(s, 'h', { method: 'GET', url: `${base}/moved` })).resolves.toEqual({
      output: '',
      status: 302,
    });
  });

  it('fails on a large answer, a timeout or a URL that is not http(s)', async () => {
    await expect(runHttpTool(state, 'h', { method: 'GET', url: `${base}/big` })).rejects.toThrow(
      'The response is larger than 1,048,576 bytes',
    );
    await expect(
      runHttpTool(state, 'h', { method: 'GET', url: `${base}/slow`, timeoutMs: 100 }),
    ).rejects.toThrow('No answer within 100 ms');
    await expect(runHttpTool(state, 'h', { method: 'GET', url: 'file:///etc/passwd' })).rejects.toThrow(
      'Only http and https URLs are allowed, not file:',
    );
  });
});
