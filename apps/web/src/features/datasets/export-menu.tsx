import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useExportDataset } from './dataset-transfer-api';

/** Downloads the version on screen as CSV (variables, then expected) or JSON Lines. */
export function DatasetExportMenu({
  orgId,
  datasetId,
  name,
  version,
}: {
  orgId: string;
  datasetId: string;
  name: string;
  version: number;
}) {
  const exportDataset = useExportDataset(orgId, datasetId);
  const download = (format: 'csv' | 'jsonl') =>
    exportDataset.mutate(
      { name, version, format },
      {
        onSuccess: (file) => notifySuccess(`Downloaded ${file}`),
        onError: (error) => notifyFailure('Could not export the dataset', error),
      },
    );
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={exportDataset.isPending}
          data-testid="dataset-export"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Version {version}</Menu.Label>
        <Menu.Item onClick={() => download('csv')} data-testid="dataset-export-csv">
          CSV
        </Menu.Item>
        <Menu.Item onClick={() => download('jsonl')} data-testid="dataset-export-jsonl">
          JSON Lines
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
