import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Modal, Stack, TextInput } from '@mantine/core';
import { CreateOrganizationRequest } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useCreateOrganization } from './orgs-api';
import { FormActions } from '../../components/form-actions';

export function CreateOrgModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const createOrg = useCreateOrganization();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function close() {
    setName('');
    setErrors({});
    createOrg.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateWith(CreateOrganizationRequest, { name });
    if (!checked.ok) return setErrors(checked.errors);
    createOrg.mutate(checked.data, {
      onSuccess: (organization) => {
        notifySuccess(`Organization “${organization.name}” created`);
        close();
        void navigate(`/orgs/${organization.id}`);
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not create the organization', error);
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Create organization" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Organization name"
            placeholder="Acme Research"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="create-org-name"
          />
          <FormActions
            onCancel={close}
            submitLabel="Create"
            submitTestId="create-org-submit"
            loading={createOrg.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
