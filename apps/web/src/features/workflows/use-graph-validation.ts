import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { WorkflowGraph } from '@promptops/contracts';
import { validateGraph } from './workflows-api';

/** How long the graph must stay unchanged before it is validated. */
export const VALIDATE_DEBOUNCE_MS = 400;

/**
 * Live validation: the graph without positions (moving a node changes nothing to check), sent
 * to `/validate` once edits pause. The last answer stays on screen while the next one loads.
 */
export function useGraphValidation(orgId: string, graph: WorkflowGraph, enabled: boolean) {
  const key = useMemo(
    () =>
      JSON.stringify({
        nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, data: n.data })),
        edges: graph.edges,
      }),
    [graph],
  );
  const [debounced] = useDebouncedValue(key, VALIDATE_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ['orgs', orgId, 'workflow-validation', debounced],
    queryFn: ({ signal }) => validateGraph(orgId, JSON.parse(debounced) as WorkflowGraph, signal),
    enabled: enabled && debounced !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
  return {
    errors: query.data?.errors ?? [],
    valid: query.data?.valid ?? null,
    /** The shown answer is for an older graph, or one is on its way. */
    pending: key !== debounced || query.isFetching,
    error: query.error,
  };
}
