import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CreateApiKeyRequest, type CreateApiKeyResponse, type Role } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ROLE_OPTIONS } from '../../components/role-badge';
import { SecretReveal } from '../../components/secret-reveal';
import { useCreateApiKey } from './api-keys-api';
import { FormActions } from '../../components/form-actions';

export function CreateApiKeyModal({
  orgId,
  opened,
  onClose,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const createKey = useCreateApiKey(orgId);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreateApiKeyResponse | null>(null);

  function close() {
    setName('');
    setRole('editor');
    setErrors({});
    // Forget the secret as soon as the dialog closes: it is shown exactly once.
    setCreated(null);
    createKey.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateWith(CreateApiKeyRequest, { name, role });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    createKey.mutate(checked.data, {
      onSuccess: (key) => {
        notifySuccess(`API key “${key.name}” created`);
        setCreated(key);
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not create the API key', error);
      },
    });
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Copy your new API key' : 'Create API key'}
      centered
      size="lg"
      // Clicking outside must not throw away a secret the user has not copied yet.
      closeOnClickOutside={created === null}
    >
      {created ? (
        <Stack>
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Shown only once"
          >
            Store this key somewhere safe now. PromptOps keeps only a hash and cannot show it again.
          </Alert>
          <Text size="sm">
            <b>{created.name}</b> acts with the <b>{created.role}</b> role. Send it as{' '}
            <code>Authorization: Bearer &lt;key&gt;</code>.
          </Text>
          <SecretReveal value={created.key} testId="api-key-secret" label="API key" />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="api-key-done">
              I have copied it
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create API key">
          <Stack>
            <TextInput
              label="Name"
              placeholder="ci-pipeline"
              description="Helps you recognise where the key is used."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              data-autofocus
              data-testid="api-key-name"
            />
            <NativeSelect
              label="Role"
              description="The key can do what a member with this role can do."
              data={ROLE_OPTIONS}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              error={errors.role}
              data-testid="api-key-role"
            />
            <FormActions
              onCancel={close}
              submitLabel="Create key"
              submitTestId="api-key-submit"
              loading={createKey.isPending}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
