import { WORKFLOW_ERROR_CODES, type WorkflowGraph, type WorkflowGraphError } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { graphOf } from './graph-builder.test-support.js';
import { parseNodeData, promptReferences, validateGraphStructure } from './validate-graph.js';

/** start → a (prompt) → end: the smallest valid graph, extended by each test. */
const linear = (): WorkflowGraph =>
  graphOf(
    [
      ['start', 'start'],
      ['a', 'prompt'],
      ['end', 'end'],
    ],
    [
      ['start', 'a'],
      ['a', 'end'],
    ],
  );

const MODEL_ID = '5f0c6f3e-8a59-4c1b-9d0e-2b7a1c3d4e5f';

const codes = (errors: WorkflowGraphError[]) => errors.map((e) => e.code);

describe('validateGraphStructure', () => {
  it('accepts a small valid graph', () => {
    expect(validateGraphStructure(linear())).toEqual([]);
  });

  it('no-start and no-end', () => {
    expect(validateGraphStructure({ nodes: [], edges: [] })).toEqual([
      { code: 'no-start', message: 'The workflow needs a start node' },
      { code: 'no-end', message: 'The workflow needs at least one end node' },
    ]);
    const g = graphOf(
      [
        ['start', 'start'],
        ['start2', 'start'],
        ['end', 'end'],
      ],
      [
        ['start', 'end'],
        ['start2', 'end'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'start2',
        code: 'no-start',
        message: 'A workflow has exactly one start node: remove this one',
      },
    ]);
  });

  it('duplicate-id for nodes, edges and reserved ids', () => {
    const g = linear();
    g.nodes.push({ id: 'a', type: 'prompt', data: { prompt: { name: 'x' } } });
    g.nodes.push({ id: 'loop', type: 'parallel', data: {} }, { id: 'input', type: 'join', data: {} });
    g.edges.push({ id: 'e1', source: 'a', target: 'end' });
    const errors = validateGraphStructure(g);
    expect(errors.filter((e) => e.code === 'duplicate-id')).toEqual([
      { nodeId: 'a', code: 'duplicate-id', message: 'Another node already has the id a' },
      {
        nodeId: 'loop',
        code: 'duplicate-id',
        message: '"loop" is a reserved word in expressions: give the node another id',
      },
      {
        nodeId: 'input',
        code: 'duplicate-id',
        message: '"input" is the run\'s input in templates and expressions: give the node another id',
      },
      { edgeId: 'e1', code: 'duplicate-id', message: 'Another edge already has the id e1' },
    ]);
  });

  it('unknown-type, and no further rules for that node', () => {
    const g = linear();
    g.nodes[1]!.type = 'llm';
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'a',
        code: 'unknown-type',
        message:
          'Unknown node type "llm": use one of start, prompt, condition, loop, parallel, join, human, tool, end',
      },
    ]);
  });

  it('bad-data with the field path of each schema issue', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['a', 'prompt', { prompt: { name: '', version: 2, label: 'production' }, variables: { q: 5 } }],
        ['l', 'loop', { maxIterations: 0, until: 'true' }],
        ['t', 'tool', { kind: 'ftp' }],
        ['h', 'tool', { kind: 'http', method: 'GET', url: 'file:///etc/passwd' }],
        ['end', 'end', {}],
      ],
      [],
    );
    const bad = validateGraphStructure(g).filter((e) => e.code === 'bad-data');
    expect(bad.map((e) => [e.nodeId, e.field])).toEqual([
      ['a', 'prompt.name'],
      ['a', 'prompt'],
      ['a', 'variables.q'],
      ['l', 'maxIterations'],
      ['t', 'kind'],
      ['h', 'url'],
      ['end', 'output'],
    ]);
    expect(bad.find((e) => e.nodeId === 'l')?.message).toMatch(/^maxIterations: /);
    expect(bad.find((e) => e.nodeId === 'h')?.message).toBe('url: must start with http:// or https://');
  });

  it('bad-data for condition branch ids', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        [
          'c',
          'condition',
          {
            branches: [
              { id: 'a', when: 'true' },
              { id: 'a', when: 'false' },
              { id: 'else', when: 'true' },
            ],
          },
        ],
        ['end', 'end'],
      ],
      [
        ['start', 'c'],
        ['c', 'end', 'a'],
        ['c', 'end', 'else'],
      ],
    );
    expect(validateGraphStructure(g).filter((e) => e.code === 'bad-data')).toEqual([
      {
        nodeId: 'c',
        code: 'bad-data',
        field: 'branches.1.id',
        message: 'branches.1.id: another branch is already called a',
      },
      {
        nodeId: 'c',
        code: 'bad-data',
        field: 'branches.2.id',
        message: 'branches.2.id: "else" is the fallback edge; name the branch differently',
      },
    ]);
  });

  it('bad-template for mistyped paths and paths that name no node, in every template field', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        [
          'a',
          'prompt',
          { prompt: { name: 'p' }, variables: { ok: '{{input.q}} {{a.output}}', q: 'Hi {{input..q}}' } },
        ],
        ['h', 'human', { message: 'Approve {{draft.output}}?' }],
        [
          't',
          'tool',
          {
            kind: 'http',
            method: 'POST',
            url: '{{input.url}}',
            headers: { 'x-a': '{{.a}}' },
            body: '{{nobody}}',
          },
        ],
        ['end', 'end', { output: '{{ h.approved }} {{input.user-id}}' }],
      ],
      [
        ['start', 'a'],
        ['a', 'h'],
        ['h', 't'],
        ['t', 'end'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'a',
        code: 'bad-template',
        field: 'variables.q',
        message:
          'variables.q: {{input..q}} is not a valid path: it has an empty segment (two dots, or a dot at the end)',
      },
      {
        nodeId: 'h',
        code: 'bad-template',
        field: 'message',
        message: 'message: {{draft.output}} names no node: paths start with input or a node id',
      },
      {
        nodeId: 't',
        code: 'bad-template',
        field: 'headers.x-a',
        message:
          'headers.x-a: {{.a}} is not a valid path: it starts with a dot; begin with input or a node id',
      },
      {
        nodeId: 't',
        code: 'bad-template',
        field: 'body',
        message: 'body: {{nobody}} names no node: paths start with input or a node id',
      },
      {
        nodeId: 'end',
        code: 'bad-template',
        field: 'output',
        message:
          'output: {{input.user-id}} is not a valid path: "user-id" is neither a name (letters, digits and _) nor an array index',
      },
    ]);
  });

  it('bad-expression with the branch or until field and the compiler message', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        [
          'c',
          'condition',
          {
            branches: [
              { id: 'ok', when: 'input.n > 1' },
              { id: 'broken', when: 'input.n >' },
              { id: 'unknown', when: 'draft.output == "x"' },
            ],
          },
        ],
        ['l', 'loop', { maxIterations: 2, until: 'nope(l.iteration)' }],
        ['b', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'c'],
        ['c', 'l', 'ok'],
        ['c', 'end', 'broken'],
        ['c', 'end', 'unknown'],
        ['l', 'b', 'body'],
        ['b', 'l'],
        ['l', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'c',
        code: 'bad-expression',
        field: 'branches.1.when',
        message: 'branches.1.when: Syntax error at column 9: found > but expecting end of input',
      },
      {
        nodeId: 'c',
        code: 'bad-expression',
        field: 'branches.2.when',
        message: 'branches.2.when: Unknown name "draft": use input or a node id (input, start, c, l, b, end)',
      },
      { nodeId: 'l', code: 'bad-expression', field: 'until', message: 'until: Unknown function: nope' },
    ]);
  });

  it('dangling-edge', () => {
    const g = linear();
    g.edges.push({ id: 'x', source: 'a', target: 'ghost' }, { id: 'y', source: 'gone', target: 'lost' });
    expect(validateGraphStructure(g)).toEqual([
      { edgeId: 'x', code: 'dangling-edge', message: 'Edge x connects a → ghost, but ghost does not exist' },
      {
        edgeId: 'y',
        code: 'dangling-edge',
        message: 'Edge y connects gone → lost, but gone and lost do not exist',
      },
    ]);
  });

  it('bad-edge: into start, out of end, fan-out without a parallel node, repeated edges', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['a', 'prompt'],
        ['b', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'a'],
        ['a', 'b'],
        ['a', 'end'],
        ['b', 'end'],
        ['b', 'end'],
        ['end', 'start'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      { edgeId: 'e5', nodeId: 'b', code: 'bad-edge', message: 'Edge e5 repeats edge e4' },
      { edgeId: 'e6', nodeId: 'start', code: 'bad-edge', message: 'Nothing may lead into the start node' },
      {
        edgeId: 'e6',
        nodeId: 'end',
        code: 'bad-edge',
        message: 'An end node finishes the run: it has no outgoing edges',
      },
      {
        nodeId: 'a',
        edgeId: 'e3',
        code: 'bad-edge',
        message: 'A prompt node has one outgoing edge: use a parallel node to fan out',
      },
      {
        nodeId: 'b',
        edgeId: 'e5',
        code: 'bad-edge',
        message: 'A prompt node has one outgoing edge: use a parallel node to fan out',
      },
      {
        nodeId: 'start',
        edgeId: 'e6',
        code: 'cycle-without-loop',
        message:
          'start → a → end → start is a cycle that does not return to a loop: a cycle must leave a loop node by its body edge and come back to that loop node',
      },
    ]);
  });

  it('bad-edge: a parallel node with one branch, condition and loop handles', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['p', 'parallel'],
        ['c', 'condition'],
        ['l', 'loop'],
        ['b', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'p'],
        ['p', 'c'],
        ['c', 'l', 'yes'],
        ['c', 'end', 'no'],
        ['c', 'end'],
        ['l', 'b', 'body'],
        ['b', 'l'],
        ['l', 'end', 'done'],
        ['l', 'end', 'finished'],
        ['c', 'l', 'else'],
        ['c', 'end', 'else'],
      ],
    );
    expect(validateGraphStructure(g).filter((e) => e.code === 'bad-edge')).toEqual([
      {
        nodeId: 'p',
        edgeId: 'e2',
        code: 'bad-edge',
        message: 'A parallel node runs at least two branches: add another outgoing edge',
      },
      {
        nodeId: 'c',
        edgeId: 'e4',
        code: 'bad-edge',
        message: 'Edge e4 leaves from "no", which is not a branch id (yes) or else',
      },
      {
        nodeId: 'c',
        edgeId: 'e5',
        code: 'bad-edge',
        message: 'Edge e5 must leave from a branch id (yes) or else',
      },
      {
        nodeId: 'c',
        edgeId: 'e11',
        code: 'bad-edge',
        message: '"else" already has an edge: it leads to one node',
      },
      {
        nodeId: 'l',
        edgeId: 'e9',
        code: 'bad-edge',
        message: 'Edge e9 leaves from "finished", which is not body or done',
      },
    ]);
  });

  it('dead-end for nodes that lead nowhere', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['p', 'parallel'],
        ['a', 'prompt'],
        ['h', 'human'],
        ['t', 'tool'],
        ['end', 'end'],
      ],
      [
        ['start', 'p'],
        ['p', 'a'],
        ['p', 'h'],
        ['p', 't'],
        ['t', 'end'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'a',
        code: 'dead-end',
        message: 'The prompt node a leads nowhere: connect it to the next node',
      },
      {
        nodeId: 'h',
        code: 'dead-end',
        message: 'The human node h leads nowhere: connect it to the next node',
      },
    ]);
    const lonelyStart = graphOf(
      [
        ['start', 'start'],
        ['end', 'end'],
      ],
      [],
    );
    expect(codes(validateGraphStructure(lonelyStart))).toEqual(['dead-end', 'unreachable']);
  });

  it('missing-branch for condition branches and loop edges', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        [
          'c',
          'condition',
          {
            branches: [
              { id: 'x', when: 'true' },
              { id: 'y', when: 'false' },
            ],
          },
        ],
        ['l', 'loop'],
        ['end', 'end'],
      ],
      [
        ['start', 'c'],
        ['c', 'l', 'y'],
        ['c', 'end', 'else'],
        ['l', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'c',
        field: 'branches.0',
        code: 'missing-branch',
        message: 'Branch x has no edge: connect it to the node it leads to',
      },
      {
        nodeId: 'l',
        code: 'missing-branch',
        message: 'The loop l has no body edge: connect it to the first node to repeat',
      },
    ]);
  });

  it('unreachable nodes', () => {
    const g = linear();
    g.nodes.push({ id: 'orphan', type: 'prompt', data: { prompt: { name: 'x' } } });
    g.nodes.push({ id: 'island_end', type: 'end', data: { output: '' } });
    g.edges.push({ id: 'o', source: 'orphan', target: 'island_end' });
    expect(validateGraphStructure(g)).toEqual([
      { nodeId: 'orphan', code: 'unreachable', message: 'Nothing leads from the start to orphan' },
      { nodeId: 'island_end', code: 'unreachable', message: 'Nothing leads from the start to island_end' },
    ]);
  });

  it('covers every error code but the database ones', () => {
    // The tests above each produce one code; this keeps the list honest when codes are added.
    const covered = new Set([
      'no-start',
      'no-end',
      'unreachable',
      'dangling-edge',
      'cycle-without-loop',
      'bad-expression',
      'missing-branch',
      'unknown-type',
      'duplicate-id',
      'bad-data',
      'bad-template',
      'bad-edge',
      'dead-end',
    ]);
    expect(WORKFLOW_ERROR_CODES.filter((c) => !covered.has(c))).toEqual(['unknown-prompt', 'unknown-model']);
  });

  it('gives the same errors in the same order every time', () => {
    const g = graphOf(
      [
        ['a', 'prompt', { prompt: {} }],
        ['b', 'mystery'],
        ['c', 'condition', { branches: [{ id: 'z', when: '1 +' }] }],
      ],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['x', 'y'],
      ],
    );
    const first = validateGraphStructure(g);
    expect(codes(first)).toEqual([
      'no-start',
      'no-end',
      'bad-data',
      'unknown-type',
      'bad-expression',
      'dangling-edge',
      'missing-branch',
      'cycle-without-loop',
    ]);
    expect(validateGraphStructure(structuredClone(g))).toEqual(first);
  });
});

