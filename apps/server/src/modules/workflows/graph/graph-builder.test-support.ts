import type { WorkflowGraph } from '@promptops/contracts';

/** Short graph literals for tests: nodes as `[id, type, data?]`, edges as `[source, target, handle?]`. */
export function graphOf(
  nodes: [string, string, Record<string, unknown>?][],
  edges: [string, string, string?][],
): WorkflowGraph {
  return {
    nodes: nodes.map(([id, type, data]) => ({ id, type, data: data ?? defaultData(type, id) })),
    edges: edges.map(([source, target, sourceHandle], i) => ({
      id: `e${i + 1}`,
      source,
      target,
      ...(sourceHandle !== undefined && { sourceHandle }),
    })),
  };
}

/** Valid data for each type, so a test only spells out what it is about. */
export function defaultData(type: string, id: string): Record<string, unknown> {
  switch (type) {
    case 'prompt':
      return { prompt: { name: id }, variables: { text: '{{input.text}}' } };
    case 'condition':
      return { branches: [{ id: 'yes', when: 'input.text == "yes"' }] };
    case 'loop':
      return { maxIterations: 3, until: `${id}.iteration >= 2` };
    case 'human':
      return { message: 'OK?' };
    case 'tool':
      return { kind: 'http', method: 'GET', url: 'https://example.com/{{input.text}}' };
    case 'end':
      return { output: 'done' };
    default:
      return {};
  }
}
