import type { WorkflowGraph, WorkflowGraphError } from '@promptops/contracts';
import { indexGraph, reachable, type GraphIndex, type IndexedEdge } from './graph-index.js';

/**
 * Cycles and loop bodies, in terms of dominators: node `h` dominates `u` when every path from the
 * start to `u` passes `h`. An edge `u → h` where `h` dominates `u` is a back edge, and the nodes
 * that reach `u` without passing `h` form its natural loop: the only way into them is through
 * `h`. The rule "every cycle passes through a loop node and re-enters it from its body" becomes:
 *
 * 1. Every cycle is entered through one node: with the back edges removed the graph is acyclic.
 *    (A cycle entered at two nodes, say at the loop and also in the middle of its body, would
 *    leave the engine unable to tell a loop's first entry from a return.)
 * 2. Every back edge leads to a loop node; otherwise the cycle has no loop to stop it.
 * 3. A loop's `done` edge leaves its body: the done target is not in the loop's natural loop.
 *    Otherwise the loop would start over after it finished.
 *
 * Together they imply that every cycle through a loop leaves it by its `body` edge and comes back
 * to it, and they accept nested loops and breaking out of an inner loop to the outer one.
 * A loop whose body never comes back is reported too (`bad-edge`). Only nodes reachable from the
 * start are judged this way (the others are reported as unreachable); without a start node the
 * fallback is "every cycle contains some loop's body edge".
 */

/** Loop id → the ids of the nodes in its body: those on a path from the loop back to it. */
export function loopBodies(graph: WorkflowGraph): Map<string, Set<string>> {
  const index = indexGraph(graph);
  const start = index.nodes.findIndex((n) => n.type === 'start');
  const bodies = new Map<string, Set<string>>();
  if (start === -1) return bodies;
  const analysis = analyze(index, start);
  for (const [header, members] of analysis.loops) {
    if (index.nodes[header]!.type !== 'loop') continue;
    bodies.set(
      index.nodes[header]!.id,
      new Set(members.filter((m) => m !== header).map((m) => index.nodes[m]!.id)),
    );
  }
  return bodies;
}

interface Analysis {
  reached: Uint8Array;
  backEdges: IndexedEdge[];
  /** Header → its natural loop (the header and every node that reaches a back edge into it), in node order. */
  loops: Map<number, number[]>;
}

function analyze(index: GraphIndex, start: number): Analysis {
  const idom = dominators(index, start);
  const reached = new Uint8Array(index.nodes.length);
  idom.forEach((d, i) => {
    if (d !== -1) reached[i] = 1;
  });
  const dominates = (h: number, u: number) => {
    for (let at = u; ; at = idom[at]!) {
      if (at === h) return true;
      // The start ends every chain; -1 (not reached) is excluded by the callers but must not spin.
      if (at === start || at < 0) return false;
    }
  };
  const backEdges = index.edges.filter((e) => reached[e.source] && dominates(e.target, e.source));
  const loops = new Map<number, number[]>();
  for (const e of backEdges) {
    if (loops.has(e.target)) continue;
    const header = e.target;
    const inLoop = new Uint8Array(index.nodes.length);
    inLoop[header] = 1;
    const stack: number[] = [];
    for (const back of index.incoming[header]!) {
      if (!reached[back.source] || inLoop[back.source] || !dominates(header, back.source)) continue;
      inLoop[back.source] = 1;
      stack.push(back.source);
    }
    while (stack.length) {
      const node = stack.pop()!;
      for (const p of index.incoming[node]!) {
        if (!reached[p.source] || inLoop[p.source]) continue;
        inLoop[p.source] = 1;
        stack.push(p.source);
      }
    }
    const members: number[] = [];
    inLoop.forEach((v, i) => {
      if (v) members.push(i);
    });
    loops.set(header, members);
  }
  return { reached, backEdges, loops };
}

/**
 * Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm over reverse postorder);
 * -1 for nodes the start does not reach, the start's own entry is itself.
 */
function dominators(index: GraphIndex, start: number): Int32Array {
  const n = index.nodes.length;
  const postorder: number[] = [];
  const visited = new Uint8Array(n);
  const frames: { node: number; edge: number }[] = [{ node: start, edge: 0 }];
  visited[start] = 1;
  while (frames.length) {
    const frame = frames[frames.length - 1]!;
    const out = index.outgoing[frame.node]!;
    if (frame.edge < out.length) {
      const next = out[frame.edge++]!.target;
      if (!visited[next]) {
        visited[next] = 1;
        frames.push({ node: next, edge: 0 });
      }
    } else {
      postorder.push(frame.node);
      frames.pop();
    }
  }
  const rank = new Int32Array(n).fill(-1);
  postorder.forEach((node, i) => (rank[node] = i));
  const idom = new Int32Array(n).fill(-1);
  idom[start] = start;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (rank[a]! < rank[b]!) a = idom[a]!;
      while (rank[b]! < rank[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = postorder.length - 1; i >= 0; i--) {
      const node = postorder[i]!;
      if (node === start) continue;
      let candidate = -1;
      for (const e of index.incoming[node]!) {
        if (idom[e.source] === -1) continue;
        candidate = candidate === -1 ? e.source : intersect(e.source, candidate);
      }
      if (candidate !== -1 && idom[node] !== candidate) {
        idom[node] = candidate;
        changed = true;
      }
    }
  }
  return idom;
}

