import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '@promptops/contracts';
import {
  connectNodes,
  fieldErrors,
  flowToGraph,
  graphToFlow,
  groupErrors,
  nextNodeId,
  nodeSummary,
  pruneStaleEdges,
  renameNode,
  sourceHandles,
  updateNodeConfig,
  type FlowState,
} from './graph-model';

const classify: WorkflowGraph = {
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { inputs: ['question'] } },
    {
      id: 'classify',
      type: 'prompt',
      position: { x: 0, y: 150 },
      data: {
        prompt: { name: 'support/classify', label: 'production' },
        variables: { q: '{{input.question}}' },
      },
    },
    {
      id: 'route',
      type: 'condition',
      position: { x: 0, y: 300 },
      data: { branches: [{ id: 'billing', when: 'classify.output == "billing"' }] },
    },
    {
      id: 'billing_end',
      type: 'end',
      position: { x: -150, y: 450 },
      data: { output: '{{classify.output}}' },
    },
    { id: 'other_end', type: 'end', position: { x: 150, y: 450 }, data: { output: 'other' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'classify' },
    { id: 'e2', source: 'classify', target: 'route' },
    { id: 'e3', source: 'route', target: 'billing_end', sourceHandle: 'billing' },
    { id: 'e4', source: 'route', target: 'other_end', sourceHandle: 'else' },
  ],
};

describe('graph conversion', () => {
  it('round-trips a graph unchanged', () => {
    const flow = graphToFlow(classify);
    expect(flow.unplaced).toBe(false);
    expect(flow.nodes[1]).toMatchObject({
      id: 'classify',
      type: 'prompt',
      data: { config: classify.nodes[1]!.data },
    });
    expect(flow.edges[2]).toEqual({
      id: 'e3',
      source: 'route',
      target: 'billing_end',
      sourceHandle: 'billing',
    });
    expect(flowToGraph(flow)).toEqual(classify);
  });

  it('places nodes saved without a position on a grid and says so', () => {
    const flow = graphToFlow({
      nodes: [
        { id: 'a', type: 'start', data: {} },
        { id: 'b', type: 'end', data: { output: '' } },
      ],
      edges: [],
    });
    expect(flow.unplaced).toBe(true);
    expect(flow.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 260, y: 0 },
    ]);
  });

  it('saves whole-pixel positions and leaves out React Flow state', () => {
    const flow = graphToFlow(classify);
    const dragged: FlowState = {
      nodes: flow.nodes.map((n, i) =>
        i === 0
          ? { ...n, position: { x: 10.6, y: -3.2 }, selected: true, measured: { width: 200, height: 70 } }
          : n,
      ),
      edges: flow.edges,
    };
    const graph = flowToGraph(dragged);
    expect(graph.nodes[0]).toEqual({
      id: 'start',
      type: 'start',
      position: { x: 11, y: -3 },
      data: { inputs: ['question'] },
    });
  });
});

describe('handles', () => {
  it('draws one handle per branch plus else, body/done for loops, none for end', () => {
    expect(
      sourceHandles('condition', {
        branches: [
          { id: 'a', when: 'true' },
          { id: 'b', when: 'false' },
        ],
      }),
    ).toEqual(['a', 'b', 'else']);
    expect(sourceHandles('loop', {})).toEqual(['body', 'done']);
    expect(sourceHandles('end', {})).toEqual([]);
    expect(sourceHandles('prompt', {})).toEqual([null]);
  });
});

describe('connectNodes', () => {
  const edges = graphToFlow(classify).edges;

  it('replaces the edge of a single-exit handle', () => {
    const next = connectNodes(
      edges,
      { source: 'classify', target: 'other_end', sourceHandle: null, targetHandle: null },
      'prompt',
    );
    expect(next.filter((e) => e.source === 'classify')).toEqual([
      { id: 'e_classify_other_end', source: 'classify', target: 'other_end' },
    ]);
    expect(next).toHaveLength(edges.length);
  });

  it('keeps every edge of a parallel node and the branch handle of a condition', () => {
    let next = connectNodes(
      [],
      { source: 'fan', target: 'a', sourceHandle: null, targetHandle: null },
      'parallel',
    );
    next = connectNodes(
      next,
      { source: 'fan', target: 'b', sourceHandle: null, targetHandle: null },
      'parallel',
    );
    expect(next.map((e) => e.target)).toEqual(['a', 'b']);
    const branch = connectNodes(
      edges,
      { source: 'route', target: 'classify', sourceHandle: 'billing', targetHandle: null },
      'condition',
    );
    expect(branch.find((e) => e.source === 'route' && e.sourceHandle === 'billing')).toMatchObject({
      target: 'classify',
    });
    expect(branch.find((e) => e.sourceHandle === 'else')?.target).toBe('other_end');
  });

  it('refuses self-connections and duplicates, and keeps edge ids unique', () => {
    expect(
      connectNodes(
        edges,
        { source: 'route', target: 'route', sourceHandle: 'else', targetHandle: null },
        'condition',
      ),
    ).toEqual(edges);
    const twice = connectNodes(
      edges,
      { source: 'route', target: 'other_end', sourceHandle: 'else', targetHandle: null },
      'condition',
    );
    expect(twice).toEqual(edges);
    const taken = [{ id: 'e_a_b', source: 'x', target: 'y' }];
    expect(
      connectNodes(taken, { source: 'a', target: 'b', sourceHandle: null, targetHandle: null }, 'prompt').map(
        (e) => e.id,
      ),
    ).toEqual(['e_a_b', 'e_a_b_2']);
  });
});

