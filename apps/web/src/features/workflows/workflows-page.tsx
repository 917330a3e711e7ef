import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHierarchy3, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { ApprovalInbox } from './approval-inbox';
import { ImportWorkflowModal } from './import-workflow-modal';
import { NewWorkflowModal } from './new-workflow-modal';
import { workflowPath } from './workflow-paths';
import { WorkflowSettingsPanel } from './workflow-settings';
import { useWorkflowRuns, useWorkflows } from './workflows-api';

function WorkflowTable({
  orgId,
  search,
  canWrite,
  onNew,
}: {
  orgId: string;
  search: string;
  canWrite: boolean;
  onNew: () => void;
}) {
  const workflows = useWorkflows(orgId, search);
  const items = workflows.data?.items ?? [];
  if (workflows.isPending) {
    return (
      <Card>
        <TableSkeleton />
      </Card>
    );
  }
  if (workflows.isError)
    return <ErrorAlert error={workflows.error} onRetry={() => void workflows.refetch()} />;
  if (items.length === 0) {
    return (
      <Card>
        <Center py="xl">
          <Stack align="center" gap="xs" data-testid="workflows-empty">
            <IconHierarchy3 size={32} color="var(--mantine-color-gray-5)" />
            <Text fw={500}>{search ? 'No workflow matches' : 'No workflows yet'}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={460}>
              Chain prompts, conditions, loops, tools and approvals into a graph that runs as one durable job
              and exports to LangGraph.
            </Text>
            {canWrite && !search && (
              <Button variant="light" size="xs" onClick={onNew}>
                Build one
              </Button>
            )}
          </Stack>
        </Center>
      </Card>
    );
  }
  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="workflows-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Latest version</Table.Th>
              <Table.Th>Labels</Table.Th>
              <Table.Th>Nodes</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((w) => (
              <Table.Tr key={w.id} data-testid={`workflow-row-${w.name}`}>
                <Table.Td>
                  <Stack gap={0}>
                    <Anchor component={Link} to={workflowPath(orgId, w.name)} size="sm" fw={600}>
                      {w.name}
                    </Anchor>
                    {w.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {w.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>v{w.latestVersion}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {Object.entries(w.labels).map(([label, version]) => (
                      <Badge key={label} size="sm" variant="light">
                        {label} → v{version}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{w.nodeCount}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(w.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export function WorkflowsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWrite = useCan('workflows:write');
  const canRun = useCan('workflows:run');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab = requested === 'approvals' || requested === 'settings' ? requested : 'workflows';
  const canEditSettings = useCan('workflow-settings:write');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const waiting = useWorkflowRuns(orgId, { status: 'waiting' }, { live: true });
  const waitingCount = waiting.data?.items.length ?? 0;

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Graphs of prompts, conditions, loops, tools and approvals, versioned and run as durable jobs."
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconUpload size={16} />}
                onClick={() => setImporting(true)}
                data-testid="wf-import-button"
              >
                Import
              </Button>
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="new-workflow-button"
              >
                New workflow
              </Button>
            </>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(t) => {
          const next = new URLSearchParams(params);
          if (t === 'approvals' || t === 'settings') next.set('tab', t);
          else next.delete('tab');
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="workflows" data-testid="wf-tab-workflows">
            Workflows
          </Tabs.Tab>
          <Tabs.Tab
            value="approvals"
            data-testid="wf-tab-approvals"
            rightSection={
              waitingCount > 0 ? (
                <Badge size="xs" color="orange" circle>
                  {waitingCount}
                </Badge>
              ) : undefined
            }
          >
            Approvals
          </Tabs.Tab>
          <Tabs.Tab value="settings" data-testid="wf-tab-settings">
            Settings
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="workflows">
          <TextInput
            mb="sm"
            maw={360}
            placeholder="Search by name"
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="workflows-search"
          />
          <WorkflowTable
            orgId={orgId}
            search={debouncedSearch}
            canWrite={canWrite}
            onNew={() => setCreating(true)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="approvals">
          <ApprovalInbox orgId={orgId} canDecide={canRun} />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <WorkflowSettingsPanel orgId={orgId} canEdit={canEditSettings} />
        </Tabs.Panel>
      </Tabs>
      <NewWorkflowModal
        orgId={orgId}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(name) => void navigate(workflowPath(orgId, name))}
      />
      <ImportWorkflowModal
        orgId={orgId}
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={(name) => void navigate(workflowPath(orgId, name))}
      />
    </>
  );
}
