import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Modal, Select, Stack, Text } from '@mantine/core';
import type { Execution } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { describeError } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifySuccess } from '../../components/notify';
import { useDatasets, useItemsFromExecutions } from './datasets-api';

/**
 * Makes a dataset item of a run: its variables become the input and its output the expected
 * text (edit it in the dataset afterwards when the output was not what it should be).
 */
export function AddToDatasetModal({
  orgId,
  execution,
  onClose,
}: {
  orgId: string;
  execution: Execution | null;
  onClose: () => void;
}) {
  const datasets = useDatasets(orgId, '');
  const add = useItemsFromExecutions(orgId);
  const [datasetId, setDatasetId] = useState<string | null>(null);

  function close() {
    add.reset();
    onClose();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!execution || !datasetId) return;
    const name = datasets.data?.items.find((d) => d.id === datasetId)?.name ?? 'the dataset';
    add.mutate(
      { datasetId, executionIds: [execution.id] },
      {
        onSuccess: (r) => {
          notifySuccess(`Added to “${name}” (version ${r.version})`);
          close();
        },
      },
    );
  }

  const options = (datasets.data?.items ?? []).map((d) => ({
    value: d.id,
    label: `${d.name} (${d.itemCount.toLocaleString()} items)`,
  }));

  return (
    <Modal opened={execution !== null} onClose={close} title="Add run to a dataset" centered>
      <form onSubmit={submit} aria-label="Add run to a dataset">
        <Stack>
          <Text size="sm" c="dimmed">
            The run&apos;s variables become the item&apos;s input and its output the expected output.
          </Text>
          <Select
            label="Dataset"
            placeholder={options.length === 0 && datasets.isSuccess ? 'No datasets yet' : 'Pick a dataset'}
            data={options}
            value={datasetId}
            onChange={setDatasetId}
            searchable
            nothingFoundMessage="No dataset matches"
            comboboxProps={{ withinPortal: true }}
            data-testid="add-to-dataset-select"
          />
          {datasets.isSuccess && options.length === 0 && (
            <Text size="sm">
              <Anchor component={Link} to={orgPath(orgId, 'datasets')}>
                Create a dataset
              </Anchor>{' '}
              first.
            </Text>
          )}
          {add.isError && (
            <Alert color="red" variant="light" data-testid="add-to-dataset-error">
              {describeError(add.error)}
            </Alert>
          )}
          <FormActions
            onCancel={close}
            submitLabel="Add to dataset"
            submitTestId="add-to-dataset-submit"
            disabled={!datasetId}
            loading={add.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
