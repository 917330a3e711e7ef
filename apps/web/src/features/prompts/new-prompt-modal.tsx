import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { PromptName } from '@promptops/contracts';

/** Picks a name and a type, then opens the playground to write the first version. */
export function NewPromptModal({
  orgId,
  folder,
  opened,
  onClose,
}: {
  orgId: string;
  folder: string;
  opened: boolean;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [type, setType] = useState<'chat' | 'text'>('chat');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const full = folder && !name.includes('/') ? `${folder}/${name.trim()}` : name.trim();
    const parsed = PromptName.safeParse(full);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Invalid name');
    const search = new URLSearchParams({ type, name: parsed.data });
    void navigate(`/orgs/${orgId}/playground?${search}`);
  }

  return (
    <Modal opened={opened} onClose={onClose} title="New prompt" centered>
      <form onSubmit={submit} noValidate aria-label="New prompt">
        <Stack>
          <TextInput
            label="Name"
            description={
              folder ? `In ${folder}/ — or give a full path with /` : 'Use / for folders, e.g. support/reply'
            }
            placeholder="reply-to-customer"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            data-testid="new-prompt-name"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Type
            </Text>
            <SegmentedControl
              value={type}
              onChange={(v) => setType(v as 'chat' | 'text')}
              data={[
                { value: 'chat', label: 'Chat (messages)' },
                { value: 'text', label: 'Text (one template)' },
              ]}
              data-testid="new-prompt-type"
            />
          </Stack>
          <Text size="xs" c="dimmed">
            You write the first version in the playground; saving it creates v1.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" data-testid="new-prompt-submit">
              Open in playground
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
