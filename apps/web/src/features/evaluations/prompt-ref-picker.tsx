import { useMemo } from 'react';
import { Group, SegmentedControl, Select } from '@mantine/core';
import type { PromptSummary } from '@promptops/contracts';
import type { PromptPin, PromptRefDraft } from './evaluation-form';

/** A stored prompt by name, pinned to its latest version, a version number or a label. */
export function PromptRefPicker({
  prompts,
  value,
  onChange,
  errors,
  label = 'Prompt',
  testId,
}: {
  prompts: readonly PromptSummary[];
  value: PromptRefDraft;
  onChange: (next: PromptRefDraft) => void;
  errors: Record<string, string>;
  label?: string;
  testId: string;
}) {
  const prompt = prompts.find((p) => p.name === value.name);
  const versions = useMemo(
    () =>
      prompt
        ? Array.from({ length: prompt.latestVersion }, (_, i) => {
            const v = prompt.latestVersion - i;
            return { value: String(v), label: v === prompt.latestVersion ? `v${v} · latest` : `v${v}` };
          })
        : [],
    [prompt],
  );
  const labels = prompt
    ? Object.entries(prompt.labels).map(([l, v]) => ({ value: l, label: `${l} → v${v}` }))
    : [];

  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <Select
        label={label}
        placeholder="Pick a prompt"
        data={prompts.map((p) => p.name)}
        value={value.name || null}
        onChange={(name) => onChange({ ...value, name: name ?? '', version: '', label: '' })}
        searchable
        nothingFoundMessage="No prompt matches"
        error={errors['name']}
        style={{ flex: 2, minWidth: 200 }}
        data-testid={`${testId}-prompt`}
      />
      <SegmentedControl
        mt={25}
        size="xs"
        value={value.pin}
        onChange={(pin) => onChange({ ...value, pin: pin as PromptPin })}
        data={[
          { value: 'latest', label: 'Latest' },
          { value: 'version', label: 'Version' },
          { value: 'label', label: 'Label' },
        ]}
        data-testid={`${testId}-pin`}
      />
      {value.pin === 'version' && (
        <Select
          label="Version"
          data={versions}
          value={value.version === '' ? null : String(value.version)}
          onChange={(v) => onChange({ ...value, version: v === null ? '' : Number(v) })}
          error={errors['version']}
          disabled={!prompt}
          w={130}
          data-testid={`${testId}-version`}
        />
      )}
      {value.pin === 'label' && (
        <Select
          label="Label"
          data={labels}
          value={value.label || null}
          onChange={(l) => onChange({ ...value, label: l ?? '' })}
          error={errors['label']}
          disabled={!prompt}
          nothingFoundMessage="This prompt has no labels"
          w={170}
          data-testid={`${testId}-label`}
        />
      )}
    </Group>
  );
}
