import { describe, expect, it } from 'vitest';
import { applyPositions, layeredLayout, positionsFromElk, toElkGraph } from './graph-layout';
import type { FlowState } from './graph-model';

const node = (id: string, type = 'prompt') => ({ id, type, position: { x: 0, y: 0 }, data: { config: {} } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

const diamond: FlowState = {
  nodes: [node('start', 'start'), node('a'), node('b'), node('join', 'join'), node('lonely')],
  edges: [
    edge('start', 'a'),
    edge('start', 'b'),
    edge('a', 'join'),
    edge('b', 'join'),
    edge('join', 'a'),
    edge('x', 'start'),
  ],
};

describe('layout', () => {
  it('builds the ELK input with measured sizes and without dangling edges', () => {
    const elk = toElkGraph({
      ...diamond,
      nodes: diamond.nodes.map((n, i) => (i === 0 ? { ...n, measured: { width: 100, height: 50 } } : n)),
    });
    expect(elk.children?.[0]).toEqual({ id: 'start', width: 100, height: 50 });
    expect(elk.children?.[1]).toEqual({ id: 'a', width: 240, height: 76 });
    expect(elk.edges).toHaveLength(5);
  });

  it('lays out layers from the start node without looping on cycles', () => {
    const p = layeredLayout(diamond);
    expect(p.get('start')?.y).toBe(0);
    expect(p.get('a')?.y).toBe(p.get('b')?.y);
    expect(p.get('a')!.x).toBeLessThan(p.get('b')!.x);
    expect(p.get('join')!.y).toBeGreaterThan(p.get('a')!.y);
    // Unreachable nodes go below everything else.
    expect(p.get('lonely')!.y).toBeGreaterThan(p.get('join')!.y);
  });

  it('applies rounded positions and leaves unplaced nodes alone', () => {
    const positions = positionsFromElk({ id: 'root', children: [{ id: 'a', x: 10.4, y: 20.6 }] });
    const next = applyPositions(diamond, positions);
    expect(next.nodes[1]!.position).toEqual({ x: 10, y: 21 });
    expect(next.nodes[0]).toBe(diamond.nodes[0]);
  });
});
