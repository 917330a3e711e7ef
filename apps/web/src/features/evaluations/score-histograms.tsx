import { useMemo } from 'react';
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Evaluation, EvaluationResult } from '@promptops/contracts';
import { formatScore, type MetricInfo } from './metrics-view';
import { buildHistogram } from './score-histogram';
import { variantLabel } from './summary-table';

const WIDTH = 220;
const HEIGHT = 64;
const BINS = 10;

/** One small SVG histogram per variant for one metric, all on the same axes. */
export function ScoreHistograms({
  evaluation,
  results,
  metric,
}: {
  evaluation: Evaluation;
  results: readonly EvaluationResult[];
  metric: MetricInfo;
}) {
  const histogram = useMemo(() => {
    const values = evaluation.variants.map(() => [] as number[]);
    for (const r of results) {
      const score = r.scores[metric.key];
      if (score !== undefined) values[r.variant]?.push(score);
    }
    return buildHistogram(values, BINS);
  }, [evaluation.variants, results, metric.key]);
  const barWidth = WIDTH / BINS;

  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2, md: Math.min(4, evaluation.variants.length) }}
      data-testid="score-histograms"
    >
      {histogram.counts.map((counts, v) => {
        const n = counts.reduce((a, b) => a + b, 0);
        return (
          <Card key={v} withBorder padding="sm">
            <Stack gap={4}>
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {variantLabel(evaluation, v)}
                </Text>
                <Text size="xs" c="dimmed">
                  n = {n}
                </Text>
              </Group>
              <svg
                viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                width="100%"
                height={HEIGHT}
                preserveAspectRatio="none"
                role="img"
                aria-label={`Distribution of ${metric.key} for ${variantLabel(evaluation, v)}`}
              >
                {counts.map((count, i) => {
                  const h = histogram.maxCount === 0 ? 0 : (count / histogram.maxCount) * (HEIGHT - 1);
                  const lo = histogram.min + i * histogram.binWidth;
                  return (
                    <rect
                      key={i}
                      x={i * barWidth + 1}
                      y={HEIGHT - 1 - h}
                      width={barWidth - 2}
                      height={Math.max(h, count > 0 ? 1 : 0)}
                      fill={`var(--mantine-color-${v === 0 ? 'gray' : 'blue'}-5)`}
                    >
                      <title>{`${formatScore(metric, lo)} – ${formatScore(metric, lo + histogram.binWidth)}: ${count}`}</title>
                    </rect>
                  );
                })}
                <line
                  x1={0}
                  y1={HEIGHT - 0.5}
                  x2={WIDTH}
                  y2={HEIGHT - 0.5}
                  stroke="var(--mantine-color-gray-4)"
                />
              </svg>
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {formatScore(metric, histogram.min)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatScore(metric, histogram.max)}
                </Text>
              </Group>
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
