import { Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { WORKFLOW_NODE_TYPES, type WorkflowNodeType } from '@promptops/contracts';
import { NODE_META } from './node-meta';
import classes from './workflow-canvas.module.css';

/** The drag payload type: a node type dropped on the canvas. */
export const NODE_DRAG_TYPE = 'application/x-promptops-workflow-node';

/** The nine node types: drag one onto the canvas, or click to add it in the middle of the view. */
export function NodePalette({
  onAdd,
  disabled,
}: {
  onAdd: (type: WorkflowNodeType) => void;
  disabled?: boolean;
}) {
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        Nodes
      </Text>
      <div className={classes.palette} data-testid="wf-palette">
        {WORKFLOW_NODE_TYPES.map((type) => {
          const meta = NODE_META[type];
          const Icon = meta.icon;
          return (
            <Tooltip key={type} label={meta.description} position="right" withArrow openDelay={400}>
              <button
                type="button"
                className={classes.paletteItem}
                draggable={!disabled}
                disabled={disabled}
                onDragStart={(event) => {
                  event.dataTransfer.setData(NODE_DRAG_TYPE, type);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => onAdd(type)}
                data-testid={`wf-palette-${type}`}
              >
                <ThemeIcon size="sm" variant="light" color={meta.color}>
                  <Icon size={14} />
                </ThemeIcon>
                {meta.label}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Stack>
  );
}
