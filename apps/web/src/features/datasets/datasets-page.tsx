import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Badge, Button, Card, Center, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDatabase, IconPlus, IconSearch } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { orgPath } from '../../app/navigation';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { CreateDatasetModal } from './create-dataset-modal';
import { useDatasets } from './datasets-api';

export const datasetPath = (orgId: string, id: string) => orgPath(orgId, `datasets/${id}`);

export function DatasetsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWrite = useCan('datasets:write');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const datasets = useDatasets(orgId, debounced);
  const [creating, setCreating] = useState(false);
  const items = datasets.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Datasets"
        description="Inputs and expected outputs to evaluate prompts against. Every change makes a new version."
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-dataset-button"
            >
              New dataset
            </Button>
          )
        }
      />
      <Card padding="md" mb="md">
        <TextInput
          placeholder="Search by name or description"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={360}
          data-testid="dataset-search"
        />
      </Card>
      {datasets.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {datasets.isError && <ErrorAlert error={datasets.error} onRetry={() => void datasets.refetch()} />}
      {datasets.data && items.length === 0 && (
        <Card>
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="datasets-empty">
              <IconDatabase size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>{debounced ? 'No dataset matches' : 'No datasets yet'}</Text>
              {!debounced && (
                <Text size="sm" c="dimmed" ta="center" maw={420}>
                  Upload a CSV or JSONL file of examples, or collect runs from the playground history.
                </Text>
              )}
              {canWrite && !debounced && (
                <Button variant="light" size="xs" onClick={() => setCreating(true)}>
                  Create the first one
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      )}
      {items.length > 0 && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="datasets-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th ta="right">Items</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-testid={`dataset-row-${d.name}`}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor
                          component={Link}
                          to={datasetPath(orgId, d.id)}
                          size="sm"
                          fw={600}
                          data-testid={`dataset-link-${d.name}`}
                        >
                          {d.name}
                        </Anchor>
                        {d.description && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {d.description}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" ff="monospace">
                        {d.itemCount.toLocaleString()}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" radius="sm" tt="none">
                        v{d.version}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(d.updatedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {datasets.data?.nextCursor && (
            <Group justify="center" p="sm">
              <Text size="xs" c="dimmed">
                Showing the 200 most recently changed; search to find others.
              </Text>
            </Group>
          )}
        </Card>
      )}
      {canWrite && (
        <CreateDatasetModal
          orgId={orgId}
          opened={creating}
          onClose={() => setCreating(false)}
          onCreated={(dataset) => void navigate(datasetPath(orgId, dataset.id))}
        />
      )}
    </>
  );
}
