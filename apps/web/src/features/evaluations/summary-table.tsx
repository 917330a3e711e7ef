import { Badge, Card, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import type { Evaluation } from '@promptops/contracts';
import { Usd } from '../../components/usd';
import { formatDuration } from '../playground/run-format';
import {
  bestVariants,
  formatDelta,
  formatInterval,
  formatProbability,
  formatScore,
  halfWidth,
  verdict,
  type MetricInfo,
} from './metrics-view';

const VERDICT_COLOR = { better: 'teal', worse: 'red', unclear: 'gray' } as const;

function variantDescription(variant: Evaluation['variants'][number]): string {
  const label = variant.prompt.label ? ` (${variant.prompt.label})` : '';
  return `${variant.prompt.name} v${variant.prompt.version}${label} · ${variant.model}`;
}

export function variantLabel(evaluation: Pick<Evaluation, 'variants'>, index: number): string {
  return evaluation.variants[index]?.name ?? `Variant ${index + 1}`;
}

/**
 * Metrics as rows, variants as columns: mean ± half the 95 % interval, n, corpus score; the
 * best variant per metric is marked; every other variant shows its difference from the baseline
 * with its interval and the probability it is better.
 */
export function SummaryTable({
  evaluation,
  metrics,
}: {
  evaluation: Evaluation;
  metrics: readonly MetricInfo[];
}) {
  const best = bestVariants(evaluation.summary, metrics);
  const byVariant = new Map(evaluation.summary.map((s) => [s.variant, s]));
  const variants = evaluation.variants.map((_, i) => i);

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={220 + 220 * variants.length} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" withColumnBorders data-testid="summary-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Metric</Table.Th>
              {variants.map((v) => {
                const variant = evaluation.variants[v]!;
                return (
                  <Table.Th key={v} data-testid={`summary-variant-${v}`}>
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text size="sm" fw={700}>
                          {variantLabel(evaluation, v)}
                        </Text>
                        {v === 0 && (
                          <Badge size="xs" variant="light" color="gray">
                            baseline
                          </Badge>
                        )}
                      </Group>
                      {/* Unnamed variants are already called "<prompt> v<N> · <model>". */}
                      {variantDescription(variant) !== variant.name && (
                        <Text size="xs" c="dimmed" fw={400}>
                          {variantDescription(variant)}
                        </Text>
                      )}
                    </Stack>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metrics.map((info) => (
              <Table.Tr key={info.key} data-testid={`summary-row-${info.key}`}>
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={600}>
                    {info.key}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {info.lowerIsBetter ? 'lower is better' : 'higher is better'}
                  </Text>
                </Table.Td>
                {variants.map((v) => {
                  const m = byVariant.get(v)?.metrics[info.key];
                  const isBest = best.get(info.key)?.has(v) ?? false;
                  const comparison = evaluation.comparisons.find(
                    (c) => c.metric === info.key && c.variant === v,
                  );
                  return (
                    <Table.Td
                      key={v}
                      bg={isBest ? 'var(--mantine-color-teal-light)' : undefined}
                      data-best={isBest || undefined}
                      data-testid={`summary-cell-${info.key}-${v}`}
                    >
                      {m ? (
                        <Stack gap={2}>
                          <Group gap={6} wrap="nowrap">
                            <Tooltip label={`95 % interval ${formatInterval(info, m.ci95)}`} withArrow>
                              <Text size="sm" ff="monospace" fw={isBest ? 700 : 500}>
                                {formatScore(info, m.mean)}
                                <Text span size="xs" c="dimmed">
                                  {' '}
                                  ± {formatScore(info, halfWidth(m.ci95))}
                                </Text>
                              </Text>
                            </Tooltip>
                            {isBest && (
                              <IconTrophy size={14} color="var(--mantine-color-teal-7)" aria-label="best" />
                            )}
                          </Group>
                          <Text size="xs" c="dimmed">
                            n = {m.n}
                            {m.corpus !== undefined ? ` · corpus ${formatScore(info, m.corpus)}` : ''}
                            {m.itemStd !== undefined ? ` · item σ ${formatScore(info, m.itemStd)}` : ''}
                          </Text>
                          {comparison && (
                            <Tooltip
                              label={`Difference from the baseline, 95 % interval ${formatInterval(info, comparison.ci95)}; probability better ${formatProbability(comparison.probabilityBetter)}`}
                              withArrow
                              multiline
                              w={260}
                            >
                              <Group gap={4} wrap="nowrap">
                                <Badge
                                  size="sm"
                                  variant="light"
                                  color={VERDICT_COLOR[verdict(comparison.probabilityBetter)]}
                                  tt="none"
                                  data-testid={`comparison-${info.key}-${v}`}
                                >
                                  {formatDelta(info, comparison.meanDifference)}
                                </Badge>
                                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                                  P(better) {formatProbability(comparison.probabilityBetter)}
                                </Text>
                              </Group>
                            </Tooltip>
                          )}
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={600}>
                  Latency p50 / p95
                </Text>
              </Table.Td>
              {variants.map((v) => {
                const s = byVariant.get(v);
                return (
                  <Table.Td key={v}>
                    <Text size="sm" ff="monospace">
                      {formatDuration(s?.latencyMs.p50)} / {formatDuration(s?.latencyMs.p95)}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={600}>
                  Cost
                </Text>
              </Table.Td>
              {variants.map((v) => (
                <Table.Td key={v}>
                  <Usd value={byVariant.get(v)?.costUsd ?? '0'} size="sm" ff="monospace" />
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={600}>
                  Failures
                </Text>
              </Table.Td>
              {variants.map((v) => {
                const failed = byVariant.get(v)?.failed ?? 0;
                return (
                  <Table.Td key={v}>
                    <Text size="sm" ff="monospace" c={failed > 0 ? 'red' : undefined}>
                      {failed}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
