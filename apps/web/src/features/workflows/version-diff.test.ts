import type { WorkflowGraphDiff } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { defaultComparePair, diffRows, formatDiffValue } from './version-diff';

const none: WorkflowGraphDiff = {
  nodes: { added: [], removed: [], changed: [], moved: [] },
  edges: { added: [], removed: [] },
};

describe('defaultComparePair', () => {
  it('compares the previous version with the one shown', () => {
    expect(defaultComparePair([5, 4, 2, 1], 4)).toEqual({ from: 2, to: 4 });
    expect(defaultComparePair([3, 2, 1], 3)).toEqual({ from: 2, to: 3 });
  });

  it('has nothing to compare for the first version', () => {
    expect(defaultComparePair([1], 1)).toBeNull();
    expect(defaultComparePair([], 3)).toBeNull();
  });
});

describe('formatDiffValue', () => {
  it('shows strings as they are, other values as JSON, and absence as a dash', () => {
    expect(formatDiffValue('{{input.text}}')).toBe('{{input.text}}');
    expect(formatDiffValue({ name: 'a' })).toBe('{"name":"a"}');
    expect(formatDiffValue(null)).toBe('—');
    expect(formatDiffValue('x'.repeat(400))).toHaveLength(301);
  });
});

describe('diffRows', () => {
  it('is empty when nothing changed', () => {
    expect(diffRows(none)).toEqual({ nodes: [], edges: [], moved: 0, empty: true });
  });

  it('lists added, removed and changed nodes (type first), edges, and counts moves', () => {
    const view = diffRows({
      nodes: {
        added: [{ id: 'b', type: 'human', data: {} }],
        removed: [{ id: 'a', type: 'prompt', data: {} }],
        changed: [
          {
            id: 'end',
            type: 'human',
            typeBefore: 'end',
            fields: [{ field: 'output', before: 'done', after: null }],
          },
        ],
        moved: [{ id: 'start', before: { x: 0, y: 0 }, after: { x: 10, y: 0 } }],
      },
      edges: {
        added: [{ id: 'x', source: 'c', target: 'end', sourceHandle: 'yes' }],
        removed: [{ id: 'y', source: 'start', target: 'a' }],
      },
    });
    expect(view.nodes.map((r) => [r.kind, r.label])).toEqual([
      ['added', 'b (human)'],
      ['removed', 'a (prompt)'],
      ['changed', 'end (human)'],
    ]);
    expect(view.nodes[2]!.fields).toEqual([
      { field: 'type', before: 'end', after: 'human' },
      { field: 'output', before: 'done', after: '—' },
    ]);
    expect(view.edges.map((r) => [r.kind, r.label])).toEqual([
      ['added', 'c (yes) → end'],
      ['removed', 'start → a'],
    ]);
    expect(view.moved).toBe(1);
    expect(view.empty).toBe(false);
  });

  it('is not empty when nodes only moved', () => {
    const view = diffRows({
      ...none,
      nodes: { ...none.nodes, moved: [{ id: 'a', before: null, after: { x: 1, y: 1 } }] },
    });
    expect(view).toMatchObject({ nodes: [], edges: [], moved: 1, empty: false });
  });
});
