import { useMemo } from 'react';
import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import type { Model } from '@promptops/contracts';
import { formatModelPrice, groupModelsByProvider, PROVIDER_TYPE_LABELS } from '../providers/model-catalog';
import { HEALTH_META, healthOf } from '../providers/ops-status';
import { HealthDot } from '../providers/status-badges';

export function TestModelBadge() {
  return (
    <Badge size="xs" color="grape" variant="light" data-testid="test-model-badge">
      test model
    </Badge>
  );
}

/** Active models grouped by provider, each with its health and its price per million tokens. */
export function ModelSelect({
  models,
  value,
  onChange,
}: {
  models: readonly Model[];
  value: string | null;
  onChange: (modelId: string | null) => void;
}) {
  const byId = useMemo(() => new Map(models.map((m) => [m.id, m])), [models]);
  const data = useMemo(
    () =>
      groupModelsByProvider(models).map((group) => ({
        group: `${group.providerName} · ${PROVIDER_TYPE_LABELS[group.providerType]}`,
        items: group.models.map((m) => ({ value: m.id, label: m.displayName })),
      })),
    [models],
  );
  const selected = value ? byId.get(value) : undefined;
  const selectedHealth = healthOf(selected);

  return (
    <Stack gap={4}>
      <Select
        label="Model"
        placeholder={models.length === 0 ? 'No models yet' : 'Pick a model'}
        data={data}
        value={value}
        onChange={onChange}
        searchable
        nothingFoundMessage="No model matches"
        allowDeselect={false}
        maxDropdownHeight={360}
        comboboxProps={{ withinPortal: true }}
        leftSection={
          selected ? <HealthDot health={selectedHealth} testId="model-select-health" /> : undefined
        }
        renderOption={({ option }) => {
          const model = byId.get(option.value);
          return (
            <Stack gap={0} data-testid={`model-option-${model?.name ?? option.value}`}>
              <Group gap={6}>
                {model && <HealthDot health={healthOf(model)} testId={`model-option-health-${model.name}`} />}
                <Text size="sm">{option.label}</Text>
                {model?.isTestModel && <TestModelBadge />}
              </Group>
              {model && (
                <Text size="xs" c="dimmed">
                  {formatModelPrice(model)}
                </Text>
              )}
            </Stack>
          );
        }}
        data-testid="model-select"
      />
      {selected && (
        <Group gap={6} data-testid="model-summary">
          <Text size="xs" c="dimmed" data-testid="model-price">
            {formatModelPrice(selected)}
          </Text>
          <Text size="xs" c="dimmed" data-testid="model-health-label">
            ·{' '}
            {selectedHealth.status === 'unknown'
              ? 'health unknown'
              : HEALTH_META[selectedHealth.status].label.toLowerCase()}
          </Text>
          {selected.isTestModel && <TestModelBadge />}
        </Group>
      )}
    </Stack>
  );
}
