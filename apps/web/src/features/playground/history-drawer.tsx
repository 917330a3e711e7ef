import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Box,
  Center,
  Drawer,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconDatabasePlus } from '@tabler/icons-react';
import type { Execution } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { AddToDatasetModal } from '../datasets/add-to-dataset-modal';
import { useCan } from '../orgs/current-org';
import { HISTORY_LIMIT, useExecutionHistory } from './executions-api';
import { formatDuration, previewText } from './run-format';

const STATUS_COLOR = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'orange',
  interrupted: 'grape',
} as const satisfies Record<Execution['status'], string>;

/** Where a run came from, when not from the playground itself. */
const SOURCE_LABEL: Record<Execution['source'], string | null> = {
  playground: null,
  api: 'API',
  evaluation: 'Evaluation',
  workflow: 'Workflow',
  openai: 'OpenAI endpoint',
};

function HistoryItem({
  execution,
  onOpen,
  onAddToDataset,
}: {
  execution: Execution;
  onOpen: () => void;
  /** Offered for finished runs when the user may write datasets. */
  onAddToDataset: (() => void) | null;
}) {
  const title = execution.promptName
    ? `${execution.promptName} v${execution.promptVersion ?? 'draft'}`
    : 'Ad-hoc run';
  return (
    <Box
      pos="relative"
      style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="history-item"
      data-execution-id={execution.id}
      data-status={execution.status}
    >
      <UnstyledButton onClick={onOpen} p="sm" w="100%">
        <Group justify="space-between" mb={4} wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" miw={0} style={{ flex: 1 }}>
            {/* Never shrinks: "SUCCEEDED" stays whole; the name gives way and shows in full on hover. */}
            <Badge
              size="xs"
              variant="light"
              color={STATUS_COLOR[execution.status]}
              style={{ flexShrink: 0, overflow: 'visible' }}
              data-testid="history-status"
            >
              {execution.status}
            </Badge>
            <Tooltip label={title} withArrow openDelay={300}>
              <Text size="xs" fw={600} truncate miw={0} data-testid="history-title">
                {title}
              </Text>
            </Tooltip>
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
            {formatDateTime(execution.createdAt)}
          </Text>
        </Group>
        <Text size="sm" lineClamp={2} mb={4}>
          {previewText(execution.output || execution.error || '—', 160)}
        </Text>
        {/* The last line leaves room for the add-to-dataset button in the corner. */}
        <Text size="xs" c="dimmed" pr={onAddToDataset ? 32 : 0} data-testid="history-meta">
          {SOURCE_LABEL[execution.source] ? `${SOURCE_LABEL[execution.source]} · ` : ''}
          {execution.model} · {execution.usage.inputTokens}→{execution.usage.outputTokens} tokens ·{' '}
          <Usd value={execution.costUsd} /> ·{' '}
          {execution.status === 'running' ? 'in progress' : formatDuration(execution.latencyMs)}
        </Text>
      </UnstyledButton>
      {onAddToDataset && (
        <Tooltip label="Add to dataset" withArrow>
          <ActionIcon
            pos="absolute"
            right={8}
            bottom={8}
            variant="subtle"
            color="gray"
            onClick={onAddToDataset}
            aria-label="Add this run to a dataset"
            data-testid="history-add-to-dataset"
          >
            <IconDatabasePlus size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Box>
  );
}

/** The last runs of this prompt (or of the organization); opening one restores its inputs. */
export function HistoryDrawer({
  orgId,
  promptName,
  opened,
  onClose,
  onOpen,
}: {
  orgId: string;
  promptName: string | null;
  opened: boolean;
  onClose: () => void;
  onOpen: (execution: Execution) => void;
}) {
  const [scope, setScope] = useState<'prompt' | 'org'>('prompt');
  const effective = promptName !== null && scope === 'prompt' ? promptName : null;
  const history = useExecutionHistory(orgId, effective, opened);
  const canAddToDataset = useCan('datasets:write');
  const [adding, setAdding] = useState<Execution | null>(null);

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={<Text fw={600}>Run history</Text>}
      data-testid="history-drawer"
    >
      <Stack gap="sm">
        {promptName !== null && (
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as 'prompt' | 'org')}
            data={[
              { value: 'prompt', label: 'This prompt' },
              { value: 'org', label: 'All runs' },
            ]}
            data-testid="history-scope"
          />
        )}
        <Text size="xs" c="dimmed">
          The last {HISTORY_LIMIT} runs, newest first. Open one to restore its inputs.
        </Text>
        {history.isPending && <TableSkeleton rows={5} />}
        {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
        {history.data?.items.length === 0 && (
          <Center py="xl" data-testid="history-empty">
            <Text size="sm" c="dimmed">
              No runs yet.
            </Text>
          </Center>
        )}
        {history.data?.items.map((execution) => (
          <HistoryItem
            key={execution.id}
            execution={execution}
            onOpen={() => onOpen(execution)}
            onAddToDataset={
              canAddToDataset && execution.status === 'succeeded' ? () => setAdding(execution) : null
            }
          />
        ))}
      </Stack>
      <AddToDatasetModal orgId={orgId} execution={adding} onClose={() => setAdding(null)} />
    </Drawer>
  );
}
