import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { orgPath } from '../../app/navigation';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { promptPagePath } from '../playground/prompt-paths';
import { formatRate, monthLabel, useOverview } from './overview-api';

function Stat({
  label,
  value,
  testId,
  note,
}: {
  label: string;
  value: ReactNode;
  testId: string;
  note?: string | undefined;
}) {
  return (
    <Card padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" data-testid={`${testId}-note`}>
          {note}
        </Text>
      )}
    </Card>
  );
}

/** This month's runs, cost, failure rate and most-run prompts. */
export function OverviewStats({ orgId }: { orgId: string }) {
  const overview = useOverview(orgId, true);
  if (overview.isPending) return <TableSkeleton rows={3} />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Stack gap="sm" data-testid="overview-stats">
      <Group justify="space-between">
        <Title order={4}>{monthLabel(o.from)}</Title>
        <Anchor component={Link} to={orgPath(orgId, 'playground')} size="sm">
          Open the playground
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Runs" value={o.runs.toLocaleString()} testId="overview-runs" />
        <Stat label="Cost" value={<Usd value={o.costUsd} />} testId="overview-cost" />
        <Stat label="Failure rate" value={formatRate(o.failureRate)} testId="overview-failure-rate" />
        <Stat
          label="Cancelled"
          value={o.cancelled.toLocaleString()}
          testId="overview-cancelled"
          // Runs cut short because the server stopped (a crash or a restart), not by the user.
          note={
            o.interrupted > 0 ? `${o.interrupted.toLocaleString()} interrupted by a server stop` : undefined
          }
        />
      </SimpleGrid>
      <Card padding="md">
        <Text fw={600} mb="xs">
          Most-run prompts
        </Text>
        {o.topPrompts.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="overview-no-prompts">
            No saved prompt has run this month yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320} type="native">
            <Table data-testid="overview-top-prompts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Prompt</Table.Th>
                  <Table.Th ta="right">Runs</Table.Th>
                  <Table.Th ta="right">Cost</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.topPrompts.map((p) => (
                  <Table.Tr key={p.name}>
                    <Table.Td>
                      <Anchor component={Link} to={promptPagePath(orgId, p.name)} size="sm">
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{p.runs.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">
                      <Usd value={p.costUsd} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