describe('parseNodeData', () => {
  it('returns the typed data with defaults, or null', () => {
    const parsed = parseNodeData({ type: 'prompt', data: { prompt: { name: 'classify' } } });
    expect(parsed).toEqual({ type: 'prompt', data: { prompt: { name: 'classify' }, variables: {} } });
    if (parsed?.type === 'prompt') expect(parsed.data.prompt.name).toBe('classify');
    expect(parseNodeData({ type: 'loop', data: { maxIterations: 200, until: 'true' } })).toBeNull();
    expect(parseNodeData({ type: 'nope', data: {} })).toBeNull();
  });
});

describe('promptReferences', () => {
  it('lists the prompt, version or label and model of each valid prompt node', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['a', 'prompt', { prompt: { name: 'classify', label: 'production' }, modelId: MODEL_ID }],
        ['b', 'prompt', { prompt: { name: 'support/answer', version: 3 } }],
        ['c', 'prompt', { prompt: { name: 'plain' } }],
        ['bad', 'prompt', { prompt: { name: 'x', version: 1, label: 'y' } }],
        ['end', 'end'],
      ],
      [],
    );
    expect(promptReferences(g)).toEqual([
      { nodeId: 'a', name: 'classify', label: 'production', modelId: MODEL_ID },
      { nodeId: 'b', name: 'support/answer', version: 3 },
      { nodeId: 'c', name: 'plain' },
    ]);
  });
});
