import { useState, type FormEvent } from 'react';
import { FileInput, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { WorkflowName } from '@promptops/contracts';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { parseExportFile } from './workflow-transfer';
import { useImportWorkflow } from './workflows-api';

/** Imports an exported LangGraph project (the JSON file Export saves) as a new workflow. */
export function ImportWorkflowModal({
  orgId,
  opened,
  onClose,
  onImported,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  onImported: (name: string) => void;
}) {
  const importWorkflow = useImportWorkflow(orgId);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<{ file?: string; name?: string }>({});

  function close() {
    setFile(null);
    setName('');
    setError({});
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError({ file: 'Pick the exported .json file' });
    const parsed = parseExportFile(await file.text());
    if (!parsed.ok) return setError({ file: parsed.error });
    const checkedName = name.trim() ? WorkflowName.safeParse(name.trim()) : null;
    if (checkedName && !checkedName.success)
      return setError({ name: checkedName.error.issues[0]?.message ?? 'Not a valid name' });
    setError({});
    importWorkflow.mutate(
      { files: parsed.files, ...(checkedName?.success ? { name: checkedName.data } : {}) },
      {
        onSuccess: ({ workflow }) => {
          notifySuccess(`Imported “${workflow.name}”`);
          close();
          onImported(workflow.name);
        },
        onError: (e) => notifyFailure('Could not import the workflow', e),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Import a workflow" centered>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Import a workflow">
        <Stack>
          <Text size="sm" c="dimmed">
            Takes a LangGraph project exported from PromptOps (the JSON file of its files) back as a workflow.
          </Text>
          <FileInput
            label="Exported file"
            accept="application/json,.json"
            leftSection={<IconUpload size={14} />}
            value={file}
            onChange={setFile}
            error={error.file}
            data-testid="wf-import-file"
          />
          <TextInput
            label="Name"
            description="Leave empty to keep the exported workflow's name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error.name}
            data-testid="wf-import-name"
          />
          <FormActions
            onCancel={close}
            submitLabel="Import"
            submitTestId="wf-import-submit"
            loading={importWorkflow.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
