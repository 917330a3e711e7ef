import { ActionIcon, Autocomplete, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Dataset, Model, PromptSummary } from '@promptops/contracts';
import { EvaluatorList } from '../evaluations/evaluator-editor';
import {
  gateScoreKeys,
  newThreshold,
  type ReviewSettingsDraft,
  type ThresholdDraft,
} from './review-settings-form';

const MAX_THRESHOLDS = 20;

/** The evaluation gate: a dataset, the evaluators that score it, and the mean each score must reach. */
export function GateFields({
  draft,
  datasets,
  prompts,
  models,
  errors,
  onChange,
}: {
  draft: ReviewSettingsDraft;
  datasets: readonly Pick<Dataset, 'id' | 'name'>[];
  prompts: readonly PromptSummary[];
  models: readonly Model[];
  /** Keyed under the gate ("datasetId", "evaluators.0.name", "thresholds.1.min"). */
  errors: Record<string, string>;
  onChange: (patch: Partial<ReviewSettingsDraft>) => void;
}) {
  const keys = gateScoreKeys(draft.evaluators);
  const setThreshold = (index: number, patch: Partial<ThresholdDraft>) =>
    onChange({ thresholds: draft.thresholds.map((t, i) => (i === index ? { ...t, ...patch } : t)) });

  return (
    <Stack gap="md" data-testid="gate-fields">
      <Group grow align="flex-start">
        <Select
          label="Dataset"
          placeholder="Pick a dataset"
          data={datasets.map((d) => ({ value: d.id, label: d.name }))}
          value={draft.datasetId}
          onChange={(datasetId) => onChange({ datasetId })}
          error={errors.datasetId}
          searchable
          data-testid="gate-dataset"
        />
        <TextInput
          label="Cost cap (USD)"
          placeholder="No cap"
          value={draft.maxCostUsd}
          onChange={(e) => onChange({ maxCostUsd: e.currentTarget.value })}
          error={errors.maxCostUsd}
          data-testid="gate-max-cost"
        />
      </Group>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Evaluators
        </Text>
        <EvaluatorList
          evaluators={draft.evaluators}
          prompts={prompts}
          models={models}
          errors={errors}
          onChange={(evaluators) => onChange({ evaluators })}
          addTestId="gate-add-evaluator"
        />
      </Stack>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Thresholds
        </Text>
        <Text size="xs" c="dimmed">
          The mean of each score over the dataset must be within its bounds for the review to merge.
        </Text>
        {draft.thresholds.map((threshold, index) => (
          <Group
            key={index}
            align="flex-start"
            gap="xs"
            wrap="nowrap"
            data-testid={`gate-threshold-${index}`}
          >
            <Autocomplete
              label={index === 0 ? 'Score' : undefined}
              aria-label="Score"
              data={keys}
              value={threshold.score}
              onChange={(score) => setThreshold(index, { score })}
              error={errors[`thresholds.${index}.score`]}
              style={{ flex: 2 }}
              data-testid={`gate-threshold-${index}-score`}
            />
            <TextInput
              label={index === 0 ? 'Min' : undefined}
              aria-label="Minimum"
              placeholder="none"
              value={threshold.min}
              onChange={(e) => setThreshold(index, { min: e.currentTarget.value })}
              error={errors[`thresholds.${index}.min`]}
              style={{ flex: 1 }}
              data-testid={`gate-threshold-${index}-min`}
            />
            <TextInput
              label={index === 0 ? 'Max' : undefined}
              aria-label="Maximum"
              placeholder="none"
              value={threshold.max}
              onChange={(e) => setThreshold(index, { max: e.currentTarget.value })}
              error={errors[`thresholds.${index}.max`]}
              style={{ flex: 1 }}
              data-testid={`gate-threshold-${index}-max`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={index === 0 ? 26 : 4}
              disabled={draft.thresholds.length === 1}
              onClick={() => onChange({ thresholds: draft.thresholds.filter((_, i) => i !== index) })}
              aria-label={`Remove threshold ${index + 1}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {draft.thresholds.length < MAX_THRESHOLDS && (
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => onChange({ thresholds: [...draft.thresholds, newThreshold()] })}
              data-testid="gate-add-threshold"
            >
              Add threshold
            </Button>
          </Group>
        )}
      </Stack>
    </Stack>
  );
}
