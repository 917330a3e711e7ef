import { useCallback, useMemo, useReducer } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { WorkflowGraph, WorkflowNodeType } from '@promptops/contracts';
import {
  connectNodes,
  defaultNodeConfig,
  flowToGraph,
  graphToFlow,
  nextNodeId,
  pruneStaleEdges,
  renameNode,
  updateNodeConfig,
  type FlowNode,
  type FlowState,
} from './graph-model';
import { canRedo, canUndo, historyReducer, initHistory, type History, type HistoryAction } from './history';

type EditorAction =
  | HistoryAction<FlowState>
  | { type: 'update'; update: (state: FlowState) => FlowState; checkpoint?: boolean; key?: string };

// Updates read the newest state inside the reducer: React Flow reports node and edge changes of
// one gesture in separate callbacks of the same tick, and a closure would see a stale state.
function editorReducer(history: History<FlowState>, action: EditorAction): History<FlowState> {
  if (action.type !== 'update') return historyReducer(history, action);
  const next = action.update(history.present);
  if (next === history.present) return history;
  return historyReducer(history, {
    type: 'set',
    state: next,
    ...(action.checkpoint ? { checkpoint: true } : {}),
    ...(action.key !== undefined ? { key: action.key } : {}),
  });
}

const EMPTY: FlowState = { nodes: [], edges: [] };

/** Only these changes are edits; selection and measured sizes come and go without undo steps. */
const EDIT_CHANGES = new Set(['position', 'remove', 'add', 'replace']);

/** The editor's graph with undo/redo and every edit the canvas and the inspector make. */
export function useWorkflowEditor(readOnly: boolean) {
  const [history, dispatch] = useReducer(editorReducer, EMPTY, initHistory<FlowState>);
  const state = history.present;

  const load = useCallback((graph: WorkflowGraph) => {
    const { nodes, edges, unplaced } = graphToFlow(graph);
    dispatch({ type: 'reset', state: { nodes, edges } });
    return unplaced;
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const allowed = readOnly ? changes.filter((c) => !EDIT_CHANGES.has(c.type)) : changes;
      if (allowed.length === 0) return;
      dispatch({ type: 'update', update: (s) => ({ ...s, nodes: applyNodeChanges(allowed, s.nodes) }) });
    },
    [readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const allowed = readOnly ? changes.filter((c) => !EDIT_CHANGES.has(c.type)) : changes;
      if (allowed.length === 0) return;
      dispatch({ type: 'update', update: (s) => ({ ...s, edges: applyEdgeChanges(allowed, s.edges) }) });
    },
    [readOnly],
  );

  /** Called before a drag moves nodes and before the Delete key removes the selection. */
  const checkpoint = useCallback(() => dispatch({ type: 'checkpoint' }), []);

  const onConnect = useCallback(
    (connection: Connection) => {
      if (readOnly) return;
      dispatch({
        type: 'update',
        checkpoint: true,
        update: (s) => {
          const source = s.nodes.find((n) => n.id === connection.source);
          return { ...s, edges: connectNodes(s.edges, connection, source?.type ?? '') };
        },
      });
    },
    [readOnly],
  );

  const addNode = useCallback(
    (type: WorkflowNodeType, position: XYPosition) => {
      if (readOnly) return;
      dispatch({
        type: 'update',
        checkpoint: true,
        update: (s) => {
          const id = nextNodeId(
            type,
            s.nodes.map((n) => n.id),
          );
          const node: FlowNode = {
            id,
            type,
            position,
            data: { config: defaultNodeConfig(type) },
            selected: true,
          };
          return { ...s, nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] };
        },
      });
    },
    [readOnly],
  );

  const updateConfig = useCallback((nodeId: string, config: Record<string, unknown>, field: string) => {
    dispatch({
      type: 'update',
      checkpoint: true,
      key: `${nodeId}:${field}`,
      update: (s) => pruneStaleEdges(updateNodeConfig(s, nodeId, config)),
    });
  }, []);

  /** Renames a node (edges and references follow); answers why not when it cannot. */
  const rename = useCallback(
    (from: string, to: string): string | null => {
      const next = renameNode(state, from, to);
      if (next === null)
        return to === 'input' ? '“input” names the run input' : `“${to}” is taken or not a valid id`;
      dispatch({ type: 'set', state: next, checkpoint: true });
      return null;
    },
    [state],
  );

  const deleteNode = useCallback((nodeId: string) => {
    dispatch({
      type: 'update',
      checkpoint: true,
      update: (s) => ({
        nodes: s.nodes.filter((n) => n.id !== nodeId),
        edges: s.edges.filter((e) => e.source !== nodeId && e.target !== nodeId),
      }),
    });
  }, []);

  const applyLayout = useCallback((positions: Map<string, XYPosition>) => {
    dispatch({
      type: 'update',
      checkpoint: true,
      update: (s) => ({
        ...s,
        nodes: s.nodes.map((n) => {
          const p = positions.get(n.id);
          return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
        }),
      }),
    });
  }, []);

  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);

  const graph = useMemo(() => flowToGraph(state), [state]);

  return {
    state,
    graph,
    load,
    onNodesChange,
    onEdgesChange,
    onConnect,
    checkpoint,
    addNode,
    updateConfig,
    rename,
    deleteNode,
    applyLayout,
    undo,
    redo,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
}
