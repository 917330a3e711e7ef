import type { ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Card,
  CopyButton,
  Group,
  Loader,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { Usd } from '../../components/usd';
import type { RunState, RunStatus } from './executions-api';
import { describeRunFailure, plainFailure } from './run-failure';
import { formatDuration, formatTokens } from './run-format';
import classes from './run-output.module.css';

const STATUS: Record<RunStatus, { label: string; color: string }> = {
  idle: { label: 'Ready', color: 'gray' },
  running: { label: 'Streaming', color: 'indigo' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  // The same word as the run history: a stopped run is stored as cancelled.
  cancelled: { label: 'Cancelled', color: 'orange' },
  interrupted: { label: 'Interrupted', color: 'orange' },
};

function Metric({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Badge variant="light" color="gray" tt="none" size="lg" radius="sm" data-testid={testId}>
      <Text span size="xs" c="dimmed" mr={4}>
        {label}
      </Text>
      <Text span size="xs" fw={600} c="dark">
        {value}
      </Text>
    </Badge>
  );
}

/** The streamed answer and, once `done` arrives, the run's tokens, cost and timings. */
export function RunOutput({ state }: { state: RunState }) {
  const { status, output, execution, error, problem } = state;
  const meta = STATUS[status];
  const failure = problem ? describeRunFailure(problem, error) : error ? plainFailure(error) : null;
  const toolCalls = execution?.toolCalls ?? [];
  return (
    <Card padding="md" data-testid="run-output-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={5}>Output</Title>
          <Badge color={meta.color} variant="light" data-testid="run-status" data-status={status}>
            {meta.label}
          </Badge>
          {status === 'running' && <Loader size={14} />}
        </Group>
        {output !== '' && (
          <CopyButton value={output}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy output'} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label="Copy output"
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        )}
      </Group>
      {execution && (
        <Group gap={6} mb="sm" data-testid="run-metrics">
          <Metric label="in" value={formatTokens(execution.usage.inputTokens)} testId="badge-input-tokens" />
          <Metric
            label="out"
            value={formatTokens(execution.usage.outputTokens)}
            testId="badge-output-tokens"
          />
          <Metric label="cost" value={<Usd value={execution.costUsd} />} testId="badge-cost" />
          <Metric label="latency" value={formatDuration(execution.latencyMs)} testId="badge-latency" />
          <Metric label="TTFT" value={formatDuration(execution.ttftMs)} testId="badge-ttft" />
          <Metric label="model" value={execution.model} testId="badge-model" />
          {execution.attempts > 1 && (
            <Metric label="attempts" value={String(execution.attempts)} testId="badge-attempts" />
          )}
        </Group>
      )}
      <Box className={classes.output}>
        {output === '' && status === 'idle' ? (
          <Text size="sm" c="dimmed" data-testid="run-placeholder">
            Run the prompt to see the answer stream in here.
          </Text>
        ) : output === '' && status !== 'running' && toolCalls.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="run-no-output">
            No output.
          </Text>
        ) : (
          <>
            <span data-testid="run-output">{output}</span>
            {status === 'running' && <span className={classes.caret} aria-hidden />}
          </>
        )}
      </Box>
      {toolCalls.length > 0 && (
        <Box mt="sm" data-testid="run-tool-calls">
          <Text size="xs" c="dimmed" mb={4}>
            The model called {toolCalls.length === 1 ? 'a tool' : `${toolCalls.length} tools`}
          </Text>
          {toolCalls.map((call) => (
            <Text key={call.id} size="sm" ff="monospace" data-testid="run-tool-call">
              {call.name}({call.arguments})
            </Text>
          ))}
        </Box>
      )}
      {failure && (
        <Alert
          mt="sm"
          color={failure.color}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={failure.title}
          data-testid="run-error"
          data-kind={failure.kind}
        >
          {failure.message}
        </Alert>
      )}
    </Card>
  );
}
