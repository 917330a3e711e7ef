import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { PromptName, type PromptVersion } from '@promptops/contracts';
import { ApiError, problemFieldErrors, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useCreatePrompt, useCreateVersion } from '../prompts/prompts-api';
import { buildVersionRequest, type PlaygroundDraft } from './playground-draft';
import { FormActions } from '../../components/form-actions';
import { IncludedByWarning } from '../prompts/used-by';

/**
 * Saves the editor: a new version of the open prompt, or — in a scratch playground — a new
 * prompt (its v1). Versions are immutable, so there is no "overwrite"; a save names the version
 * it started from, and when someone saved a newer one meanwhile `onConflict` takes over.
 */
export function SaveVersionModal({
  orgId,
  promptName,
  baseVersion,
  suggestedName,
  draft,
  opened,
  onClose,
  onSaved,
  onConflict,
}: {
  orgId: string;
  promptName: string | null;
  /** The version the editor started from (null for a new prompt). */
  baseVersion: number | null;
  suggestedName: string;
  draft: PlaygroundDraft;
  opened: boolean;
  onClose: () => void;
  onSaved: (version: PromptVersion) => void;
  onConflict: (latestVersion: number, commitMessage: string) => void;
}) {
  const creating = promptName === null;
  const createPrompt = useCreatePrompt(orgId);
  const createVersion = useCreateVersion(orgId, promptName ?? '');
  const [name, setName] = useState(suggestedName);
  const [description, setDescription] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const pending = createPrompt.isPending || createVersion.isPending;

  function close() {
    setMessage('');
    setErrors({});
    onClose();
  }

  function succeed(version: PromptVersion) {
    notifySuccess(`Saved ${version.name} v${version.version}`);
    setMessage('');
    onSaved(version);
  }

  function fail(error: unknown) {
    const latest =
      error instanceof ApiError && error.status === 409 ? error.problem.latestVersion : undefined;
    if (latest !== undefined) return onConflict(latest, message);
    setErrors(problemFieldErrors(error));
    notifyFailure('Could not save', error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = buildVersionRequest(draft, message, creating ? null : baseVersion);
    if (!creating) return createVersion.mutate(body, { onSuccess: succeed, onError: fail });
    const checkedName = PromptName.safeParse(name);
    if (!checkedName.success)
      return setErrors({ name: checkedName.error.issues[0]?.message ?? 'Invalid name' });
    setErrors({});
    createPrompt.mutate(
      { ...body, name: checkedName.data, ...(description.trim() ? { description: description.trim() } : {}) },
      { onSuccess: succeed, onError: fail },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={creating ? 'Save as prompt' : 'Save as new version'}
      centered
    >
      <form onSubmit={submit} noValidate aria-label="Save prompt">
        <Stack>
          {creating ? (
            <>
              <TextInput
                label="Name"
                description="Use / for folders, e.g. support/email/reply"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
                data-autofocus
                data-testid="save-prompt-name"
              />
              <TextInput
                label="Description"
                placeholder="Optional"
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                data-testid="save-prompt-description"
              />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Creates the next version of <b>{promptName}</b> with the editor&apos;s text, model and
              parameters. Earlier versions stay as they are.
            </Text>
          )}
          {promptName !== null && <IncludedByWarning orgId={orgId} name={promptName} />}
          <Textarea
            label="Commit message"
            placeholder="What changed and why"
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={errors.commitMessage}
            data-autofocus={!creating || undefined}
            data-testid="save-version-message"
          />
          {(errors.template || errors.messages || errors.form) && (
            <Text size="sm" c="red">
              {errors.template ?? errors.messages ?? errors.form}
            </Text>
          )}
          <FormActions
            onCancel={close}
            submitLabel={creating ? 'Create prompt' : 'Save version'}
            submitTestId="save-version-submit"
            loading={pending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
