import { useState, type FormEvent } from 'react';
import { Autocomplete, Button, Card, Group, NativeSelect, Stack } from '@mantine/core';
import { LabelName } from '@promptops/contracts';
import type { FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useMoveLabel } from '../prompts/prompts-api';

/** Points a label (production, staging or a custom one) at a version; the server moves it atomically. */
export function MoveLabelForm({
  orgId,
  name,
  versions,
  onDone,
}: {
  orgId: string;
  name: string;
  versions: number[];
  onDone: () => void;
}) {
  const move = useMoveLabel(orgId, name);
  const [label, setLabel] = useState('production');
  const [version, setVersion] = useState(String(versions[0] ?? 1));
  const [errors, setErrors] = useState<FieldErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    // The same rule the server applies (lowercase slug, not "latest").
    const parsed = LabelName.safeParse(label.trim());
    if (!parsed.success) return setErrors({ label: parsed.error.issues[0]?.message ?? 'Invalid label' });
    setErrors({});
    move.mutate(
      { label: parsed.data, version: Number(version) },
      {
        onSuccess: () => {
          notifySuccess(`${parsed.data} now points at v${version}`);
          onDone();
        },
        onError: (error) => notifyFailure('Could not move the label', error),
      },
    );
  }

  return (
    <Card padding="sm" bg="gray.0">
      <form onSubmit={submit} aria-label="Move label">
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Autocomplete
              label="Label"
              data={['production', 'staging']}
              value={label}
              onChange={setLabel}
              error={errors.label}
              data-testid="label-move-name"
            />
            <NativeSelect
              label="Version"
              data={versions.map((v) => ({ value: String(v), label: `v${v}` }))}
              value={version}
              onChange={(e) => setVersion(e.currentTarget.value)}
              data-testid="label-move-version"
            />
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button size="xs" type="submit" loading={move.isPending} data-testid="label-move-submit">
              Move label
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
