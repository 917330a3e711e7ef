import type { ReactNode } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Center, Group, SimpleGrid, Text, Title } from '@mantine/core';
import type { Analytics } from '@promptops/contracts';
import { formatUsd } from '../providers/model-catalog';
import { formatDuration } from '../playground/run-format';
import { buildChart, type ChartMetric, type ChartSpec } from './chart-data';
import { formatQuality } from './kpi';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US');

interface ChartDefinition {
  metric: ChartMetric;
  title: string;
  /** Tooltip values. */
  format: (value: number) => string;
  /** Axis ticks: shorter than the tooltip where that helps. */
  tick: (value: number) => string;
  empty: string;
}

const CHARTS: Record<ChartMetric, ChartDefinition> = {
  runs: {
    metric: 'runs',
    title: 'Runs and failures',
    format: (v) => integer.format(v),
    tick: (v) => compact.format(v),
    empty: 'No runs in this period.',
  },
  cost: {
    metric: 'cost',
    title: 'Cost',
    format: (v) => formatUsd(String(v)),
    tick: (v) => formatUsd(String(v)),
    empty: 'Nothing spent in this period.',
  },
  latency: {
    metric: 'latency',
    title: 'Latency',
    format: (v) => formatDuration(v),
    tick: (v) => formatDuration(v),
    empty: 'No finished runs to time.',
  },
  tokens: {
    metric: 'tokens',
    title: 'Tokens',
    format: (v) => integer.format(v),
    tick: (v) => compact.format(v),
    empty: 'No tokens used in this period.',
  },
  quality: {
    metric: 'quality',
    title: 'Quality',
    format: (v) => formatQuality(v),
    tick: (v) => formatQuality(v),
    empty: 'No evaluation finished in this period. Run one to see its scores here.',
  },
};

function chartTitle(definition: ChartDefinition, grouped: boolean): string {
  if (!grouped) return definition.title;
  // Grouped, each series gets one line: say which figure it is.
  if (definition.metric === 'runs') return 'Runs';
  if (definition.metric === 'latency') return 'p95 latency';
  return definition.title;
}

function TimeChart({
  spec,
  definition,
  bars,
}: {
  spec: ChartSpec;
  definition: ChartDefinition;
  bars: boolean;
}) {
  const common = {
    h: 220,
    data: spec.rows,
    dataKey: 'label',
    series: spec.lines,
    valueFormatter: definition.format,
    withLegend: spec.lines.length > 1,
    legendProps: { verticalAlign: 'bottom' as const, height: 40 },
    yAxisProps: { width: 64, tickFormatter: definition.tick },
    xAxisProps: { minTickGap: 24 },
    gridAxis: 'y' as const,
    tooltipAnimationDuration: 120,
  };
  if (bars) return <BarChart {...common} />;
  return (
    <LineChart
      {...common}
      // Straight segments: a curve would suggest values between the buckets that no one measured.
      curveType="linear"
      withDots={spec.rows.length <= 31}
      // Scores exist only where an evaluation finished: join them. A latency gap is a bucket without runs.
      connectNulls={definition.metric === 'quality'}
      strokeWidth={2}
    />
  );
}

function ChartCard({
  title,
  actions,
  note,
  children,
  testId,
  wide = false,
}: {
  wide?: boolean;
  title: string;
  actions?: ReactNode;
  note?: string | null;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card padding="md" data-testid={testId} style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Group justify="space-between" mb="sm" wrap="nowrap" gap="xs">
        <Title order={5}>{title}</Title>
        {actions}
      </Group>
      {children}
      {note && (
        <Text size="xs" c="dimmed" mt={4}>
          {note}
        </Text>
      )}
    </Card>
  );
}

/** Runs, cost, latency, tokens and quality over time: one line per series when grouped. */
export function AnalyticsCharts({
  analytics,
  scoreKeyControl,
}: {
  analytics: Analytics;
  /** The score picker, shown on the quality chart. */
  scoreKeyControl: ReactNode;
}) {
  const grouped = analytics.groupBy !== null;
  const charts = (['runs', 'cost', 'latency', 'tokens', 'quality'] as const).map((metric) => ({
    definition: CHARTS[metric],
    spec: buildChart(analytics, metric),
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="analytics-charts">
      {charts.map(({ definition, spec }) => (
        <ChartCard
          key={definition.metric}
          // Five charts in two columns: the last one takes the whole row.
          wide={definition.metric === 'quality'}
          title={chartTitle(definition, grouped)}
          actions={definition.metric === 'quality' ? scoreKeyControl : undefined}
          note={
            spec.hidden > 0
              ? `The ${spec.lines.length} busiest of ${spec.lines.length + spec.hidden} series; the table lists all.`
              : null
          }
          testId={`chart-${definition.metric}`}
        >
          {spec.hasValues ? (
            <TimeChart spec={spec} definition={definition} bars={definition.metric === 'runs' && !grouped} />
          ) : (
            // The full-width quality card stays short when it has nothing to draw.
            <Center h={definition.metric === 'quality' ? 64 : 220}>
              <Text
                size="sm"
                c="dimmed"
                ta="center"
                maw={320}
                data-testid={`chart-${definition.metric}-empty`}
              >
                {definition.empty}
              </Text>
            </Center>
          )}
        </ChartCard>
      ))}
    </SimpleGrid>
  );
}
