import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { ApiError } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useRollback } from './reviews-api';

/**
 * Rolls back by creating a new version with an older version's content: history stays whole,
 * and labels move only when someone moves them.
 */
export function RollbackModal({
  orgId,
  name,
  target,
  newest,
  onClose,
  onDone,
}: {
  orgId: string;
  name: string;
  /** The version whose content comes back; null keeps the modal closed. */
  target: PromptVersion | null;
  newest: number | null;
  onClose: () => void;
  onDone: (created: PromptVersion) => void;
}) {
  const rollback = useRollback(orgId, name);
  const [message, setMessage] = useState('');
  const version = target?.version ?? 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    rollback.mutate(
      {
        version,
        commitMessage: message.trim() || `Roll back to v${version}`,
        ...(newest !== null ? { baseVersion: newest } : {}),
      },
      {
        onSuccess: (created) => {
          notifySuccess(`v${created.version} has the content of v${version}`);
          setMessage('');
          onDone(created as PromptVersion);
        },
        onError: (error) =>
          notifyFailure(
            error instanceof ApiError && error.problem.latestVersion !== undefined
              ? `Someone saved v${error.problem.latestVersion} meanwhile; look at it first`
              : 'Could not roll back',
            error,
          ),
      },
    );
  }

  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={<Text fw={600}>Roll back to v{version}</Text>}
      centered
    >
      <form onSubmit={submit} aria-label="Roll back">
        <Stack>
          <Text size="sm" c="dimmed">
            Creates v{(newest ?? 0) + 1} of <b>{name}</b> with the template, messages, model and parameters of
            v{version}. No version is deleted, and labels stay where they are until you move them.
          </Text>
          <Textarea
            label="Commit message"
            placeholder={`Roll back to v${version}`}
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            data-autofocus
            data-testid="rollback-message"
          />
          <FormActions
            onCancel={onClose}
            submitLabel={`Create v${(newest ?? 0) + 1}`}
            submitIcon={<IconArrowBackUp size={16} />}
            submitTestId="rollback-submit"
            loading={rollback.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
