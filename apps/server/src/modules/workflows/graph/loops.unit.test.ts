import type { WorkflowGraphError } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { graphOf } from './graph-builder.test-support.js';
import { loopBodies } from './loops.js';
import { validateGraphStructure } from './validate-graph.js';

const cycleErrors = (errors: WorkflowGraphError[]) => errors.filter((e) => e.code === 'cycle-without-loop');

describe('cycles', () => {
  it('accepts draft → critique → revise repeated by a loop', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['draft', 'prompt'],
        ['refine', 'loop', { maxIterations: 3, until: 'critique.output.contains("LGTM")' }],
        ['critique', 'prompt'],
        ['revise', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'draft'],
        ['draft', 'refine'],
        ['refine', 'critique', 'body'],
        ['critique', 'revise'],
        ['revise', 'refine'],
        ['refine', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([]);
    expect(loopBodies(g)).toEqual(new Map([['refine', new Set(['critique', 'revise'])]]));
  });

  it('rejects a cycle between two prompt nodes', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['a', 'prompt'],
        ['b', 'prompt'],
        ['p', 'parallel'],
        ['end', 'end'],
      ],
      [
        ['start', 'p'],
        ['p', 'a'],
        ['p', 'end'],
        ['a', 'b'],
        ['b', 'a'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'a',
        edgeId: 'e5',
        code: 'cycle-without-loop',
        message:
          'a → b → a is a cycle that does not return to a loop: a cycle must leave a loop node by its body edge and come back to that loop node',
      },
    ]);
  });

  it('rejects a node that leads to itself', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['j', 'join'],
        ['end', 'end'],
      ],
      [
        ['start', 'j'],
        ['j', 'j'],
      ],
    );
    expect(cycleErrors(validateGraphStructure(g)).map((e) => e.message.split(' is a cycle')[0])).toEqual([
      'j → j',
    ]);
  });

  it('rejects a loop whose done edge leads back into the cycle before it', () => {
    // p1 → loop → (done) p3 → p1 never ends: the loop is re-entered after it finished.
    const g = graphOf(
      [
        ['start', 'start'],
        ['p1', 'prompt'],
        ['l', 'loop'],
        ['p2', 'prompt'],
        ['p3', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'p1'],
        ['p1', 'l'],
        ['l', 'p2', 'body'],
        ['p2', 'l'],
        ['l', 'p3', 'done'],
        ['p3', 'p1'],
      ],
    );
    const errors = validateGraphStructure(g);
    expect(cycleErrors(errors)).toEqual([
      {
        nodeId: 'p1',
        edgeId: 'e6',
        code: 'cycle-without-loop',
        message:
          'p1 → l → p3 → p1 is a cycle that does not return to a loop: a cycle must leave a loop node by its body edge and come back to that loop node',
      },
    ]);
  });

  it('rejects a done edge into the loop body', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['l', 'loop'],
        ['a', 'prompt'],
        ['b', 'prompt'],
      ],
      [
        ['start', 'l'],
        ['l', 'a', 'body'],
        ['a', 'b'],
        ['b', 'l'],
        ['l', 'b', 'done'],
      ],
    );
    expect(cycleErrors(validateGraphStructure(g))).toEqual([
      {
        nodeId: 'l',
        edgeId: 'e5',
        code: 'cycle-without-loop',
        message:
          'The done edge of loop l leads back into its body (b), so the loop would start over after it finished',
      },
    ]);
  });

  it('rejects a done edge into a body that holds a nested loop (the cycle has a body edge, of the inner loop)', () => {
    // outer -body→ inner -body→ a → check; check yes → inner, else → outer. outer -done→ inner
    // re-enters the body after the loop finished.
    const g = graphOf(
      [
        ['start', 'start'],
        ['outer', 'loop'],
        ['inner', 'loop'],
        ['a', 'prompt'],
        ['check', 'condition'],
        ['end', 'end'],
      ],
      [
        ['start', 'outer'],
        ['outer', 'inner', 'body'],
        ['inner', 'a', 'body'],
        ['a', 'check'],
        ['check', 'inner', 'yes'],
        ['check', 'outer', 'else'],
        ['inner', 'end', 'done'],
        ['outer', 'inner', 'done'],
      ],
    );
    expect(cycleErrors(validateGraphStructure(g))).toEqual([
      {
        nodeId: 'outer',
        edgeId: 'e8',
        code: 'cycle-without-loop',
        message:
          'The done edge of loop outer leads back into its body (inner), so the loop would start over after it finished',
      },
    ]);
  });

  it('rejects an edge from before the loop into the middle of its body', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['p', 'parallel'],
        ['l', 'loop'],
        ['a', 'prompt'],
        ['b', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'p'],
        ['p', 'l'],
        ['p', 'b'],
        ['l', 'a', 'body'],
        ['a', 'b'],
        ['b', 'l'],
        ['l', 'end', 'done'],
      ],
    );
    expect(cycleErrors(validateGraphStructure(g))).toEqual([
      {
        nodeId: 'l',
        code: 'cycle-without-loop',
        message:
          'l → a → b → l is entered at l and b: a cycle must be entered only through its loop node, whose body edge leads into it',
      },
    ]);
  });

  it('accepts nested loops and an early exit from a body', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['outer', 'loop'],
        ['inner', 'loop'],
        ['a', 'prompt'],
        ['check', 'condition'],
        ['after_inner', 'prompt'],
        ['early_end', 'end'],
        ['end', 'end'],
      ],
      [
        ['start', 'outer'],
        ['outer', 'inner', 'body'],
        ['inner', 'a', 'body'],
        ['a', 'check'],
        ['check', 'early_end', 'yes'],
        ['check', 'inner', 'else'],
        ['inner', 'after_inner', 'done'],
        ['after_inner', 'outer'],
        ['outer', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([]);
    expect(loopBodies(g)).toEqual(
      new Map([
        ['outer', new Set(['inner', 'a', 'check', 'after_inner'])],
        ['inner', new Set(['a', 'check'])],
      ]),
    );
  });

  it('accepts breaking out of an inner loop to the outer one', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['outer', 'loop'],
        ['inner', 'loop'],
        ['a', 'prompt'],
        ['check', 'condition'],
        ['after', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'outer'],
        ['outer', 'inner', 'body'],
        ['inner', 'a', 'body'],
        ['a', 'check'],
        ['check', 'inner', 'yes'],
        ['check', 'after', 'else'],
        ['inner', 'after', 'done'],
        ['after', 'outer'],
        ['outer', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([]);
    expect(loopBodies(g).get('inner')).toEqual(new Set(['a', 'check']));
  });

  it('rejects a loop body that is also the way into the loop', () => {
    // start → a → l, and l's body is a again: a is entered from outside and from the loop.
    const g = graphOf(
      [
        ['start', 'start'],
        ['a', 'prompt'],
        ['l', 'loop'],
        ['end', 'end'],
      ],
      [
        ['start', 'a'],
        ['a', 'l'],
        ['l', 'a', 'body'],
        ['l', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'a',
        edgeId: 'e3',
        code: 'cycle-without-loop',
        message:
          'a → l → a is a cycle that does not return to a loop: a cycle must leave a loop node by its body edge and come back to that loop node',
      },
    ]);
  });

  it('still finds cycles without a start node', () => {
    const g = graphOf(
      [
        ['a', 'prompt'],
        ['b', 'prompt'],
        ['l', 'loop'],
        ['c', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['l', 'c', 'body'],
        ['c', 'l'],
        ['l', 'end', 'done'],
      ],
    );
    expect(cycleErrors(validateGraphStructure(g))).toEqual([
      {
        nodeId: 'a',
        code: 'cycle-without-loop',
        message: "a → b → a is a cycle that does not go through a loop's body edge",
      },
    ]);
  });

  it('reports a body that never returns to its loop', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['l', 'loop'],
        ['a', 'prompt'],
        ['end', 'end'],
      ],
      [
        ['start', 'l'],
        ['l', 'a', 'body'],
        ['a', 'end'],
        ['l', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      {
        nodeId: 'l',
        edgeId: 'e2',
        code: 'bad-edge',
        message: "Nothing in the body of loop l leads back to it: connect the body's last node to the loop",
      },
    ]);
  });

  it('reports a body edge that points at the loop itself', () => {
    const g = graphOf(
      [
        ['start', 'start'],
        ['l', 'loop'],
        ['end', 'end'],
      ],
      [
        ['start', 'l'],
        ['l', 'l', 'body'],
        ['l', 'end', 'done'],
      ],
    );
    expect(validateGraphStructure(g)).toEqual([
      { nodeId: 'l', edgeId: 'e2', code: 'bad-edge', message: 'A loop body needs at least one node' },
    ]);
  });
});

