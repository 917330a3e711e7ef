import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Card, Center, Group, Menu, Select, Stack, Text } from '@mantine/core';
import {
  IconArrowLeft,
  IconChartBar,
  IconDatabase,
  IconDots,
  IconEdit,
  IconHistory,
  IconPlus,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import type { DatasetItem } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { orgPath } from '../../app/navigation';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { AddItemModal } from './add-item-modal';
import { itemColumns } from './dataset-cells';
import { DatasetItemsTable } from './dataset-items-table';
import { EditDatasetModal } from './edit-dataset-modal';
import { DatasetExportMenu } from './export-menu';
import { UploadModal } from './upload-modal';
import { useDataset, useDatasetItems, useDeleteDataset, useDeleteItem, useUpdateItem } from './datasets-api';

/** The version picker lists this many of the newest versions; older ones open by URL (?version=N). */
const VERSION_CHOICES = 300;

export function versionOptions(current: number, pinned: number | null): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  for (let v = current; v >= Math.max(0, current - VERSION_CHOICES + 1); v--)
    options.push({ value: String(v), label: v === current ? `v${v} · current` : `v${v}` });
  if (pinned !== null && pinned < current - VERSION_CHOICES + 1)
    options.push({ value: String(pinned), label: `v${pinned}` });
  return options;
}

