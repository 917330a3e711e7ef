import { Anchor, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconTableExport } from '@tabler/icons-react';
import type { Analytics } from '@promptops/contracts';
import { Usd } from '../../components/usd';
import { formatRate } from '../orgs/overview-api';
import { formatDuration } from '../playground/run-format';
import { rankedSeries } from './chart-data';
import { formatQuality } from './kpi';

type Totals = Analytics['totals'];

/** The series the server sums the least-run ones into (past 19); not a prompt to filter by. */
const OTHER_SERIES = '(other)';

const integer = new Intl.NumberFormat('en-US');

function Cells({ totals }: { totals: Totals }) {
  return (
    <>
      <Table.Td ta="right">{integer.format(totals.executions)}</Table.Td>
      <Table.Td ta="right">{totals.executions > 0 ? formatRate(totals.errorRate) : '—'}</Table.Td>
      <Table.Td ta="right">{integer.format(totals.inputTokens)}</Table.Td>
      <Table.Td ta="right">{integer.format(totals.outputTokens)}</Table.Td>
      <Table.Td ta="right">
        <Usd value={totals.costUsd} />
      </Table.Td>
      <Table.Td ta="right">{formatDuration(totals.latencyMs.p50)}</Table.Td>
      <Table.Td ta="right">{formatDuration(totals.latencyMs.p95)}</Table.Td>
      <Table.Td ta="right">{formatQuality(totals.evaluationScore)}</Table.Td>
    </>
  );
}

/** Totals per series (and overall), with the table as CSV. Prompt series narrow the view when clicked. */
export function SeriesTable({
  analytics,
  onExport,
  onPickPrompt,
}: {
  analytics: Analytics;
  onExport: () => void;
  onPickPrompt: (name: string) => void;
}) {
  const grouped = analytics.groupBy !== null;
  const series = grouped ? rankedSeries(analytics) : [];
  return (
    <Card padding={0} data-testid="series-table">
      <Group justify="space-between" p="md" pb="xs">
        <Title order={5}>{grouped ? `By ${analytics.groupBy}` : 'Totals'}</Title>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTableExport size={14} />}
          onClick={onExport}
          data-testid="series-table-export"
        >
          Table CSV
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="md" highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{grouped ? 'Series' : ''}</Table.Th>
              <Table.Th ta="right">Runs</Table.Th>
              <Table.Th ta="right">Error rate</Table.Th>
              <Table.Th ta="right">Input tokens</Table.Th>
              <Table.Th ta="right">Output tokens</Table.Th>
              <Table.Th ta="right">Cost</Table.Th>
              <Table.Th ta="right">p50</Table.Th>
              <Table.Th ta="right">p95</Table.Th>
              <Table.Th ta="right">Quality</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {series.map((s) => (
              <Table.Tr key={s.key} data-testid="series-row">
                <Table.Td maw={320}>
                  {analytics.groupBy === 'prompt' && s.key !== '' && s.key !== OTHER_SERIES ? (
                    <Anchor
                      component="button"
                      size="sm"
                      onClick={() => onPickPrompt(s.key)}
                      title="Show only this prompt"
                    >
                      {s.label}
                    </Anchor>
                  ) : (
                    <Text size="sm" truncate title={s.key}>
                      {s.label}
                    </Text>
                  )}
                </Table.Td>
                <Cells totals={s.totals} />
              </Table.Tr>
            ))}
            <Table.Tr fw={600} data-testid="series-total-row">
              <Table.Td>Total</Table.Td>
              <Cells totals={analytics.totals} />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
