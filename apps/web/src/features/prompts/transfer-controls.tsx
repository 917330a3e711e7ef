import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  FileButton,
  Group,
  Menu,
  Modal,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconDownload, IconFileImport, IconUpload } from '@tabler/icons-react';
import { describeError } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { detectTransferFormat } from './prompt-transfer';
import { useExportPrompts, useImportPrompts, type ImportResult } from './prompts-api';
import { FormActions } from '../../components/form-actions';

/** Export one prompt (or all, with name null) as JSON or YAML. */
export function ExportMenu({ orgId, name }: { orgId: string; name: string | null }) {
  const exportPrompts = useExportPrompts(orgId);
  const download = (format: 'json' | 'yaml') =>
    exportPrompts.mutate(
      { name, format },
      {
        onSuccess: (file) => notifySuccess(`Downloaded ${file}`),
        onError: (error) => notifyFailure('Could not export', error),
      },
    );
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={exportPrompts.isPending}
          data-testid="export-menu"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{name ? 'This prompt, all versions' : 'All prompts'}</Menu.Label>
        <Menu.Item onClick={() => download('yaml')} data-testid="export-yaml">
          YAML
        </Menu.Item>
        <Menu.Item onClick={() => download('json')} data-testid="export-json">
          JSON
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Imports a JSON or YAML export. An existing name gets new versions (history is never
 * overwritten); "import as" renames a single prompt.
 */
export interface ImportModalProps {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  onImported?: (result: ImportResult) => void;
}

export function ImportModal({ orgId, opened, onClose, onImported }: ImportModalProps) {
  const importPrompts = useImportPrompts(orgId);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [rename, setRename] = useState('');

  function close() {
    setText('');
    setFileName(undefined);
    setRename('');
    importPrompts.reset();
    onClose();
  }

  async function pick(file: File | null) {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    importPrompts.mutate(
      { text, format: detectTransferFormat(text, fileName), rename },
      {
        onSuccess: (result) => {
          const names = result.items.map((i) => i.name).join(', ');
          notifySuccess(`Imported ${names}`);
          onImported?.(result);
          close();
        },
        onError: (error) => notifyFailure('Could not import', error),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Import prompts" size="lg" centered>
      <form onSubmit={submit} aria-label="Import prompts">
        <Stack>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              A PromptOps export (JSON or YAML). Existing names get new versions.
            </Text>
            <FileButton
              onChange={(file) => void pick(file)}
              accept=".json,.yaml,.yml,application/json,application/yaml"
            >
              {(props) => (
                <Button
                  {...props}
                  size="xs"
                  variant="light"
                  leftSection={<IconUpload size={14} />}
                  data-testid="import-file"
                >
                  Choose file
                </Button>
              )}
            </FileButton>
          </Group>
          <Textarea
            label={fileName ? `Content of ${fileName}` : 'Content'}
            placeholder="format: promptops.prompts/v1"
            autosize
            minRows={6}
            maxRows={16}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="import-content"
          />
          <TextInput
            label="Import as"
            description="Optional: a new name for a single imported prompt"
            placeholder="e.g. support/reply-copy"
            value={rename}
            onChange={(e) => setRename(e.currentTarget.value)}
            data-testid="import-rename"
          />
          {importPrompts.isError && (
            <Alert color="red" variant="light" data-testid="import-error">
              {describeError(importPrompts.error)}
            </Alert>
          )}
          <FormActions
            onCancel={close}
            submitLabel="Import"
            submitTestId="import-submit"
            submitIcon={<IconFileImport size={16} />}
            disabled={text.trim() === ''}
            loading={importPrompts.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
