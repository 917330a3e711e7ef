import { useState, type FormEvent } from 'react';
import { Autocomplete, Button, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { LabelName } from '@promptops/contracts';
import { ApiError, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useMoveLabel } from '../prompts/prompts-api';

/**
 * Points a label (production, staging or a custom one) at a version; the server moves it
 * atomically. A protected label moves only through a review: the form asks for one instead.
 */
export function MoveLabelForm({
  orgId,
  name,
  versions,
  initialVersion,
  protectedLabels,
  onRequestReview,
  onDone,
}: {
  orgId: string;
  name: string;
  versions: number[];
  initialVersion?: number;
  protectedLabels: readonly string[];
  onRequestReview: (label: string, version: number) => void;
  onDone: () => void;
}) {
  const move = useMoveLabel(orgId, name);
  const [label, setLabel] = useState('production');
  const [version, setVersion] = useState(String(initialVersion ?? versions[0] ?? 1));
  const [errors, setErrors] = useState<FieldErrors>({});
  const locked = protectedLabels.includes(label.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    // The same rule the server applies (lowercase slug, not "latest").
    const parsed = LabelName.safeParse(label.trim());
    if (!parsed.success) return setErrors({ label: parsed.error.issues[0]?.message ?? 'Invalid label' });
    setErrors({});
    if (locked) return onRequestReview(parsed.data, Number(version));
    move.mutate(
      { label: parsed.data, version: Number(version) },
      {
        onSuccess: () => {
          notifySuccess(`${parsed.data} now points at v${version}`);
          onDone();
        },
        onError: (error) => {
          // Protected since the settings were read: ask for a review instead.
          if (error instanceof ApiError && error.status === 409 && error.problem.title === 'Review Required')
            return onRequestReview(parsed.data, Number(version));
          notifyFailure('Could not move the label', error);
        },
      },
    );
  }

  const suggestions = [...new Set(['production', 'staging', ...protectedLabels])];
  return (
    <Card padding="sm" bg="gray.0">
      <form onSubmit={submit} aria-label="Move label">
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Autocomplete
              label="Label"
              data={suggestions}
              value={label}
              onChange={setLabel}
              error={errors.label}
              leftSection={locked ? <IconLock size={14} /> : undefined}
              renderOption={({ option }) => (
                <Group gap={6}>
                  {protectedLabels.includes(option.value) && <IconLock size={12} />}
                  <span>{option.value}</span>
                </Group>
              )}
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
          {locked && (
            <Text size="xs" c="dimmed" data-testid="label-move-protected">
              {label.trim()} is protected: it moves once a review is approved.
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button
              size="xs"
              type="submit"
              loading={move.isPending}
              leftSection={locked ? <IconLock size={14} /> : undefined}
              data-testid="label-move-submit"
            >
              {locked ? 'Request review…' : 'Move label'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
