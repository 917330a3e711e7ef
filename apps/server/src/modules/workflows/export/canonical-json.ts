import type { WorkflowGraph } from '@promptops/contracts';

/**
 * JSON with object keys sorted, so the same graph gives the same bytes however its objects were
 * built (PostgreSQL's jsonb, for one, reorders keys).
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
}

/** A JSON text with sorted keys; `indent` continues each line of a multi-line value in generated code. */
export function canonicalJson(value: unknown, indent = ''): string {
  const text = JSON.stringify(sortKeys(value), null, 2);
  // JSON escapes the newlines inside strings, so every raw newline here is between tokens.
  return indent ? text.replace(/\n/g, `\n${indent}`) : text;
}

/** The graph with its fields in reading order (id and type first) and node data keys sorted. */
export function canonicalGraph(graph: WorkflowGraph): WorkflowGraph {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      ...(n.position ? { position: { x: n.position.x, y: n.position.y } } : {}),
      data: sortKeys(n.data) as Record<string, unknown>,
    })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle !== undefined ? { sourceHandle: e.sourceHandle } : {}),
    })),
  };
}
