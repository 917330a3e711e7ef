import { NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { MetricKind } from '@promptops/contracts';
import { DEFAULT_BINARY_LOSS, type ExperimentDraft } from './experiment-form';

/** What is measured and when a winner may be declared: the metric, minimum outcomes, accepted loss. */
export function ExperimentMetricFields({
  draft,
  errors,
  update,
}: {
  draft: ExperimentDraft;
  errors: Record<string, string>;
  update: (patch: Partial<ExperimentDraft>) => void;
}) {
  const lossRequired = draft.metricKind === 'continuous';
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label="Metric name"
          value={draft.metricName}
          onChange={(e) => update({ metricName: e.currentTarget.value })}
          error={errors['metric.name']}
          data-testid="experiment-metric-name"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Kind
          </Text>
          <SegmentedControl
            value={draft.metricKind}
            onChange={(kind) => update({ metricKind: kind as MetricKind })}
            data={[
              { value: 'binary', label: 'Yes / no (0 or 1)' },
              { value: 'continuous', label: 'A number' },
            ]}
            data-testid="experiment-metric-kind"
          />
        </Stack>
        <Switch
          mt={28}
          label="Higher is better"
          checked={draft.higherIsBetter}
          onChange={(e) => update({ higherIsBetter: e.currentTarget.checked })}
          data-testid="experiment-higher-is-better"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label="Minimum outcomes per variant"
          description="No winner before every variant has this many"
          min={1}
          value={draft.minSamples}
          onChange={(v) => update({ minSamples: typeof v === 'number' ? v : '' })}
          error={errors.minSamples}
          data-testid="experiment-min-samples"
        />
        <TextInput
          label="Largest expected loss"
          description={
            lossRequired
              ? "Required: how far behind the best, in the metric's units"
              : `How far behind the best a winner may be; default ${DEFAULT_BINARY_LOSS}`
          }
          placeholder={lossRequired ? 'e.g. 0.1' : String(DEFAULT_BINARY_LOSS)}
          value={draft.maxExpectedLoss}
          onChange={(e) => update({ maxExpectedLoss: e.currentTarget.value })}
          error={errors.maxExpectedLoss}
          withAsterisk={lossRequired}
          data-testid="experiment-max-loss"
        />
      </SimpleGrid>
    </>
  );
}
