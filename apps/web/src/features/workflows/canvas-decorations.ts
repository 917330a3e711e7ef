import { createContext, useContext, useSyncExternalStore } from 'react';
import type { WorkflowGraphError, WorkflowStepStatus } from '@promptops/contracts';

/** What a node shows besides its data: validation errors and its state in the shown run. */
export interface NodeDecoration {
  errors: readonly WorkflowGraphError[];
  status: WorkflowStepStatus | null;
}

const NONE: NodeDecoration = { errors: [], status: null };

/**
 * Errors and run states live outside the nodes' data (they are not part of the graph, nor of
 * undo), in a store each node subscribes to by id: a validation or a run event redraws only the
 * nodes whose decoration changed, not all 200.
 */
export class DecorationStore {
  private decorations = new Map<string, NodeDecoration>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(nodeId: string): NodeDecoration {
    return this.decorations.get(nodeId) ?? NONE;
  }

  /** Replaces every decoration; a node whose errors and status are unchanged keeps its object. */
  update(
    errors: ReadonlyMap<string, readonly WorkflowGraphError[]>,
    statuses: ReadonlyMap<string, WorkflowStepStatus>,
  ) {
    const next = new Map<string, NodeDecoration>();
    for (const id of new Set([...errors.keys(), ...statuses.keys()])) {
      const decoration = { errors: errors.get(id) ?? [], status: statuses.get(id) ?? null };
      const previous = this.decorations.get(id);
      const same =
        previous !== undefined &&
        previous.status === decoration.status &&
        JSON.stringify(previous.errors) === JSON.stringify(decoration.errors);
      next.set(id, same ? previous : decoration);
    }
    const changed =
      next.size !== this.decorations.size || [...next].some(([id, d]) => this.decorations.get(id) !== d);
    this.decorations = next;
    if (changed) for (const listener of this.listeners) listener();
  }
}

export const DecorationContext = createContext<DecorationStore | null>(null);

export function useNodeDecoration(nodeId: string): NodeDecoration {
  const store = useContext(DecorationContext);
  return useSyncExternalStore(store?.subscribe ?? (() => () => undefined), () => store?.get(nodeId) ?? NONE);
}
