import { useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { describeError } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifySuccess } from '../../components/notify';
import { useAddItems } from './datasets-api';
import { VARIABLE_NAME } from './import-mapping';

/** Adds one item; the variables start as the dataset's columns and more can be added. */
export function AddItemModal({
  orgId,
  datasetId,
  columns,
  opened,
  onClose,
}: {
  orgId: string;
  datasetId: string;
  columns: readonly string[];
  opened: boolean;
  onClose: () => void;
}) {
  const add = useAddItems(orgId, datasetId);
  const [variables, setVariables] = useState<{ name: string; value: string }[]>([]);
  const [expected, setExpected] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (opened) setVariables((columns.length > 0 ? columns : ['input']).map((name) => ({ name, value: '' })));
  }, [opened, columns]);

  function close() {
    setExpected('');
    setError(null);
    add.reset();
    onClose();
  }

  const update = (index: number, patch: Partial<{ name: string; value: string }>) =>
    setVariables((vs) => vs.map((v, i) => (i === index ? { ...v, ...patch } : v)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const named = variables.filter((v) => v.name.trim() !== '');
    const bad = named.find((v) => !VARIABLE_NAME.test(v.name.trim()));
    if (bad)
      return setError(
        `“${bad.name}” is not a variable name: letters, digits and _, not starting with a digit`,
      );
    const names = named.map((v) => v.name.trim());
    if (new Set(names).size !== names.length) return setError('Each variable needs its own name');
    if (named.length === 0) return setError('Give at least one input variable');
    setError(null);
    const input = Object.fromEntries(named.map((v) => [v.name.trim(), v.value === '' ? null : v.value]));
    add.mutate([{ input, expected: expected === '' ? null : expected }], {
      onSuccess: (r) => {
        notifySuccess(`Item added (version ${r.version})`);
        close();
      },
      onError: (e) => setError(describeError(e)),
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Add item" size="lg" centered>
      <form onSubmit={submit} noValidate aria-label="Add item">
        <Stack>
          <Text size="sm" c="dimmed">
            Input variables fill the prompt&apos;s {'{{variables}}'}; an empty value is stored as null.
          </Text>
          {variables.map((v, index) => (
            <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
              <TextInput
                w={180}
                placeholder="variable"
                value={v.name}
                onChange={(e) => update(index, { name: e.currentTarget.value })}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                aria-label={`Variable ${index + 1} name`}
                data-testid={`add-item-name-${index}`}
              />
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                maxRows={8}
                value={v.value}
                onChange={(e) => update(index, { value: e.currentTarget.value })}
                aria-label={`Value of ${v.name || `variable ${index + 1}`}`}
                data-testid={`add-item-value-${index}`}
              />
              <Tooltip label="Remove variable" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  onClick={() => setVariables((vs) => vs.filter((_, i) => i !== index))}
                  aria-label={`Remove variable ${v.name}`}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setVariables((vs) => [...vs, { name: '', value: '' }])}
            >
              Add variable
            </Button>
          </Group>
          <Textarea
            label="Expected output"
            description="What a good answer looks like; leave empty when evaluators do not need one."
            autosize
            minRows={2}
            maxRows={10}
            value={expected}
            onChange={(e) => setExpected(e.currentTarget.value)}
            data-testid="add-item-expected"
          />
          {error && (
            <Text size="sm" c="red" data-testid="add-item-error">
              {error}
            </Text>
          )}
          <FormActions
            onCancel={close}
            submitLabel="Add item"
            submitTestId="add-item-submit"
            loading={add.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
