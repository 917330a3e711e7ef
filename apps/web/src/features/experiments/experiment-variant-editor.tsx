import {
  ActionIcon,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { PromptSummary } from '@promptops/contracts';
import { formatShare, type ExperimentVariantDraft, type VariantPin } from './experiment-form';

/** One arm of the experiment: a name, the version (or label) it serves and its weight. */
export function ExperimentVariantEditor({
  index,
  value,
  prompt,
  share,
  color,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  value: ExperimentVariantDraft;
  prompt: PromptSummary | undefined;
  share: number | null;
  color: string;
  errors: Record<string, string>;
  onChange: (next: ExperimentVariantDraft) => void;
  onRemove: (() => void) | null;
}) {
  const versions = prompt
    ? Array.from({ length: prompt.latestVersion }, (_, i) => {
        const v = prompt.latestVersion - i;
        return { value: String(v), label: v === prompt.latestVersion ? `v${v} · latest` : `v${v}` };
      })
    : [];
  const labels = prompt
    ? Object.entries(prompt.labels).map(([l, v]) => ({ value: l, label: `${l} → v${v}` }))
    : [];
  // The schema puts "give a version or a label" on `version`; show it on whichever field is visible.
  const pinError = value.pin === 'version' ? errors.version : (errors.label ?? errors.version);

  return (
    <Card
      withBorder
      padding="sm"
      data-testid={`experiment-variant-${index}`}
      style={{ borderLeft: `4px solid var(--mantine-color-${color.replace('.', '-')})` }}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Name"
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
          error={errors.name}
          w={170}
          data-testid={`experiment-variant-${index}-name`}
        />
        <SegmentedControl
          mt={25}
          size="xs"
          value={value.pin}
          onChange={(pin) => onChange({ ...value, pin: pin as VariantPin })}
          data={[
            { value: 'version', label: 'Version' },
            { value: 'label', label: 'Label' },
          ]}
          data-testid={`experiment-variant-${index}-pin`}
        />
        {value.pin === 'version' ? (
          <Select
            label="Version"
            placeholder="Pick"
            data={versions}
            value={value.version === '' ? null : String(value.version)}
            onChange={(v) => onChange({ ...value, version: v === null ? '' : Number(v) })}
            error={pinError}
            disabled={!prompt}
            allowDeselect={false}
            w={150}
            data-testid={`experiment-variant-${index}-version`}
          />
        ) : (
          <Select
            label="Label"
            placeholder="Pick"
            data={labels}
            value={value.label || null}
            onChange={(l) => onChange({ ...value, label: l ?? '' })}
            error={pinError}
            disabled={!prompt}
            nothingFoundMessage="This prompt has no labels"
            w={190}
            data-testid={`experiment-variant-${index}-label`}
          />
        )}
        <NumberInput
          label="Weight"
          min={0}
          step={1}
          decimalScale={3}
          value={value.weight}
          onChange={(w) => onChange({ ...value, weight: typeof w === 'number' ? w : '' })}
          error={errors.weight}
          w={110}
          data-testid={`experiment-variant-${index}-weight`}
        />
        <Group ml="auto" mt={25} gap="xs" wrap="nowrap">
          <Text fw={700} size="lg" w={72} ta="right" data-testid={`experiment-variant-${index}-share`}>
            {formatShare(share)}
          </Text>
          {onRemove ? (
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
          ) : (
            <ActionIcon variant="transparent" disabled aria-hidden style={{ visibility: 'hidden' }}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      </Group>
    </Card>
  );
}
