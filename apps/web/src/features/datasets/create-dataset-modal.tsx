import { useState, type FormEvent } from 'react';
import { Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { CreateDatasetRequest, type Dataset } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useCreateDataset } from './datasets-api';

export function CreateDatasetModal({
  orgId,
  opened,
  onClose,
  onCreated,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (dataset: Dataset) => void;
}) {
  const create = useCreateDataset(orgId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function close() {
    setName('');
    setDescription('');
    setErrors({});
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const values = description.trim() ? { name, description: description.trim() } : { name };
    const checked = validateWith(CreateDatasetRequest, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutate(checked.data, {
      onSuccess: (dataset) => {
        notifySuccess(`Dataset “${dataset.name}” created`);
        close();
        onCreated(dataset);
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not create the dataset', error);
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="New dataset" centered>
      <form onSubmit={submit} noValidate aria-label="New dataset">
        <Stack>
          <TextInput
            label="Name"
            placeholder="support-questions"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="dataset-name"
          />
          <Textarea
            label="Description"
            placeholder="What these examples cover and where they came from"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="dataset-description"
          />
          <FormActions
            onCancel={close}
            submitLabel="Create dataset"
            submitTestId="dataset-create-submit"
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
