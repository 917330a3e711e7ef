import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { RunComparison } from './run-comparison';
import { RUN_STATUS_COLOR } from './run-state';
import { useWorkflowRuns } from './workflows-api';

/** This workflow's runs, newest first: open one on the canvas, or tick two to compare them. */
export function RunHistory({
  orgId,
  name,
  onOpen,
  openedId,
}: {
  orgId: string;
  name: string;
  onOpen: (runId: string) => void;
  openedId: string | null;
}) {
  const runs = useWorkflowRuns(orgId, { workflowName: name });
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const items = runs.data?.items ?? [];

  if (runs.isPending) return <TableSkeleton rows={3} />;
  if (runs.isError)
    return (
      <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} title="Could not load the runs" />
    );
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="wf-history-empty">
        No runs yet. Run the workflow from the Run tab.
      </Text>
    );
  }

  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <Stack gap="xs" data-testid="wf-history">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Tick two runs to compare their node outputs.
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconGitCompare size={12} />}
          disabled={picked.length !== 2}
          onClick={() => setComparing(true)}
          data-testid="wf-compare"
        >
          Compare
        </Button>
      </Group>
      <Table verticalSpacing={4} horizontalSpacing="xs" highlightOnHover fz="xs">
        <Table.Tbody>
          {items.map((run) => (
            <Table.Tr
              key={run.id}
              bg={run.id === openedId ? 'blue.0' : undefined}
              data-testid={`wf-history-row-${run.id}`}
            >
              <Table.Td w={24}>
                <Checkbox
                  size="xs"
                  checked={picked.includes(run.id)}
                  onChange={() => toggle(run.id)}
                  aria-label="Pick for comparison"
                />
              </Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color={RUN_STATUS_COLOR[run.status] ?? 'gray'}>
                  {run.status}
                </Badge>
              </Table.Td>
              <Table.Td>v{run.version}</Table.Td>
              <Table.Td>
                <Usd value={run.costUsd} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.createdAt, true)}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onOpen(run.id)}
                  data-testid="wf-history-open"
                >
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={comparing} onClose={() => setComparing(false)} title="Compare runs" size="90%" centered>
        <ScrollArea.Autosize mah="75vh">
          {picked.length === 2 && <RunComparison orgId={orgId} leftId={picked[0]!} rightId={picked[1]!} />}
        </ScrollArea.Autosize>
      </Modal>
    </Stack>
  );
}