describe('cycle rules on random graphs', () => {
  /** Every simple cycle among nodes reachable from node 0, as lists of edges (brute force, small graphs). */
  function cycles(n: number, edges: [number, number, string?][]): [number, number, string?][][] {
    const found: [number, number, string?][][] = [];
    const out = Array.from({ length: n }, (_, i) => edges.filter((e) => e[0] === i));
    const reach = new Set([0]);
    for (const queue = [0]; queue.length;)
      for (const e of out[queue.pop()!]!) if (!reach.has(e[1]) && reach.add(e[1])) queue.push(e[1]);
    for (let s = 0; s < n; s++) {
      if (!reach.has(s)) continue;
      // Cycles whose smallest node is s.
      const walk = (node: number, path: [number, number, string?][], seen: Set<number>) => {
        for (const e of out[node]!) {
          if (e[1] === s) found.push([...path, e]);
          else if (e[1] > s && !seen.has(e[1])) walk(e[1], [...path, e], new Set(seen).add(e[1]));
        }
      };
      walk(s, [], new Set([s]));
    }
    return found;
  }

  it('accepts a graph only when every cycle leaves a loop by its body edge and returns to that loop', () => {
    let seed = 42;
    const random = (k: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % k;
    };
    let accepted = 0;
    for (let round = 0; round < 3_000; round++) {
      const n = 3 + random(5);
      const types = [
        'start',
        ...Array.from({ length: n - 1 }, () => (random(3) === 0 ? 'loop' : 'parallel')),
      ];
      const edges: [number, number, string?][] = [];
      for (let i = 0; i < n; i++) {
        if (types[i] === 'loop') {
          edges.push([i, random(n), 'body'], [i, random(n), 'done']);
        } else {
          for (let k = random(3); k > 0; k--) edges.push([i, random(n)]);
        }
      }
      const g = graphOf(
        types.map((t, i) => [`n${i}`, t, t === 'loop' ? { maxIterations: 2, until: 'true' } : {}]),
        edges.map(([s, t, h]) => [`n${s}`, `n${t}`, h]),
      );
      const errors = validateGraphStructure(g).filter((e) => e.code === 'cycle-without-loop');
      if (errors.length) continue;
      accepted++;
      for (const cycle of cycles(n, edges)) {
        // Some loop on the cycle is left by its body edge, and the cycle closes at that loop.
        const ok = cycle.some(([source, , handle]) => types[source] === 'loop' && handle === 'body');
        expect(ok, JSON.stringify({ types, edges, cycle })).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
