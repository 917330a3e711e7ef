import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconQuestionMark, IconTrash } from '@tabler/icons-react';
import type { WorkflowGraphError } from '@promptops/contracts';
import { ConditionNodeForm } from './condition-node-form';
import { fieldErrors, isValidNodeId, type FlowNode } from './graph-model';
import { nodeMeta } from './node-meta';
import { PromptNodeForm } from './prompt-node-form';
import {
  EndNodeForm,
  HumanNodeForm,
  LoopNodeForm,
  NoSettings,
  StartNodeForm,
  type NodeFormProps,
} from './simple-node-forms';
import { ToolNodeForm } from './tool-node-form';
import { MONO } from './mono';

function NodeForm({ type, ...props }: NodeFormProps & { type: string }) {
  switch (type) {
    case 'start':
      return <StartNodeForm {...props} />;
    case 'prompt':
      return <PromptNodeForm {...props} />;
    case 'condition':
      return <ConditionNodeForm {...props} />;
    case 'loop':
      return <LoopNodeForm {...props} />;
    case 'parallel':
      return <NoSettings text="Every outgoing edge runs at the same time; connect two or more." />;
    case 'join':
      return <NoSettings text="Continues once every incoming branch has finished." />;
    case 'human':
      return <HumanNodeForm {...props} />;
    case 'tool':
      return <ToolNodeForm {...props} />;
    case 'end':
      return <EndNodeForm {...props} />;
    default:
      return (
        <NoSettings text={`“${type}” is not a node type this version knows; delete it or fix the import.`} />
      );
  }
}

/** The node id, editable: renamed on Enter or when the field loses focus. */
function NodeIdField({
  id,
  onRename,
  readOnly,
}: {
  id: string;
  onRename: (next: string) => string | null;
  readOnly: boolean;
}) {
  const [value, setValue] = useState(id);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (value === id) return setError(null);
    if (!isValidNodeId(value)) return setError('A letter or _, then letters, digits or _');
    setError(onRename(value));
  };
  return (
    <TextInput
      label="Id"
      description="Other nodes read this node's output as {{id.output}}"
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setValue(id);
          setError(null);
        }
      }}
      error={error}
      readOnly={readOnly}
      classNames={MONO}
      data-testid="wf-node-id"
    />
  );
}

/** The selected node's settings, with the validation errors that name it. */
export function NodeInspector({
  node,
  errors,
  onChange,
  onRename,
  onDelete,
  readOnly,
}: {
  node: FlowNode;
  errors: readonly WorkflowGraphError[];
  onChange: (nodeId: string, config: Record<string, unknown>, field: string) => void;
  /** Answers an error message when the rename is refused. */
  onRename: (from: string, to: string) => string | null;
  onDelete: (nodeId: string) => void;
  readOnly: boolean;
}) {
  const type = node.type ?? 'unknown';
  const meta = nodeMeta(type);
  const Icon = meta?.icon ?? IconQuestionMark;
  const byField = fieldErrors(errors);
  // Errors a form field shows inline are not repeated in the list.
  const listed = errors.filter((e) => !e.field);
  const unshownFields = errors.filter((e) => e.field && !isFieldShown(type, e.field));

  return (
    <Stack gap="sm" data-testid="wf-inspector">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light" color={meta?.color ?? 'red'}>
            <Icon size={16} />
          </ThemeIcon>
          <Text fw={600}>{meta?.label ?? type}</Text>
          {errors.length > 0 && (
            <Badge color="red" variant="light" size="sm">
              {errors.length} problem{errors.length === 1 ? '' : 's'}
            </Badge>
          )}
        </Group>
        {!readOnly && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={12} />}
            onClick={() => onDelete(node.id)}
            data-testid="wf-node-delete"
          >
            Delete
          </Button>
        )}
      </Group>
      {meta && (
        <Text size="xs" c="dimmed">
          {meta.description}
        </Text>
      )}
      {[...listed, ...unshownFields].length > 0 && (
        <Alert
          color="red"
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={16} />}
          data-testid="wf-node-errors"
        >
          <List size="xs" spacing={2}>
            {[...listed, ...unshownFields].map((e, i) => (
              <List.Item key={i}>
                {e.field ? `${e.field}: ` : ''}
                {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <NodeIdField key={node.id} id={node.id} onRename={(to) => onRename(node.id, to)} readOnly={readOnly} />
      <NodeForm
        type={type}
        nodeId={node.id}
        config={node.data.config}
        onChange={(config, field) => onChange(node.id, config, field)}
        errors={byField}
        readOnly={readOnly}
      />
    </Stack>
  );
}

// The data fields each type's form draws an input for; an error on any other field goes in the list.
const SHOWN_FIELDS: Record<string, RegExp> = {
  start: /^inputs$/,
  prompt: /^(prompt|prompt\.(name|version|label)|modelId|variables\.[^.]+)$/,
  condition: /^branches(\.\d+(\.(id|when))?)?$/,
  loop: /^(maxIterations|until)$/,
  human: /^message$/,
  tool: /^(method|url|headers|body|code|timeoutMs)$/,
  end: /^output$/,
};

function isFieldShown(type: string, field: string): boolean {
  return SHOWN_FIELDS[type]?.test(field) ?? false;
}
