import { ActionIcon, Badge, Card, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Model, PromptSummary } from '@promptops/contracts';
import { errorsUnder, type VariantDraft } from './evaluation-form';
import { PromptRefPicker } from './prompt-ref-picker';

export function modelOptions(models: readonly Model[]) {
  return models.filter((m) => m.active).map((m) => ({ value: m.id, label: m.displayName }));
}

/** One variant: a prompt (and its version or label), a model, an optional display name. */
export function VariantEditor({
  index,
  value,
  prompts,
  models,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  value: VariantDraft;
  prompts: readonly PromptSummary[];
  models: readonly Model[];
  errors: Record<string, string>;
  onChange: (next: VariantDraft) => void;
  onRemove: (() => void) | null;
}) {
  const own = errorsUnder(errors, `variants.${index}.`);
  return (
    <Card withBorder padding="sm" data-testid={`variant-${index}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600} size="sm">
              Variant {index + 1}
            </Text>
            {index === 0 && (
              <Tooltip label="The others are compared against this one" withArrow>
                <Badge size="xs" variant="light" color="gray">
                  baseline
                </Badge>
              </Tooltip>
            )}
          </Group>
          {onRemove && (
            <Tooltip label="Remove variant" withArrow>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={onRemove}
                aria-label={`Remove variant ${index + 1}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        <PromptRefPicker
          prompts={prompts}
          value={value.prompt}
          onChange={(prompt) => onChange({ ...value, prompt })}
          errors={errorsUnder(own, 'prompt.')}
          testId={`variant-${index}`}
        />
        <Group grow align="flex-start">
          <Select
            label="Model"
            placeholder="The prompt version's model"
            data={modelOptions(models)}
            value={value.modelId}
            onChange={(modelId) => onChange({ ...value, modelId })}
            clearable
            searchable
            error={own['modelId']}
            data-testid={`variant-${index}-model`}
          />
          <TextInput
            label="Name"
            placeholder="Shown in results (optional)"
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
            error={own['name']}
            data-testid={`variant-${index}-name`}
          />
        </Group>
      </Stack>
    </Card>
  );
}