describe('renameNode', () => {
  it('moves edges and rewrites references in templates and expressions', () => {
    const flow = graphToFlow(classify);
    const renamed = renameNode(flow, 'classify', 'triage');
    expect(renamed).not.toBeNull();
    const graph = flowToGraph(renamed!);
    expect(graph.nodes[1]!.id).toBe('triage');
    expect(graph.nodes[2]!.data).toEqual({
      branches: [{ id: 'billing', when: 'triage.output == "billing"' }],
    });
    expect(graph.nodes[3]!.data).toEqual({ output: '{{triage.output}}' });
    expect(graph.edges.slice(0, 2)).toEqual([
      { id: 'e1', source: 'start', target: 'triage' },
      { id: 'e2', source: 'triage', target: 'route' },
    ]);
    // Unrelated nodes keep their identity, so React Flow does not redraw them.
    expect(renamed!.nodes[4]).toBe(flow.nodes[4]);
  });

  it('leaves longer names and member accesses alone', () => {
    const flow: FlowState = {
      nodes: [
        { id: 'a', type: 'start', position: { x: 0, y: 0 }, data: { config: {} } },
        {
          id: 'b',
          type: 'end',
          position: { x: 0, y: 0 },
          data: { config: { output: '{{aa.x}} {{input.a.y}} {{a.z}}' } },
        },
      ],
      edges: [],
    };
    expect(renameNode(flow, 'a', 'c')!.nodes[1]!.data.config).toEqual({
      output: '{{aa.x}} {{input.a.y}} {{c.z}}',
    });
  });

  it('refuses invalid or taken ids', () => {
    const flow = graphToFlow(classify);
    expect(renameNode(flow, 'classify', 'route')).toBeNull();
    expect(renameNode(flow, 'classify', '1abc')).toBeNull();
    expect(renameNode(flow, 'classify', 'input')).toBeNull();
    expect(renameNode(flow, 'classify', 'classify')).toBe(flow);
  });
});

describe('node helpers', () => {
  it('names new nodes after their type', () => {
    expect(nextNodeId('start', [])).toBe('start');
    expect(nextNodeId('end', ['end'])).toBe('end_1');
    expect(nextNodeId('prompt', ['prompt_1', 'prompt_3'])).toBe('prompt_2');
  });

  it('summarises each type in one line', () => {
    expect(nodeSummary('start', { inputs: ['question', 'lang'] })).toBe('inputs: question, lang');
    expect(nodeSummary('prompt', { prompt: { name: 'support/classify', label: 'production' } })).toBe(
      'support/classify @production',
    );
    expect(nodeSummary('prompt', { prompt: { name: 'x', version: 3 } })).toBe('x v3');
    expect(nodeSummary('condition', { branches: [{ id: 'a', when: 'true' }] })).toBe('1 branch: a · else');
    expect(nodeSummary('loop', { maxIterations: 3, until: 'draft.ok' })).toBe('≤ 3× until draft.ok');
    expect(nodeSummary('tool', { kind: 'http', method: 'POST', url: 'https://x.test/{{input.id}}' })).toBe(
      'POST https://x.test/{{input.id}}',
    );
    expect(nodeSummary('tool', { kind: 'code', code: 'function run(s){}' })).toBe('code: run(state)');
    expect(nodeSummary('human', { message: 'a'.repeat(100) })).toHaveLength(48);
    expect(nodeSummary('weird', {})).toBe('unknown type “weird”');
  });

  it('drops edges from handles that no longer exist', () => {
    const flow = graphToFlow(classify);
    const renamedBranch = updateNodeConfig(flow, 'route', { branches: [{ id: 'sales', when: 'true' }] });
    const pruned = pruneStaleEdges(renamedBranch);
    expect(pruned.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
    expect(pruneStaleEdges(flow)).toBe(flow);
  });
});

describe('errors', () => {
  it('groups errors by node and edge and keys field errors by path', () => {
    const errors = [
      { nodeId: 'route', code: 'bad-expression' as const, message: 'syntax error', field: 'branches.0.when' },
      { nodeId: 'route', code: 'missing-branch' as const, message: 'branch b has no edge' },
      { edgeId: 'e9', code: 'dangling-edge' as const, message: 'no such node' },
      { code: 'no-end' as const, message: 'needs an end' },
    ];
    const grouped = groupErrors(errors);
    expect(grouped.byNode.get('route')).toHaveLength(2);
    expect(grouped.byEdge.get('e9')).toHaveLength(1);
    expect(grouped.general.map((e) => e.code)).toEqual(['no-end']);
    expect(fieldErrors(grouped.byNode.get('route'))).toEqual({ 'branches.0.when': 'syntax error' });
    expect(fieldErrors(undefined)).toEqual({});
  });
});
