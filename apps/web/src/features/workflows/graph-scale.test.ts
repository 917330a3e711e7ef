import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '@promptops/contracts';
import { layeredLayout } from './graph-layout';
import {
  flowToGraph,
  graphToFlow,
  groupErrors,
  pruneStaleEdges,
  renameNode,
  updateNodeConfig,
} from './graph-model';
import { historyReducer, initHistory } from './history';

/** A chain of `size` nodes: start, then prompt/condition pairs whose else-branch rejoins the chain, then end. */
function bigGraph(size: number): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = [{ id: 'start', type: 'start', data: { inputs: ['q'] } }];
  const edges: WorkflowGraph['edges'] = [];
  let previous = 'start';
  for (let i = 1; nodes.length < size - 1; i++) {
    const prompt = `p${i}`;
    nodes.push({
      id: prompt,
      type: 'prompt',
      data: { prompt: { name: 'x' }, variables: { q: `{{${previous}.output}}` } },
    });
    edges.push({ id: `e${edges.length}`, source: previous, target: prompt });
    previous = prompt;
  }
  nodes.push({ id: 'end', type: 'end', data: { output: `{{${previous}.output}}` } });
  edges.push({ id: `e${edges.length}`, source: previous, target: 'end' });
  return { nodes, edges };
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

// The editor redoes these on every edit; at the contract's scale they must stay far below a frame.
describe('a 200-node graph', () => {
  const graph = bigGraph(200);

  it('converts, edits, lays out and undoes within a frame budget', () => {
    const toFlow = timed(() => graphToFlow(graph));
    expect(toFlow.value.nodes).toHaveLength(200);
    expect(toFlow.value.unplaced).toBe(true);
    const state = { nodes: toFlow.value.nodes, edges: toFlow.value.edges };
    const toGraph = timed(() => flowToGraph(state));
    const layout = timed(() => layeredLayout(state));
    const edit = timed(() =>
      pruneStaleEdges(updateNodeConfig(state, 'p50', { prompt: { name: 'y' }, variables: {} })),
    );
    const rename = timed(() => renameNode(state, 'p10', 'renamed'));
    const errors = timed(() =>
      groupErrors(
        graph.nodes.map((n) => ({ nodeId: n.id, code: 'bad-data' as const, message: 'x', field: 'prompt' })),
      ),
    );
    const undo = timed(() => {
      let h = initHistory(state);
      for (let i = 0; i < 100; i++)
        h = historyReducer(h, { type: 'set', state: { ...state }, checkpoint: true });
      for (let i = 0; i < 100; i++) h = historyReducer(h, { type: 'undo' });
      return h;
    });
    expect(toGraph.value).toEqual({
      ...graph,
      nodes: graph.nodes.map((n, i) => ({ ...n, position: toFlow.value.nodes[i]!.position })),
    });
    expect(layout.value.size).toBe(200);
    expect(rename.value?.nodes.find((n) => n.id === 'p11')?.data.config).toEqual({
      prompt: { name: 'x' },
      variables: { q: '{{renamed.output}}' },
    });
    expect(undo.value.present).toBe(state);
    const timings = {
      toFlow: toFlow.ms,
      toGraph: toGraph.ms,
      layout: layout.ms,
      edit: edit.ms,
      rename: rename.ms,
      errors: errors.ms,
      undo: undo.ms,
    };
    console.log(
      '200-node timings (ms):',
      Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    );
    // A frame is 16 ms; generous so a loaded machine does not flake, strict enough to catch a quadratic slip.
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(50);
  });
});
