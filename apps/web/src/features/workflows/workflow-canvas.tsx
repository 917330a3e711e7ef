import { useCallback, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { WORKFLOW_NODE_TYPES, type WorkflowGraphError, type WorkflowNodeType } from '@promptops/contracts';
import type { FlowEdge, FlowNode, FlowState } from './graph-model';
import { NODE_DRAG_TYPE } from './node-palette';
import { NODE_TYPES } from './workflow-node';
import classes from './workflow-canvas.module.css';

const MINIMAP_COLORS: Record<string, string> = {
  start: '#12b886',
  prompt: '#228be6',
  condition: '#7950f2',
  loop: '#be4bdb',
  parallel: '#15aabf',
  join: '#15aabf',
  human: '#fd7e14',
  tool: '#4c6ef5',
  end: '#868e96',
};

export const FIT_VIEW = { maxZoom: 1, padding: 0.15 };

const minimapColor = (node: FlowNode) => MINIMAP_COLORS[node.type ?? ''] ?? '#fa5252';

/** The React Flow canvas: drop targets for the palette, handles to connect, Delete to remove. */
export function WorkflowCanvas({
  state,
  edgeErrors,
  readOnly,
  onNodesChange,
  onEdgesChange,
  onConnect,
  onCheckpoint,
  onDropNode,
}: {
  state: FlowState;
  edgeErrors: ReadonlyMap<string, readonly WorkflowGraphError[]>;
  readOnly: boolean;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  onConnect: (connection: Connection) => void;
  onCheckpoint: () => void;
  onDropNode: (type: WorkflowNodeType, position: { x: number; y: number }) => void;
}) {
  const { screenToFlowPosition } = useReactFlow();

  // Edges the validation names are drawn red; others keep their identity so React Flow skips them.
  const edges = useMemo(
    () =>
      edgeErrors.size === 0
        ? state.edges
        : state.edges.map((e): FlowEdge =>
            edgeErrors.has(e.id)
              ? {
                  ...e,
                  style: { stroke: 'var(--mantine-color-red-6)', strokeWidth: 2 },
                  ariaLabel: edgeErrors.get(e.id)?.[0]?.message ?? '',
                }
              : e,
          ),
    [state.edges, edgeErrors],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!(WORKFLOW_NODE_TYPES as readonly string[]).includes(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The pointer holds the node near its top-left corner, where the title is.
      onDropNode(type as WorkflowNodeType, { x: Math.round(point.x - 40), y: Math.round(point.y - 16) });
    },
    [onDropNode, screenToFlowPosition],
  );

  return (
    <div className={classes.canvas} data-testid="wf-canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={state.nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onCheckpoint}
        onSelectionDragStart={onCheckpoint}
        onBeforeDelete={async () => {
          if (readOnly) return false;
          onCheckpoint();
          return true;
        }}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        // Only nodes in view are rendered: what keeps a 200-node graph smooth when zoomed in.
        onlyRenderVisibleElements
        fitView
        // A small graph is framed at its natural size, not blown up to fill the canvas.
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={minimapColor} />
      </ReactFlow>
    </div>
  );
}