export function DatasetPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const { datasetId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canWrite = useCan('datasets:write');
  const canRun = useCan('evaluations:run');
  const dataset = useDataset(orgId, datasetId);
  const requested = params.get('version');
  const current = dataset.data?.version ?? null;
  const pinned = requested !== null && /^\d+$/.test(requested) ? Number(requested) : null;
  // An explicit ?version= equal to the current one is just the current version.
  const version = pinned !== null && pinned !== current ? pinned : null;
  const items = useDatasetItems(orgId, datasetId, version);
  const updateItem = useUpdateItem(orgId, datasetId);
  const deleteItem = useDeleteItem(orgId, datasetId);
  const deleteDataset = useDeleteDataset(orgId);
  const [dialog, setDialog] = useState<'add' | 'upload' | 'edit' | 'delete' | null>(null);
  const [deleting, setDeleting] = useState<DatasetItem | null>(null);
  const allItems = useMemo(() => items.data?.pages.flatMap((p) => p.items) ?? [], [items.data]);
  const columns = useMemo(() => itemColumns(allItems), [allItems]);
  const readOnly = version !== null;
  const editable = canWrite && !readOnly;

  const setVersion = (value: number | null) =>
    setParams(value === null || value === current ? {} : { version: String(value) });

  if (dataset.isError) return <ErrorAlert error={dataset.error} onRetry={() => void dataset.refetch()} />;
  if (!dataset.data) return <TableSkeleton rows={6} />;
  const d = dataset.data;

  function confirmDeleteItem() {
    if (!deleting) return;
    deleteItem.mutate(deleting.id, {
      onSuccess: (r) => notifySuccess(`Item deleted (version ${r.version})`),
      onError: (error) => notifyFailure('Could not delete the item', error),
      onSettled: () => setDeleting(null),
    });
  }

  function confirmDeleteDataset() {
    deleteDataset.mutate(d.id, {
      onSuccess: () => {
        notifySuccess(`Dataset “${d.name}” deleted`);
        void navigate(orgPath(orgId, 'datasets'));
      },
      onError: (error) => notifyFailure('Could not delete the dataset', error),
      onSettled: () => setDialog(null),
    });
  }

  return (
    <>
      <Anchor component={Link} to={orgPath(orgId, 'datasets')} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Datasets
        </Group>
      </Anchor>
      <PageHeader
        title={d.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" radius="sm" tt="none" data-testid="dataset-version">
              v{d.version}
            </Badge>
            <Text span size="sm" c="dimmed" data-testid="dataset-item-count">
              {d.itemCount.toLocaleString()} item{d.itemCount === 1 ? '' : 's'} · updated{' '}
              {formatDateTime(d.updatedAt)}
              {d.description ? ` · ${d.description}` : ''}
            </Text>
          </Group>
        }
        actions={
          <>
            <Select
              w={150}
              leftSection={<IconHistory size={16} />}
              data={versionOptions(d.version, pinned)}
              value={String(version ?? d.version)}
              onChange={(v) => v !== null && setVersion(Number(v))}
              allowDeselect={false}
              aria-label="Version"
              data-testid="dataset-version-select"
            />
            <DatasetExportMenu orgId={orgId} datasetId={d.id} name={d.name} version={version ?? d.version} />
            {canRun && (
              <Button
                variant="default"
                leftSection={<IconChartBar size={16} />}
                component={Link}
                to={`${orgPath(orgId, 'evaluations/new')}?datasetId=${d.id}${version !== null ? `&version=${version}` : ''}`}
                data-testid="dataset-evaluate"
              >
                Evaluate
              </Button>
            )}
            {editable && (
              <Button
                variant="default"
                leftSection={<IconUpload size={16} />}
                onClick={() => setDialog('upload')}
                data-testid="dataset-upload"
              >
                Upload
              </Button>
            )}
            {editable && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setDialog('add')}
                data-testid="add-item-button"
              >
                Add item
              </Button>
            )}
            {canWrite && (
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <Button
                    variant="subtle"
                    color="gray"
                    px={8}
                    aria-label="More actions"
                    data-testid="dataset-menu"
                  >
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconEdit size={14} />}
                    onClick={() => setDialog('edit')}
                    data-testid="dataset-edit"
                  >
                    Edit name and description
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => setDialog('delete')}
                    data-testid="dataset-delete"
                  >
                    Delete dataset
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      {readOnly && (
        <Alert
          color="blue"
          variant="light"
          mb="md"
          icon={<IconHistory size={18} />}
          data-testid="old-version-alert"
        >
          <Group justify="space-between">
            <Text size="sm">
              You are looking at version {version} as it was then. Older versions are read-only.
            </Text>
            <Button size="xs" variant="white" onClick={() => setVersion(null)}>
              Back to the current version
            </Button>
          </Group>
        </Alert>
      )}
      {items.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && allItems.length === 0 && (
        <Card>
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="dataset-items-empty">
              <IconDatabase size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>{readOnly ? 'This version had no items' : 'No items yet'}</Text>
              {editable && (
                <Text size="sm" c="dimmed" ta="center" maw={460}>
                  Upload a CSV (a header row, one column per variable and an expected column) or a JSONL file,
                  add items one by one, or collect runs from the playground history.
                </Text>
              )}
              {editable && (
                <Group>
                  <Button size="xs" variant="light" onClick={() => setDialog('upload')}>
                    Upload a file
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setDialog('add')}>
                    Add an item
                  </Button>
                </Group>
              )}
            </Stack>
          </Center>
        </Card>
      )}
      {allItems.length > 0 && (
        <Stack gap="sm">
          <DatasetItemsTable
            items={allItems}
            editable={editable}
            onChange={(change) => updateItem.mutateAsync(change)}
            onDelete={setDeleting}
          />
          {items.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                size="xs"
                loading={items.isFetchingNextPage}
                onClick={() => void items.fetchNextPage()}
                data-testid="dataset-items-more"
              >
                Load more ({allItems.length.toLocaleString()} of {d.itemCount.toLocaleString()} shown)
              </Button>
            </Group>
          )}
          {editable && (
            <Text size="xs" c="dimmed">
              Click a cell to edit it; Enter saves, Shift+Enter adds a line, Escape cancels. Every change
              makes a new version.
            </Text>
          )}
        </Stack>
      )}
      {editable && (
        <AddItemModal
          orgId={orgId}
          datasetId={d.id}
          columns={columns}
          opened={dialog === 'add'}
          onClose={() => setDialog(null)}
        />
      )}
      {editable && (
        <UploadModal
          orgId={orgId}
          datasetId={d.id}
          opened={dialog === 'upload'}
          onClose={() => setDialog(null)}
        />
      )}
      {canWrite && (
        <EditDatasetModal
          orgId={orgId}
          dataset={d}
          opened={dialog === 'edit'}
          onClose={() => setDialog(null)}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title="Delete item"
        confirmLabel="Delete"
        loading={deleteItem.isPending}
        onConfirm={confirmDeleteItem}
        onClose={() => setDeleting(null)}
      >
        Delete this item? The dataset gets a new version without it; older versions keep it.
      </ConfirmModal>
      <ConfirmModal
        opened={dialog === 'delete'}
        title="Delete dataset"
        confirmLabel="Delete dataset"
        loading={deleteDataset.isPending}
        onConfirm={confirmDeleteDataset}
        onClose={() => setDialog(null)}
      >
        {`Delete “${d.name}” and all its versions? Evaluations that used it keep their results.`}
      </ConfirmModal>
    </>
  );
}
