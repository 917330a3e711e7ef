import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '@promptops/contracts';
import { exportLangGraphProject } from './index.js';

/**
 * Generated graphs without prompt nodes, imported and run in this process: the control flow of
 * loops, conditions and joins as the workflow semantics define it. (The runs of whole projects
 * against a server are in apps/server/test/workflow-export.test.ts.)
 */
const repoRoot = new URL('../../../../../../', import.meta.url);
let dir: string;
let count = 0;

interface GeneratedModule {
  graph: { invoke(input: unknown): Promise<Record<string, unknown>> };
  END_NODES: readonly string[];
}

async function load(graph: WorkflowGraph): Promise<GeneratedModule> {
  const project = path.join(dir, `p${++count}`);
  const files = exportLangGraphProject({ name: 'flow', version: 1, graph, orgId: 'org' });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), text);
  }
  return (await import(pathToFileURL(path.join(project, 'src/graph.ts')).href)) as GeneratedModule;
}

/** The run's output: the output of the end node that ran. */
async function run(graph: WorkflowGraph, input: Record<string, unknown> = {}): Promise<unknown> {
  const mod = await load(graph);
  const state = await mod.graph.invoke({ input });
  return state[mod.END_NODES.find((id) => state[id] !== undefined)!];
}

const code = (id: string, source: string) => ({ id, type: 'tool', data: { kind: 'code', code: source } });
const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${sourceHandle ?? ''}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'promptops-graph-'));
  await symlink(new URL('node_modules', repoRoot), path.join(dir, 'node_modules'), 'dir');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a generated graph', () => {
  it('restarts an inner loop at iteration 1 each time an outer loop comes round', async () => {
    const output = await run({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'outer', type: 'loop', data: { maxIterations: 3, until: 'false' } },
        { id: 'inner', type: 'loop', data: { maxIterations: 2, until: 'false' } },
        code(
          'trace',
          'function run(s) { return (s.trace ? s.trace.output : "") + s.outer.iteration + "." + s.inner.iteration + " " }',
        ),
        {
          id: 'done',
          type: 'end',
          data: { output: '{{trace.output}}| {{outer.iteration}} {{inner.iteration}}' },
        },
      ],
      edges: [
        edge('start', 'outer'),
        edge('outer', 'inner', 'body'),
        edge('inner', 'trace', 'body'),
        edge('trace', 'inner'),
        edge('inner', 'outer', 'done'),
        edge('outer', 'done', 'done'),
      ],
    });
    expect(output).toBe('1.1 1.2 2.1 2.2 3.1 3.2 | 3 2');
  });

  it('stops a loop as soon as `until` holds after a body run (do-while)', async () => {
    const graph = (until: string) => ({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'loop1', type: 'loop', data: { maxIterations: 5, until } },
        code('body', 'function run(s) { return s.loop1.iteration * 10 }'),
        { id: 'done', type: 'end', data: { output: '{{loop1.iteration}} {{body.output}}' } },
      ],
      edges: [
        edge('start', 'loop1'),
        edge('loop1', 'body', 'body'),
        edge('body', 'loop1'),
        edge('loop1', 'done', 'done'),
      ],
    });
    // The body runs once even when `until` already holds.
    expect(await run(graph('true'))).toBe('1 10');
    expect(await run(graph('body.output >= 30'))).toBe('3 30');
    expect(await run(graph('false'))).toBe('5 50');
  });

  it('joins branches of different lengths once all of them have arrived', async () => {
    const output = await run(
      {
        nodes: [
          { id: 'start', type: 'start', data: {} },
          { id: 'fan', type: 'parallel', data: {} },
          code('short', 'function run(s) { return "s" }'),
          code('long1', 'function run(s) { return "l1" }'),
          code('long2', 'function run(s) { return s.long1.output + "+l2" }'),
          { id: 'join', type: 'join', data: {} },
          code('after', 'function run(s) { return [s.short.output, s.long2.output, s.input.n] }'),
          { id: 'done', type: 'end', data: { output: '{{after.output}} {{join}}' } },
        ],
        edges: [
          edge('start', 'fan'),
          edge('fan', 'short'),
          edge('fan', 'long1'),
          edge('long1', 'long2'),
          edge('short', 'join'),
          edge('long2', 'join'),
          edge('join', 'after'),
          edge('after', 'done'),
        ],
      },
      { n: 7 },
    );
    expect(output).toBe('["s","l1+l2",7] {}');
  });

  it('takes the first branch that holds and fails a run no branch fits', async () => {
    const graph = (withElse: boolean): WorkflowGraph => ({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        {
          id: 'check',
          type: 'condition',
          data: {
            branches: [
              { id: 'big', when: 'input.n > 10' },
              { id: 'mid', when: 'input.n > 5' },
            ],
          },
        },
        { id: 'a', type: 'end', data: { output: 'big' } },
        { id: 'b', type: 'end', data: { output: 'mid {{check.branch}}' } },
        ...(withElse ? [{ id: 'c', type: 'end', data: { output: 'small' } }] : []),
      ],
      edges: [
        edge('start', 'check'),
        edge('check', 'a', 'big'),
        edge('check', 'b', 'mid'),
        ...(withElse ? [edge('check', 'c', 'else')] : []),
      ],
    });
    expect(await run(graph(true), { n: 20 })).toBe('big');
    expect(await run(graph(true), { n: 7 })).toBe('mid mid');
    expect(await run(graph(true), { n: 1 })).toBe('small');
    await expect(run(graph(false), { n: 1 })).rejects.toThrow(
      'Node "check": No branch matched and there is no else edge',
    );
  });
});
