import { useEffect, useState, type FormEvent } from 'react';
import { Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { UpdateDatasetRequest, type Dataset } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useUpdateDataset } from './datasets-api';

/** Renames a dataset or changes its description; its items and version stay as they are. */
export function EditDatasetModal({
  orgId,
  dataset,
  opened,
  onClose,
}: {
  orgId: string;
  dataset: Dataset;
  opened: boolean;
  onClose: () => void;
}) {
  const update = useUpdateDataset(orgId, dataset.id);
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  useEffect(() => {
    if (!opened) return;
    setName(dataset.name);
    setDescription(dataset.description ?? '');
    setErrors({});
  }, [opened, dataset.name, dataset.description]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateWith(UpdateDatasetRequest, {
      name,
      description: description.trim() === '' ? null : description.trim(),
    });
    if (!checked.ok) return setErrors(checked.errors);
    update.mutate(checked.data, {
      onSuccess: () => {
        notifySuccess('Dataset updated');
        onClose();
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not update the dataset', error);
      },
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Edit dataset" centered>
      <form onSubmit={submit} noValidate aria-label="Edit dataset">
        <Stack>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
            data-testid="dataset-edit-name"
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="dataset-edit-description"
          />
          <FormActions
            onCancel={onClose}
            submitLabel="Save"
            submitTestId="dataset-edit-submit"
            loading={update.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
