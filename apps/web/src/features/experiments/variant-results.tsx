import { LineChart } from '@mantine/charts';
import { Badge, Card, Group, Progress, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import type { Experiment, ExperimentResults } from '@promptops/contracts';
import { LINE_COLORS } from '../analytics/chart-data';
import { formatInterval, formatLoss, formatMetric, formatProbability, posteriorChart } from './results-view';

const integer = new Intl.NumberFormat('en-US');

/** The experiment's colour for a variant, the same in the table, the split bar and the chart. */
export function variantColor(experiment: Experiment, name: string): string {
  const index = Math.max(
    0,
    experiment.variants.findIndex((v) => v.name === name),
  );
  return LINE_COLORS[index % LINE_COLORS.length]!;
}

/** Per variant: subjects, outcomes, mean with its 95 % interval, chance to be best, expected loss. */
export function VariantResultsTable({
  experiment,
  results,
}: {
  experiment: Experiment;
  results: ExperimentResults;
}) {
  const kind = results.metric.kind;
  const winner = results.decision.state === 'winner' ? results.decision.winner : null;
  return (
    <Card p={0} data-testid="variant-results">
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Variant</Table.Th>
              <Table.Th ta="right">Subjects</Table.Th>
              <Table.Th ta="right">Outcomes</Table.Th>
              <Table.Th ta="right">{kind === 'binary' ? 'Rate' : 'Mean'}</Table.Th>
              <Table.Th ta="right">95 % interval</Table.Th>
              <Table.Th w={220}>
                <Tooltip label="Probability that this variant has the best true mean" withArrow>
                  <span>P(best)</span>
                </Tooltip>
              </Table.Th>
              <Table.Th ta="right">
                <Tooltip
                  label="How much worse than the best this variant is expected to be, if chosen"
                  withArrow
                  multiline
                  maw={260}
                >
                  <span>Expected loss</span>
                </Tooltip>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.variants.map((v) => {
              const color = variantColor(experiment, v.name);
              const isWinner = v.name === winner;
              return (
                <Table.Tr
                  key={v.name}
                  data-testid={`variant-row-${v.name}`}
                  data-winner={isWinner || undefined}
                  bg={isWinner ? 'teal.0' : undefined}
                >
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <span
                        style={{
                          width: 10,
                          height: 10,
                          borderRadius: 5,
                          flexShrink: 0,
                          background: `var(--mantine-color-${color.replace('.', '-')})`,
                        }}
                      />
                      <Text size="sm" fw={600}>
                        {v.name}
                      </Text>
                      <Badge size="xs" variant="light" color="gray" tt="none">
                        v{v.version}
                      </Badge>
                      {isWinner && <IconTrophy size={16} color="var(--mantine-color-teal-7)" />}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{integer.format(v.subjects)}</Table.Td>
                  <Table.Td ta="right">{integer.format(v.n)}</Table.Td>
                  <Table.Td ta="right" fw={600} data-testid={`variant-mean-${v.name}`}>
                    {formatMetric(kind, v.mean)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c="dimmed">
                      {formatInterval(kind, v.ci95)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress
                        value={(v.probabilityBest ?? 0) * 100}
                        color={color}
                        size="lg"
                        style={{ flex: 1 }}
                        aria-label={`P(best) of ${v.name}`}
                      />
                      <Text size="sm" w={68} ta="right" data-testid={`variant-pbest-${v.name}`}>
                        {formatProbability(v.probabilityBest)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{formatLoss(kind, v.expectedLoss)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** The posterior densities of the variants' means, overlaid: where they separate, the data tells them apart. */
export function PosteriorChart({
  experiment,
  results,
}: {
  experiment: Experiment;
  results: ExperimentResults;
}) {
  const chart = posteriorChart(results.variants);
  const kind = results.metric.kind;
  return (
    <Card padding="md" data-testid="posterior-chart">
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          What the data says about each variant&apos;s {kind === 'binary' ? 'rate' : 'mean'}
        </Title>
        <Text size="xs" c="dimmed">
          posterior density
        </Text>
      </Group>
      {chart.rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          The curves appear once the variants have outcomes.
        </Text>
      ) : (
        <LineChart
          h={260}
          data={chart.rows}
          dataKey="x"
          series={chart.lines.map((l) => ({ ...l, color: variantColor(experiment, l.label) }))}
          curveType="monotone"
          withDots={false}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 36 }}
          gridAxis="x"
          withYAxis={false}
          xAxisProps={{
            type: 'number',
            domain: ['dataMin', 'dataMax'],
            tickFormatter: (x: number) => formatMetric(kind, x),
            tickCount: 8,
          }}
          tooltipProps={{
            labelFormatter: (x: number) => `${kind === 'binary' ? 'Rate' : 'Mean'} ${formatMetric(kind, x)}`,
          }}
          valueFormatter={(d) => d.toFixed(d >= 10 ? 1 : 3)}
          strokeWidth={2}
        />
      )}
    </Card>
  );
}
