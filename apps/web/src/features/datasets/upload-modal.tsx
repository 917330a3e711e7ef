import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { MAX_DATASET_IMPORT_BYTES } from '@promptops/contracts';
import { ApiError, describeError } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { importProblems, useImportFile } from './dataset-transfer-api';
import { canChooseNoExpected, initialMapping, mapColumns, type ColumnMapping } from './import-mapping';
import {
  detectImportFormat,
  PREVIEW_BYTES,
  previewImport,
  type ImportFormat,
  type ImportPreview,
} from './import-preview';

const PREVIEW_ROWS = 8;
const NO_EXPECTED = '\u0000none';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Picked {
  file: File;
  format: ImportFormat;
  preview: ImportPreview;
}

/**
 * Upload a CSV or JSONL file: the first rows are read in the browser to show what the columns
 * will become, then the file goes to the server as it is, which adds every row or none.
 */
export function UploadModal({
  orgId,
  datasetId,
  opened,
  onClose,
}: {
  orgId: string;
  datasetId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const upload = useImportFile(orgId, datasetId);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({ expectedColumn: null, ignored: [] });

  function close() {
    setPicked(null);
    upload.reset();
    onClose();
  }

  async function pick(file: File | null) {
    if (!file) return;
    upload.reset();
    const partial = file.size > PREVIEW_BYTES;
    const text = await file.slice(0, PREVIEW_BYTES).text();
    const format = detectImportFormat(file.name, text);
    const preview = previewImport(format, text, { maxRows: PREVIEW_ROWS, partial });
    setPicked({ file, format, preview });
    setMapping(initialMapping(preview.columns));
  }

  const columns = picked?.preview.columns ?? [];
  const isCsv = picked?.format === 'csv';
  const jsonlHasExpected = !isCsv && columns.at(-1) === 'expected';
  const mapped = isCsv
    ? mapColumns(columns, mapping)
    : { variables: jsonlHasExpected ? columns.slice(0, -1) : columns, problems: [] };
  const tooLarge = picked !== null && picked.file.size > MAX_DATASET_IMPORT_BYTES;
  const blocked = !picked || tooLarge || picked.preview.error !== null || mapped.problems.length > 0;
  const refusal =
    upload.error instanceof ApiError ? (upload.error.problem.detail ?? upload.error.problem.title) : null;
  // The detail often already names the first bad line: list only what it does not say.
  const serverProblems = importProblems(upload.error).filter((p) => refusal === null || !refusal.includes(p));

  function submit() {
    if (!picked || blocked) return;
    upload.mutate(
      { file: picked.file, format: picked.format, expectedColumn: isCsv ? mapping.expectedColumn : null },
      {
        onSuccess: (r) => {
          notifySuccess(
            `Added ${r.added.toLocaleString()} item${r.added === 1 ? '' : 's'} (version ${r.version})`,
          );
          close();
        },
      },
    );
  }

  const expectedOptions = [
    ...(canChooseNoExpected(columns, false)
      ? [{ value: NO_EXPECTED, label: 'None: every column is a variable' }]
      : []),
    ...columns.map((c) => ({ value: c, label: c })),
  ];

  return (
    <Modal opened={opened} onClose={close} title="Upload items" size="xl" centered>
      <Stack>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed">
            CSV with a header row (one column per input variable, plus the expected output), or JSON Lines
            with one {'{"input": {…}, "expected": …}'} per line. Up to 50 MB / 100,000 rows; all rows are
            added as one new version, or none if any is refused.
          </Text>
          <FileButton
            onChange={(f) => void pick(f)}
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
          >
            {(props) => (
              <Button
                {...props}
                variant={picked ? 'default' : 'filled'}
                leftSection={<IconFileUpload size={16} />}
                style={{ flexShrink: 0 }}
                data-testid="upload-choose-file"
              >
                {picked ? 'Choose another' : 'Choose file'}
              </Button>
            )}
          </FileButton>
        </Group>
        {picked && (
          <>
            <Group gap="xs">
              <Text size="sm" fw={600} data-testid="upload-file-name">
                {picked.file.name}
              </Text>
              <Badge variant="light" tt="uppercase" radius="sm">
                {picked.format}
              </Badge>
              <Text size="xs" c="dimmed">
                {formatBytes(picked.file.size)}
              </Text>
            </Group>
            {tooLarge && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
                This file is larger than 50 MB; split it into several uploads.
              </Alert>
            )}
            {picked.preview.error && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                title={`Line ${picked.preview.error.line}, column ${picked.preview.error.column}`}
                data-testid="upload-preview-error"
              >
                {picked.preview.error.message}
              </Alert>
            )}
            {isCsv && columns.length > 0 && (
              <Select
                label="Expected output column"
                description="Its values become each item's expected output; every other column is an input variable."
                data={expectedOptions}
                value={mapping.expectedColumn ?? NO_EXPECTED}
                onChange={(v) =>
                  setMapping((m) => ({ ...m, expectedColumn: v === NO_EXPECTED || v === null ? null : v }))
                }
                allowDeselect={false}
                maw={360}
                data-testid="upload-expected-column"
              />
            )}
            {mapped.problems.length > 0 && (
              <Alert
                color="orange"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                title="Fix the header first"
              >
                <List size="sm">
                  {mapped.problems.map((p) => (
                    <List.Item key={`${p.column}-${p.message}`}>{p.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {columns.length > 0 && (
              <Stack gap={4}>
                <Text size="xs" c="dimmed" data-testid="upload-preview-summary">
                  {picked.preview.rows.length === 0
                    ? 'No rows after the header.'
                    : `First ${picked.preview.rows.length} row${picked.preview.rows.length === 1 ? '' : 's'}${picked.preview.truncated ? ' (more follow)' : ''}: `}
                  {mapped.variables.length} variable{mapped.variables.length === 1 ? '' : 's'}
                  {(isCsv ? mapping.expectedColumn !== null : columns.includes('expected'))
                    ? ' and expected'
                    : ', no expected'}
                </Text>
                <ScrollArea.Autosize mah={300} type="auto">
                  <Table withTableBorder withColumnBorders fz="xs" data-testid="upload-preview">
                    <Table.Thead>
                      <Table.Tr>
                        {columns.map((c, i) => {
                          const expected = isCsv
                            ? c === mapping.expectedColumn
                            : c === 'expected' && i === columns.length - 1;
                          return (
                            <Table.Th key={`${c}-${i}`}>
                              <Group gap={4} wrap="nowrap">
                                <Text size="xs" ff="monospace" fw={600}>
                                  {c || '(no name)'}
                                </Text>
                                <Badge size="xs" variant="light" color={expected ? 'teal' : 'blue'} tt="none">
                                  {expected ? 'expected' : 'variable'}
                                </Badge>
                              </Group>
                            </Table.Th>
                          );
                        })}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {picked.preview.rows.map((row, r) => (
                        <Table.Tr key={r}>
                          {row.map((cell, c) => (
                            <Table.Td key={c} style={{ maxWidth: 260, verticalAlign: 'top' }}>
                              <Text size="xs" lineClamp={3} c={cell === null ? 'dimmed' : undefined}>
                                {cell === null ? 'null' : cell}
                              </Text>
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Stack>
            )}
          </>
        )}
        {upload.isError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="The server refused the file; nothing was added"
            data-testid="upload-error"
          >
            <Stack gap={4}>
              <Text size="sm">{refusal ?? describeError(upload.error)}</Text>
              {serverProblems.length > 0 && (
                <List size="sm">
                  {serverProblems.map((p) => (
                    <List.Item key={p}>{p}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={blocked}
            loading={upload.isPending}
            onClick={submit}
            data-testid="upload-submit"
          >
            Upload
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
