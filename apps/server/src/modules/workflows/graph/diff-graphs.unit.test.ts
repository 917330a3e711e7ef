import type { WorkflowGraph } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { diffWorkflowGraphs } from './diff-graphs.js';
import { graphOf } from './graph-builder.test-support.js';

/** start → a (prompt) → end, with positions, as a version would store it. */
const base = (): WorkflowGraph => {
  const graph = graphOf(
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
  graph.nodes.forEach((n, i) => (n.position = { x: i * 200, y: 0 }));
  return graph;
};

const empty = {
  nodes: { added: [], removed: [], changed: [], moved: [] },
  edges: { added: [], removed: [] },
};

describe('diffWorkflowGraphs', () => {
  it('finds nothing between identical graphs, whatever the order of nodes, edges or data keys', () => {
    expect(diffWorkflowGraphs(base(), base())).toEqual(empty);
    const shuffled = base();
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    const a = shuffled.nodes.find((n) => n.id === 'a')!;
    a.data = Object.fromEntries(Object.entries(a.data).reverse());
    expect(diffWorkflowGraphs(base(), shuffled)).toEqual(empty);
  });

  it('does not count renamed edge ids as changes', () => {
    const renamed = base();
    renamed.edges = renamed.edges.map((e) => ({ ...e, id: `xy-edge__${e.source}-${e.target}` }));
    expect(diffWorkflowGraphs(base(), renamed)).toEqual(empty);
  });

  it('lists added and removed nodes sorted by id', () => {
    const next = base();
    next.nodes = next.nodes.filter((n) => n.id !== 'a');
    next.nodes.push({ id: 'z', type: 'human', data: { message: 'OK?' } });
    next.nodes.push({ id: 'b', type: 'prompt', data: { prompt: { name: 'b' } } });
    const diff = diffWorkflowGraphs(base(), next);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['b', 'z']);
    expect(diff.nodes.removed).toEqual([base().nodes[1]]);
    expect(diff.nodes.changed).toEqual([]);
  });

  it('reports changed data fields with before and after, and a type change', () => {
    const next = base();
    const a = next.nodes.find((n) => n.id === 'a')!;
    a.data = {
      prompt: { name: 'a', label: 'production' },
      variables: { text: '{{input.text}}' },
      outputKey: 'x',
    };
    const end = next.nodes.find((n) => n.id === 'end')!;
    end.type = 'human';
    end.data = { output: 'done' };
    const diff = diffWorkflowGraphs(base(), next);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'a',
        type: 'prompt',
        typeBefore: null,
        fields: [
          { field: 'outputKey', before: null, after: 'x' },
          { field: 'prompt', before: { name: 'a' }, after: { name: 'a', label: 'production' } },
        ],
      },
      { id: 'end', type: 'human', typeBefore: 'end', fields: [] },
    ]);
    expect(diff.nodes.moved).toEqual([]);
  });

  it('reports a removed data field with after null', () => {
    const next = base();
    next.nodes.find((n) => n.id === 'a')!.data = { prompt: { name: 'a' } };
    expect(diffWorkflowGraphs(base(), next).nodes.changed).toEqual([
      {
        id: 'a',
        type: 'prompt',
        typeBefore: null,
        fields: [{ field: 'variables', before: { text: '{{input.text}}' }, after: null }],
      },
    ]);
  });

  it('lists a move apart from changes', () => {
    const next = base();
    next.nodes.find((n) => n.id === 'a')!.position = { x: 200, y: 80 };
    delete next.nodes.find((n) => n.id === 'start')!.position;
    const diff = diffWorkflowGraphs(base(), next);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual([
      { id: 'a', before: { x: 200, y: 0 }, after: { x: 200, y: 80 } },
      { id: 'start', before: { x: 0, y: 0 }, after: null },
    ]);
  });

  it('matches edges by source, target and handle', () => {
    const from = graphOf(
      [
        ['start', 'start'],
        ['c', 'condition'],
        ['end', 'end'],
      ],
      [
        ['start', 'c'],
        ['c', 'end', 'yes'],
        ['c', 'end', 'else'],
      ],
    );
    const to = structuredClone(from);
    to.edges = [
      { id: 'new-1', source: 'start', target: 'c' },
      { id: 'new-2', source: 'c', target: 'end', sourceHandle: 'yes' },
      { id: 'new-3', source: 'start', target: 'end' },
    ];
    const diff = diffWorkflowGraphs(from, to);
    expect(diff.edges.added).toEqual([{ id: 'new-3', source: 'start', target: 'end' }]);
    expect(diff.edges.removed).toEqual([{ id: 'e3', source: 'c', target: 'end', sourceHandle: 'else' }]);
    expect(diff.nodes).toEqual(empty.nodes);
  });

  it('treats a missing handle and a null handle alike, and counts duplicate edges', () => {
    const from = graphOf(
      [
        ['start', 'start'],
        ['end', 'end'],
      ],
      [['start', 'end']],
    );
    const to = structuredClone(from);
    to.edges = [
      { id: 'x', source: 'start', target: 'end', sourceHandle: null },
      { id: 'y', source: 'start', target: 'end' },
    ];
    const diff = diffWorkflowGraphs(from, to);
    expect(diff.edges.removed).toEqual([]);
    expect(diff.edges.added).toEqual([{ id: 'y', source: 'start', target: 'end' }]);
  });
});
