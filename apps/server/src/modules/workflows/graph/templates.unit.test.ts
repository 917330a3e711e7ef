import { WorkflowGraph, type WorkflowEdge, type WorkflowNode } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { loopBodies } from './loops.js';
import { WORKFLOW_TEMPLATES } from './templates.js';
import { promptReferences, validateGraphStructure } from './validate-graph.js';

describe('WORKFLOW_TEMPLATES', () => {
  it('has the five starters, each a valid graph', () => {
    expect(WORKFLOW_TEMPLATES.map((t) => t.id)).toEqual([
      'classify-and-route',
      'draft-critique-revise',
      'parallel-summaries',
      'approval-before-publish',
      'http-lookup-answer',
    ]);
    for (const template of WORKFLOW_TEMPLATES) {
      expect(WorkflowGraph.safeParse(template.graph).success, template.id).toBe(true);
      expect(validateGraphStructure(template.graph), template.id).toEqual([]);
    }
  });

  it('names the prompts an organization needs', () => {
    const names = (id: string) =>
      promptReferences(WORKFLOW_TEMPLATES.find((t) => t.id === id)!.graph).map((r) => r.name);
    expect(names('classify-and-route')).toEqual(['classify', 'answer-billing', 'answer-general']);
    expect(names('draft-critique-revise')).toEqual(['draft', 'critique', 'revise']);
    expect(names('parallel-summaries')).toEqual(['summarize', 'summarize', 'merge']);
    expect(names('approval-before-publish')).toEqual(['draft']);
    expect(names('http-lookup-answer')).toEqual(['answer']);
  });

  it('loops the critique and revision, not the first draft', () => {
    const graph = WORKFLOW_TEMPLATES.find((t) => t.id === 'draft-critique-revise')!.graph;
    expect(loopBodies(graph)).toEqual(new Map([['refine', new Set(['latest', 'critique', 'revise'])]]));
  });

  it('lays nodes out left to right without overlaps', () => {
    for (const { id, graph } of WORKFLOW_TEMPLATES) {
      const at = new Map(graph.nodes.map((n) => [n.id, n.position!]));
      expect(new Set(graph.nodes.map((n) => `${n.position!.x},${n.position!.y}`)).size, id).toBe(
        graph.nodes.length,
      );
      const bodies = loopBodies(graph);
      for (const e of graph.edges) {
        // Every edge runs rightwards, except the one that returns into a loop.
        const returning = bodies.get(e.target)?.has(e.source) ?? false;
        if (!returning)
          expect(at.get(e.target)!.x, `${id}: ${e.source} → ${e.target}`).toBeGreaterThan(
            at.get(e.source)!.x,
          );
      }
    }
  });
});

/**
 * A valid graph of `layers` repeated blocks (25 nodes, 102 edges each): a parallel node fanning
 * out to 5 parallel nodes that each fan out to the same 15 prompts, a join, a condition with its
 * own expression, and a loop around one prompt. Then a chain of prompts to an end node.
 */
function bigGraph(layers: number, tail: number, salt: string): WorkflowGraph {
  const nodes: WorkflowNode[] = [{ id: 'start', type: 'start', data: { inputs: ['topic'] } }];
  const edges: WorkflowEdge[] = [];
  const edge = (source: string, target: string, sourceHandle?: string) =>
    edges.push({ id: `e${edges.length}`, source, target, ...(sourceHandle && { sourceHandle }) });
  const prompt = (id: string, text: string): WorkflowNode => ({
    id,
    type: 'prompt',
    data: { prompt: { name: 'step' }, variables: { text } },
  });
  let previous = 'start';
  for (let k = 0; k < layers; k++) {
    nodes.push({ id: `p${k}`, type: 'parallel', data: {} });
    edge(previous, `p${k}`, k > 0 ? 'done' : undefined);
    for (let q = 0; q < 5; q++) {
      nodes.push({ id: `q${k}_${q}`, type: 'parallel', data: {} });
      edge(`p${k}`, `q${k}_${q}`);
    }
    for (let a = 0; a < 15; a++) {
      nodes.push(
        prompt(`a${k}_${a}`, k === 0 ? '{{input.topic}}' : `{{input.topic}} {{a${k - 1}_${a}.output}}`),
      );
      for (let q = 0; q < 5; q++) edge(`q${k}_${q}`, `a${k}_${a}`);
      edge(`a${k}_${a}`, `j${k}`);
    }
    nodes.push({ id: `j${k}`, type: 'join', data: {} });
    nodes.push({
      id: `c${k}`,
      type: 'condition',
      data: { branches: [{ id: 'yes', when: `a${k}_0.output.contains("${salt}${k}")` }] },
    });
    nodes.push({
      id: `l${k}`,
      type: 'loop',
      data: {
        maxIterations: 3,
        until: `l${k}.iteration >= 2 && size(b${k}.output) > ${k} && "${salt}" != ""`,
      },
    });
    nodes.push(prompt(`b${k}`, `{{a${k}_1.output}} round {{l${k}.iteration}}`));
    edge(`j${k}`, `c${k}`);
    edge(`c${k}`, `l${k}`, 'yes');
    edge(`c${k}`, `l${k}`, 'else');
    edge(`l${k}`, `b${k}`, 'body');
    edge(`b${k}`, `l${k}`);
    previous = `l${k}`;
  }
  for (let t = 0; t < tail; t++) {
    nodes.push(prompt(`t${t}`, `{{input.topic}}`));
    edge(previous, `t${t}`, t === 0 ? 'done' : undefined);
    previous = `t${t}`;
  }
  nodes.push({ id: 'end', type: 'end', data: { output: `{{${previous}.output}}` } });
  edge(previous, 'end');
  return { nodes, edges };
}

describe('validation speed', () => {
  it('validates a 500-node, ~2,000-edge graph quickly', () => {
    const graph = bigGraph(19, 23, 'a');
    expect(graph.nodes).toHaveLength(500);
    expect(graph.edges.length).toBeGreaterThan(1_900);
    expect(validateGraphStructure(graph)).toEqual([]);

    // New expressions: CEL parsing dominates the first validation of a graph.
    const fresh = bigGraph(19, 23, 'b');
    let started = performance.now();
    expect(validateGraphStructure(fresh)).toEqual([]);
    const cold = performance.now() - started;

    for (let i = 0; i < 5; i++) validateGraphStructure(graph);
    // New expressions again, now that the parser has warmed up (a long-running server).
    const fresher = bigGraph(19, 23, 'c');
    started = performance.now();
    validateGraphStructure(fresher);
    const coldWarmedUp = performance.now() - started;
    const runs: number[] = [];
    for (let i = 0; i < 9; i++) {
      started = performance.now();
      validateGraphStructure(graph);
      runs.push(performance.now() - started);
    }
    const warm = runs.sort((a, b) => a - b)[4]!;
    console.log(
      `validateGraphStructure, 500 nodes / ${graph.edges.length} edges: ${cold.toFixed(1)} ms with 38 new expressions (${coldWarmedUp.toFixed(1)} ms once the parser has warmed up), ${warm.toFixed(1)} ms (median) once they are compiled`,
    );
    // Generous bounds for a shared machine; the measured numbers are printed above.
    expect(warm).toBeLessThan(50);
    expect(cold).toBeLessThan(1_000);
  });
});
