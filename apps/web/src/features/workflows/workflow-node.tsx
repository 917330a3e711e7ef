import { memo, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { Badge, List, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconQuestionMark } from '@tabler/icons-react';
import { useNodeDecoration } from './canvas-decorations';
import { hasTargetHandle, nodeSummary, sourceHandles, type FlowNode } from './graph-model';
import { nodeMeta } from './node-meta';
import classes from './workflow-canvas.module.css';

const STATUS_LABEL = {
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  waiting: 'waiting',
  skipped: 'skipped',
} as const;

const STATUS_COLOR = {
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  waiting: 'orange',
  skipped: 'gray',
} as const;

/** One node on the canvas: icon, id, a line about its data, its handles, errors and run state. */
export const WorkflowNodeView = memo(function WorkflowNodeView({
  id,
  type,
  data,
  selected,
}: NodeProps<FlowNode>) {
  const { errors, status } = useNodeDecoration(id);
  const meta = nodeMeta(type);
  const Icon = meta?.icon ?? IconQuestionMark;
  const handles = sourceHandles(type, data.config);
  const invalid = errors.length > 0;
  // React Flow measures handles once; a renamed, added or removed branch must be measured again,
  // or edges could not start from it.
  const handleKey = handles.join('\u0000');
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [id, handleKey, updateNodeInternals]);

  const body = (
    <div
      className={classes.node}
      data-selected={selected ? 'true' : 'false'}
      data-invalid={invalid ? 'true' : 'false'}
      data-status={status ?? undefined}
      data-testid={`wf-node-${id}`}
    >
      {hasTargetHandle(type) && <Handle type="target" position={Position.Top} className={classes.handle} />}
      <div className={classes.header}>
        <ThemeIcon size="sm" variant="light" color={meta?.color ?? 'red'}>
          <Icon size={14} />
        </ThemeIcon>
        <span className={classes.title}>{id}</span>
        {status && (
          <Badge size="xs" variant="light" color={STATUS_COLOR[status]} data-testid={`wf-node-status-${id}`}>
            {STATUS_LABEL[status]}
          </Badge>
        )}
        {invalid && (
          <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label="has errors" />
        )}
      </div>
      <div className={classes.summary}>{nodeSummary(type, data.config)}</div>
      {handles.map((handle, i) => {
        const left = `${((i + 1) / (handles.length + 1)) * 100}%`;
        return (
          <span key={handle ?? 'out'}>
            <Handle
              type="source"
              position={Position.Bottom}
              id={handle ?? undefined}
              className={classes.handle}
              style={{ left }}
              data-testid={`wf-handle-${id}-${handle ?? 'out'}`}
            />
            {handle && (
              <span className={classes.handleLabel} style={{ left }}>
                {handle}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );

  if (!invalid) return body;
  return (
    <Tooltip
      withArrow
      multiline
      w={280}
      color="red"
      openDelay={150}
      // Beside the node and click-through: above it, it would cover the handle an edge is dropped on.
      position="right"
      style={{ pointerEvents: 'none' }}
      label={
        <Stack gap={2}>
          <Text size="xs" fw={600}>
            {errors.length === 1 ? '1 problem' : `${errors.length} problems`}
          </Text>
          <List size="xs" spacing={0}>
            {errors.map((e, i) => (
              <List.Item key={i}>{e.message}</List.Item>
            ))}
          </List>
        </Stack>
      }
    >
      {body}
    </Tooltip>
  );
});

/** React Flow draws every node type with the same component (unknown imported types too). */
export const NODE_TYPES = {
  start: WorkflowNodeView,
  prompt: WorkflowNodeView,
  condition: WorkflowNodeView,
  loop: WorkflowNodeView,
  parallel: WorkflowNodeView,
  join: WorkflowNodeView,
  human: WorkflowNodeView,
  tool: WorkflowNodeView,
  end: WorkflowNodeView,
  default: WorkflowNodeView,
};
