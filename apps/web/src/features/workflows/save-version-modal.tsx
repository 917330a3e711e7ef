import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { FormActions } from '../../components/form-actions';

/** Asks for the version's message; the graph saved is the editor's. */
export function SaveVersionModal({
  opened,
  onClose,
  onSave,
  saving,
  nextVersion,
}: {
  opened: boolean;
  onClose: () => void;
  onSave: (message: string) => void;
  saving: boolean;
  nextVersion: number;
}) {
  const [message, setMessage] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(message.trim());
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Save version ${nextVersion}`} centered>
      <form onSubmit={submit} noValidate aria-label="Save version">
        <Stack>
          <Text size="sm" c="dimmed">
            Versions are immutable; labels such as production point at one of them.
          </Text>
          <TextInput
            label="Message"
            placeholder="What changed"
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            maxLength={2000}
            data-autofocus
            data-testid="wf-save-message"
          />
          <FormActions
            onCancel={onClose}
            submitLabel="Save version"
            submitTestId="wf-save-submit"
            loading={saving}
          />
        </Stack>
      </form>
    </Modal>
  );
}
