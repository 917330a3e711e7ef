import { Badge, Code, Group, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../app/format';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { compareRuns, formatOutput, type CompareSide } from './run-compare';
import { RUN_STATUS_COLOR } from './run-state';
import { useWorkflowRun } from './workflows-api';

function Side({ side }: { side: CompareSide | null }) {
  if (!side) {
    return (
      <Text size="xs" c="dimmed" fs="italic">
        not run
      </Text>
    );
  }
  return (
    <>
      <Group gap={6} mb={4}>
        <Badge size="xs" variant="light" color={RUN_STATUS_COLOR[side.status] ?? 'gray'}>
          {side.status}
        </Badge>
        {side.costUsd !== '0' && (
          <Text size="xs" c="dimmed">
            <Usd value={side.costUsd} />
          </Text>
        )}
      </Group>
      {side.error && (
        <Text size="xs" c="red">
          {side.error}
        </Text>
      )}
      <Code
        block
        style={{
          fontSize: 11,
          maxHeight: 200,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {formatOutput(side.output)}
      </Code>
    </>
  );
}

/** Two runs side by side, node by node; rows whose outputs differ are highlighted. */
export function RunComparison({
  orgId,
  leftId,
  rightId,
}: {
  orgId: string;
  leftId: string;
  rightId: string;
}) {
  const left = useWorkflowRun(orgId, leftId);
  const right = useWorkflowRun(orgId, rightId);
  if (left.isError || right.isError)
    return <ErrorAlert error={left.error ?? right.error} title="Could not load the runs" />;
  if (!left.data || !right.data) return <TableSkeleton />;
  const rows = compareRuns(left.data, right.data);
  return (
    <Table layout="fixed" verticalSpacing="xs" data-testid="wf-comparison">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>Node</Table.Th>
          {[left.data, right.data].map((run) => (
            <Table.Th key={run.id}>
              v{run.version} · {formatDateTime(run.createdAt, true)} · <Usd value={run.costUsd} />
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.nodeId}
            bg={row.differs ? 'yellow.0' : undefined}
            data-testid={`wf-compare-row-${row.nodeId}`}
          >
            <Table.Td>
              <Text size="sm" ff="monospace" fw={600}>
                {row.nodeId}
              </Text>
              {row.differs && (
                <Text size="xs" c="orange">
                  differs
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Side side={row.left} />
            </Table.Td>
            <Table.Td>
              <Side side={row.right} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