/** The cycle rules above: `cycle-without-loop` errors, and `bad-edge` for a body that never returns. */
export function checkCycles(index: GraphIndex, start: number | undefined): WorkflowGraphError[] {
  if (start === undefined) return cyclesWithoutBodyEdge(index);
  const { reached, backEdges, loops } = analyze(index, start);
  const errors: WorkflowGraphError[] = [];
  const isBack = new Set(backEdges);

  // 1. Cycles left once the back edges are gone are entered at more than one node.
  const forward = index.outgoing.map((out, i) =>
    reached[i] ? out.filter((e) => !isBack.has(e) && reached[e.target]) : [],
  );
  for (const component of cyclicComponents(forward)) {
    const members = new Set(component);
    const entries = [
      ...new Set(
        index.edges
          .filter((e) => reached[e.source] && !members.has(e.source) && members.has(e.target))
          .map((e) => index.nodes[e.target]!.id),
      ),
    ];
    errors.push({
      nodeId: index.nodes[component[0]!]!.id,
      code: 'cycle-without-loop',
      message: `${describeCycle(index, component[0]!, forward, members)} is entered at ${entries.join(' and ')}: a cycle must be entered only through its loop node, whose body edge leads into it`,
    });
  }

  // 2 and 3, per back edge in edge order.
  for (const e of backEdges) {
    const header = index.nodes[e.target]!;
    const members = new Set(loops.get(e.target));
    if (header.type !== 'loop') {
      errors.push({
        nodeId: header.id,
        edgeId: e.edge.id,
        code: 'cycle-without-loop',
        message: `${describeCycle(index, e.target, index.outgoing, members)} is a cycle that does not return to a loop: a cycle must leave a loop node by its body edge and come back to that loop node`,
      });
      continue;
    }
    const done = index.outgoing[e.target]!.find((d) => d.handle === 'done');
    if (done && members.has(done.target) && !errors.some((x) => x.edgeId === done.edge.id))
      errors.push({
        nodeId: header.id,
        edgeId: done.edge.id,
        code: 'cycle-without-loop',
        message: `The done edge of loop ${header.id} leads back into its body (${index.nodes[done.target]!.id}), so the loop would start over after it finished`,
      });
  }

  // A loop whose body never comes back (a body that comes back only through another entry is
  // reported by rule 1).
  index.nodes.forEach((node, loop) => {
    if (node.type !== 'loop' || !reached[loop] || index.indexOf.get(node.id) !== loop) return;
    const body = index.outgoing[loop]!.filter((b) => b.handle === 'body');
    if (body.length !== 1 || body[0]!.target === loop) return;
    const fromBody = reachable(body[0]!.target, index.outgoing, 'target', loop);
    if (!index.incoming[loop]!.some((p) => fromBody[p.source]))
      errors.push({
        nodeId: node.id,
        edgeId: body[0]!.edge.id,
        code: 'bad-edge',
        message: `Nothing in the body of loop ${node.id} leads back to it: connect the body's last node to the loop`,
      });
  });
  return errors;
}

/** Without a start node: every cycle must at least contain some loop's body edge. */
function cyclesWithoutBodyEdge(index: GraphIndex): WorkflowGraphError[] {
  const next = index.outgoing.map((out) =>
    out.filter((e) => !(e.handle === 'body' && index.nodes[e.source]!.type === 'loop')),
  );
  return cyclicComponents(next).map((component) => ({
    nodeId: index.nodes[component[0]!]!.id,
    code: 'cycle-without-loop' as const,
    message: `${describeCycle(index, component[0]!, next, new Set(component))} is a cycle that does not go through a loop's body edge`,
  }));
}

/** `a → b → a`: a shortest cycle from `from` back to it through `members`. */
function describeCycle(
  index: GraphIndex,
  from: number,
  next: readonly IndexedEdge[][],
  members: ReadonlySet<number>,
): string {
  const previous = new Map<number, number>();
  const queue = [from];
  let path = [from, from];
  search: for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const e of next[node]!) {
      if (!members.has(e.target)) continue;
      if (e.target === from) {
        path = [from];
        for (let at = node; at !== from; at = previous.get(at)!) path.push(at);
        path.push(from);
        path.reverse();
        break search;
      }
      if (!previous.has(e.target)) {
        previous.set(e.target, node);
        queue.push(e.target);
      }
    }
  }
  const ids = path.map((i) => index.nodes[i]!.id);
  return (ids.length > 12 ? [...ids.slice(0, 11), '…', ids[0]!] : ids).join(' → ');
}

/**
 * Strongly connected components that hold a cycle (several nodes, or one with an edge to
 * itself), each sorted, ordered by their first node. Tarjan's algorithm without recursion, so a
 * long chain cannot overflow the stack.
 */
function cyclicComponents(next: readonly IndexedEdge[][]): number[][] {
  const n = next.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const frames: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const edges = next[frame.node]!;
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!.target;
        if (order[target] === -1) {
          order[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = 1;
          frames.push({ node: target, edge: 0 });
        } else if (onStack[target]) low[frame.node] = Math.min(low[frame.node]!, order[target]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node] !== order[frame.node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || next[frame.node]!.some((e) => e.target === frame.node))
        components.push(component.sort((a, b) => a - b));
    }
  }
  return components.sort((a, b) => a[0]! - b[0]!);
}
