import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import type { WorkflowDecision } from '@promptops/contracts';
import { notifyFailure } from '../../components/notify';
import { Usd } from '../../components/usd';
import { ApprovalBox } from './approval-box';
import { formatOutput } from './run-compare';
import { inputFromFields, inputFromJson } from './run-input';
import { isTerminal, RUN_STATUS_COLOR, runTotals, type LiveRun } from './run-state';
import { StepList } from './step-list';
import { MONO } from './mono';

export interface RunInputDraft {
  fields: Record<string, string>;
  json: string;
}

/** The run form (from the start node's inputs, or JSON), the live steps and the approval box. */
export function RunPanel({
  inputs,
  draft,
  onDraftChange,
  live,
  error,
  version,
  dirty,
  canRun,
  onRun,
  onCancel,
  onDecide,
}: {
  inputs: readonly string[];
  draft: RunInputDraft;
  onDraftChange: (draft: RunInputDraft) => void;
  live: LiveRun;
  error: string | null;
  version: number;
  dirty: boolean;
  canRun: boolean;
  onRun: (input: Record<string, unknown>) => void;
  onCancel: () => void;
  onDecide: (decision: WorkflowDecision) => Promise<void>;
}) {
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState(false);
  const active = live.status === 'running' || live.status === 'queued';
  const totals = runTotals(live.steps);

  function run() {
    if (inputs.length > 0) return onRun(inputFromFields(inputs, draft.fields));
    const parsed = inputFromJson(draft.json);
    if (!parsed.ok) return setJsonError(parsed.error);
    setJsonError(null);
    onRun(parsed.input);
  }

  async function decide(decision: WorkflowDecision) {
    setDeciding(true);
    try {
      await onDecide(decision);
    } catch (e) {
      notifyFailure('Could not resume the run', e);
    } finally {
      setDeciding(false);
    }
  }

  return (
    <Stack gap="sm" data-testid="wf-run-panel">
      {inputs.length > 0 ? (
        inputs.map((name) => (
          <TextInput
            key={name}
            size="xs"
            label={name}
            value={draft.fields[name] ?? ''}
            onChange={(e) =>
              onDraftChange({ ...draft, fields: { ...draft.fields, [name]: e.currentTarget.value } })
            }
            data-testid={`wf-run-input-${name}`}
          />
        ))
      ) : (
        <Textarea
          size="xs"
          label="Input (JSON object)"
          description="The start node declares no inputs"
          autosize
          minRows={3}
          classNames={MONO}
          value={draft.json}
          onChange={(e) => onDraftChange({ ...draft, json: e.currentTarget.value })}
          error={jsonError}
          data-testid="wf-run-json"
        />
      )}
      {dirty && (
        <Text size="xs" c="orange">
          Runs the saved v{version}; save a version to run your changes.
        </Text>
      )}
      <Group gap="xs">
        {active ? (
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={14} />}
            onClick={onCancel}
            data-testid="wf-run-cancel"
          >
            Cancel run
          </Button>
        ) : (
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            onClick={run}
            disabled={!canRun}
            data-testid="wf-run-button"
          >
            Run v{version}
          </Button>
        )}
        {live.status !== 'idle' && (
          <Badge color={RUN_STATUS_COLOR[live.status]} variant="light" data-testid="wf-run-status">
            {live.status}
          </Badge>
        )}
        {live.steps.length > 0 && (
          <Text size="xs" c="dimmed">
            {totals.tokens} tokens · <Usd value={live.run?.costUsd ?? totals.costUsd} />
          </Text>
        )}
      </Group>
      {error && (
        <Alert color="red" variant="light" p="xs">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      {live.problem && (
        <Alert color="red" variant="light" p="xs" title={live.problem.title}>
          {live.problem.detail && <Text size="xs">{live.problem.detail}</Text>}
        </Alert>
      )}
      {live.status === 'waiting' && live.interrupt && (
        <ApprovalBox
          key={live.interrupt.nodeId}
          nodeId={live.interrupt.nodeId}
          message={live.interrupt.message}
          onDecide={(d) => void decide(d)}
          deciding={deciding}
          disabled={!canRun}
        />
      )}
      {isTerminal(live.status) && live.run && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Output
          </Text>
          {live.run.error && (
            <Text size="xs" c="red">
              {live.run.error}
            </Text>
          )}
          <Code block data-testid="wf-run-output" style={{ whiteSpace: 'pre-wrap' }}>
            {formatOutput(live.run.output)}
          </Code>
        </Stack>
      )}
      <StepList steps={live.steps} />
    </Stack>
  );
}
