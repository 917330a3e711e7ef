import { Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { Usd } from '../../components/usd';
import { formatOutput } from './run-compare';
import type { StepView } from './run-state';

const COLORS = {
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  waiting: 'orange',
  skipped: 'gray',
} as const;

/** Every visit of a node in run order, with its output, tokens and cost. */
export function StepList({ steps }: { steps: readonly StepView[] }) {
  if (steps.length === 0) return null;
  return (
    <Stack gap={6} data-testid="wf-steps">
      {steps.map((step) => (
        <Paper
          key={`${step.nodeId}#${step.iteration}`}
          withBorder
          p="xs"
          data-testid={`wf-step-${step.nodeId}`}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} ff="monospace" truncate>
                {step.nodeId}
              </Text>
              {step.iteration > 1 && (
                <Text size="xs" c="dimmed">
                  #{step.iteration}
                </Text>
              )}
              <Badge size="xs" variant="light" color={COLORS[step.status]}>
                {step.status}
              </Badge>
            </Group>
            <Group gap={6} wrap="nowrap">
              {step.usage && (
                <Text size="xs" c="dimmed">
                  {step.usage.inputTokens}→{step.usage.outputTokens} tok
                </Text>
              )}
              {step.costUsd && step.costUsd !== '0' && (
                <Text size="xs" c="dimmed">
                  <Usd value={step.costUsd} />
                </Text>
              )}
            </Group>
          </Group>
          {step.error && (
            <Text size="xs" c="red" mt={4}>
              {step.error}
            </Text>
          )}
          {step.output !== null && step.output !== undefined && (
            <Code
              block
              mt={4}
              style={{
                maxHeight: 160,
                overflow: 'auto',
                fontSize: 11,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
              }}
            >
              {formatOutput(step.output)}
            </Code>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
