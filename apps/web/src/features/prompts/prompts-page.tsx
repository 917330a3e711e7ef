import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Center,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconFileImport,
  IconFolder,
  IconMessages,
  IconPlus,
  IconSearch,
  IconTextCaption,
} from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { promptPagePath } from '../playground/prompt-paths';
import { baseName, buildFolderView } from './folder-tree';
import { NewPromptModal } from './new-prompt-modal';
import { usePrompts } from './prompts-api';
import { ExportMenu, ImportModal } from './transfer-controls';

export function PromptsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWrite = useCan('prompts:write');
  const [params, setParams] = useSearchParams();
  const folder = params.get('folder') ?? '';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const prompts = usePrompts(orgId, debounced);
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  const view = useMemo(
    () => buildFolderView(prompts.data?.items ?? [], folder, debounced),
    [prompts.data, folder, debounced],
  );
  const openFolder = (next: string) => setParams(next ? { folder: next } : {});
  const empty = view.folders.length === 0 && view.prompts.length === 0;

  return (
    <>
      <PageHeader
        title="Prompts"
        description="Versioned prompts, organised in folders (a / in the name)."
        actions={
          <>
            <ExportMenu orgId={orgId} name={null} />
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} />}
                onClick={() => setDialog('import')}
                data-testid="prompts-import-button"
              >
                Import
              </Button>
            )}
            {canWrite && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setDialog('new')}
                data-testid="new-prompt-button"
              >
                New prompt
              </Button>
            )}
          </>
        }
      />
      <Card padding="md" mb="md">
        <Group justify="space-between" wrap="wrap">
          <Breadcrumbs data-testid="prompt-breadcrumbs">
            {view.breadcrumbs.map((crumb) => (
              <Anchor
                key={crumb.folder}
                size="sm"
                onClick={() => openFolder(crumb.folder)}
                fw={crumb.folder === view.folder ? 600 : 400}
                data-testid={`breadcrumb-${crumb.folder || 'root'}`}
              >
                {crumb.label}
              </Anchor>
            ))}
          </Breadcrumbs>
          <TextInput
            placeholder="Search by name or description"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={320}
            data-testid="prompt-search"
          />
        </Group>
      </Card>
      {prompts.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {prompts.isError && <ErrorAlert error={prompts.error} onRetry={() => void prompts.refetch()} />}
      {prompts.data && empty && (
        <Card>
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="prompts-empty">
              <IconMessages size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>{debounced ? 'No prompt matches' : 'No prompts here yet'}</Text>
              {canWrite && !debounced && (
                <Button variant="light" size="xs" onClick={() => setDialog('new')}>
                  Write the first one
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      )}
      {prompts.data && !empty && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="prompts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Latest</Table.Th>
                  <Table.Th>Labels</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.folders.map((f) => (
                  <Table.Tr
                    key={f.folder}
                    style={{ cursor: 'pointer' }}
                    onClick={() => openFolder(f.folder)}
                    data-testid={`folder-${f.folder}`}
                  >
                    <Table.Td colSpan={4}>
                      <Group gap="xs">
                        <IconFolder size={18} color="var(--mantine-color-yellow-6)" />
                        <Text size="sm" fw={500}>
                          {f.name}/
                        </Text>
                        <Text size="xs" c="dimmed">
                          {f.promptCount} prompt{f.promptCount === 1 ? '' : 's'}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {view.prompts.map((p) => (
                  <Table.Tr key={p.id} data-testid={`prompt-row-${p.name}`}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {p.type === 'chat' ? <IconMessages size={18} /> : <IconTextCaption size={18} />}
                        <Stack gap={0}>
                          <Anchor
                            component={Link}
                            to={promptPagePath(orgId, p.name)}
                            size="sm"
                            fw={600}
                            data-testid={`prompt-link-${p.name}`}
                          >
                            {debounced ? p.name : baseName(p.name)}
                          </Anchor>
                          {p.description && (
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {p.description}
                            </Text>
                          )}
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" radius="sm" tt="none">
                        v{p.latestVersion}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {Object.entries(p.labels).map(([label, version]) => (
                          <Badge key={label} size="sm" variant="light" color="teal" tt="none">
                            {label} → v{version}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(p.updatedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <NewPromptModal
        orgId={orgId}
        folder={view.folder}
        opened={dialog === 'new'}
        onClose={() => setDialog(null)}
      />
      <ImportModal orgId={orgId} opened={dialog === 'import'} onClose={() => setDialog(null)} />
    </>
  );
}
