import { useState } from 'react';
import { ActionIcon, Badge, Group, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import type { UpdateModelRequest } from '@promptops/contracts';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { TestModelBadge } from '../playground/model-select';
import { groupModelsByProvider, isValidPrice, trimDecimal } from './model-catalog';
import { healthOf, modelUsageProgress } from './ops-status';
import { MODEL_PARAMS } from './provider-settings-form';
import { useUpdateModel, type ModelView } from './providers-api';
import { HealthDot, UsageBar } from './status-badges';

const PARAM_LABELS = new Map(MODEL_PARAMS.map((p) => [p.value, p.label.toLowerCase()]));

/** This minute's requests and tokens against the model's limits. */
function UsageCell({ model, now }: { model: ModelView; now: number }) {
  return (
    <Stack gap={4} w={180}>
      <UsageBar
        compact
        title="Requests"
        progress={modelUsageProgress(model.usage?.requests, now, true)}
        testId={`model-usage-requests-${model.name}`}
      />
      <UsageBar
        compact
        title="Tokens"
        progress={modelUsageProgress(model.usage?.tokens, now)}
        testId={`model-usage-tokens-${model.name}`}
      />
    </Stack>
  );
}

/** A price edited in place: saved on Enter or blur when it changed and is valid. */
function PriceCell({
  value,
  label,
  testId,
  disabled,
  onSave,
}: {
  value: string;
  label: string;
  testId: string;
  disabled: boolean;
  onSave: (price: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? trimDecimal(value);
  const invalid = draft !== null && !isValidPrice(draft);

  function commit() {
    if (draft === null) return;
    if (!invalid && trimDecimal(draft.trim()) !== trimDecimal(value)) onSave(draft.trim());
    setDraft(null);
  }

  return (
    <TextInput
      size="xs"
      w={110}
      leftSection={<Text size="xs">$</Text>}
      value={shown}
      disabled={disabled}
      error={invalid}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setDraft(null);
      }}
      aria-label={label}
      data-testid={testId}
    />
  );
}

export function ModelsTable({
  orgId,
  models,
  canWrite,
  now,
  onEditLimits,
}: {
  orgId: string;
  models: readonly ModelView[];
  canWrite: boolean;
  now: number;
  onEditLimits: (model: ModelView) => void;
}) {
  const update = useUpdateModel(orgId);
  const columns = canWrite ? 7 : 6;
  const save = (model: ModelView, changes: UpdateModelRequest, what: string) =>
    update.mutate(
      { id: model.id, changes },
      {
        onSuccess: () => notifySuccess(`${model.displayName}: ${what}`),
        onError: (error) => notifyFailure(`Could not update ${model.displayName}`, error),
      },
    );

  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="models-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th w={130}>Input / 1M</Table.Th>
            <Table.Th w={130}>Output / 1M</Table.Th>
            <Table.Th>Context</Table.Th>
            <Table.Th w={200}>This minute</Table.Th>
            <Table.Th w={90}>Active</Table.Th>
            {canWrite && <Table.Th w={60} aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        {groupModelsByProvider(models, true).map((group) => (
          <Table.Tbody key={group.providerId}>
            <Table.Tr bg="gray.0">
              <Table.Td colSpan={columns}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {group.providerName}
                </Text>
              </Table.Td>
            </Table.Tr>
            {group.models.map((model) => (
              <Table.Tr
                key={model.id}
                data-testid={`model-row-${model.name}`}
                opacity={model.active ? 1 : 0.6}
              >
                <Table.Td>
                  <Group gap={6}>
                    <HealthDot health={healthOf(model)} testId={`model-health-${model.name}`} />
                    <Text size="sm" fw={500}>
                      {model.displayName}
                    </Text>
                    {model.isTestModel && <TestModelBadge />}
                  </Group>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {model.name}
                  </Text>
                  {(model.settings?.unsupportedParams ?? []).length > 0 && (
                    <Group gap={4} mt={2}>
                      {model.settings.unsupportedParams?.map((p) => (
                        <Badge key={p} size="xs" variant="outline" color="gray" tt="none">
                          no {PARAM_LABELS.get(p) ?? p}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <PriceCell
                    value={model.inputPricePerMTok}
                    label={`Input price of ${model.name}`}
                    testId={`model-input-price-${model.name}`}
                    disabled={!canWrite}
                    onSave={(price) =>
                      save(model, { inputPricePerMTok: price }, `input price $${price} / 1M`)
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <PriceCell
                    value={model.outputPricePerMTok}
                    label={`Output price of ${model.name}`}
                    testId={`model-output-price-${model.name}`}
                    disabled={!canWrite}
                    onSave={(price) =>
                      save(model, { outputPricePerMTok: price }, `output price $${price} / 1M`)
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {model.contextWindow ? (
                    <Badge variant="light" color="gray" radius="sm">
                      {Intl.NumberFormat('en-US', { notation: 'compact' }).format(model.contextWindow)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <UsageCell model={model} now={now} />
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={model.active}
                    disabled={!canWrite}
                    onChange={(e) =>
                      save(
                        model,
                        { active: e.currentTarget.checked },
                        e.currentTarget.checked ? 'active' : 'inactive',
                      )
                    }
                    aria-label={`${model.name} active`}
                    data-testid={`model-active-${model.name}`}
                  />
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Tooltip label="Limits and parameters" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => onEditLimits(model)}
                        aria-label={`Limits of ${model.name}`}
                        data-testid={`model-limits-${model.name}`}
                      >
                        <IconAdjustmentsHorizontal size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}
