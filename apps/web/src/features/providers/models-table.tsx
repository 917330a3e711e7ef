import { useState } from 'react';
import { Badge, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import type { Model, UpdateModelRequest } from '@promptops/contracts';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { TestModelBadge } from '../playground/model-select';
import { groupModelsByProvider, isValidPrice, trimDecimal } from './model-catalog';
import { useUpdateModel } from './providers-api';

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
}: {
  orgId: string;
  models: readonly Model[];
  canWrite: boolean;
}) {
  const update = useUpdateModel(orgId);
  const save = (model: Model, changes: UpdateModelRequest, what: string) =>
    update.mutate(
      { id: model.id, changes },
      {
        onSuccess: () => notifySuccess(`${model.displayName}: ${what}`),
        onError: (error) => notifyFailure(`Could not update ${model.displayName}`, error),
      },
    );

  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="models-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th w={130}>Input / 1M</Table.Th>
            <Table.Th w={130}>Output / 1M</Table.Th>
            <Table.Th>Context</Table.Th>
            <Table.Th w={90}>Active</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {groupModelsByProvider(models, true).map((group) => (
          <Table.Tbody key={group.providerId}>
            <Table.Tr bg="gray.0">
              <Table.Td colSpan={5}>
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
                    <Text size="sm" fw={500}>
                      {model.displayName}
                    </Text>
                    {model.isTestModel && <TestModelBadge />}
                  </Group>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {model.name}
                  </Text>
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}
