import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Card, Center, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconArrowsSplit, IconPlus } from '@tabler/icons-react';
import { ExperimentStatus } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { promptPagePath } from '../playground/prompt-paths';
import { ExperimentStatusBadge, ListDecision } from './experiment-badges';
import { formatShare } from './experiment-form';
import { experimentPath, newExperimentPath } from './experiment-paths';
import { useExperiments } from './experiments-api';

export function ExperimentsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWrite = useCan('experiments:write');
  const [params, setParams] = useSearchParams();
  const status = ExperimentStatus.safeParse(params.get('status'));
  const promptName = params.get('prompt') ?? undefined;
  const experiments = useExperiments(orgId, {
    ...(status.success ? { status: status.data } : {}),
    ...(promptName ? { promptName } : {}),
  });
  const items = experiments.data?.items ?? [];
  const filtered = status.success || promptName !== undefined;

  return (
    <>
      <PageHeader
        title="Experiments"
        description="Online A/B tests of prompt versions: each user sticks to one variant, and their outcomes decide the winner."
        actions={
          canWrite && (
            <Button
              component={Link}
              to={newExperimentPath(orgId, promptName)}
              leftSection={<IconPlus size={16} />}
              data-testid="new-experiment-button"
            >
              New experiment
            </Button>
          )
        }
      />
      <Group mb="sm" gap="sm">
        <SegmentedControl
          size="xs"
          value={status.success ? status.data : 'all'}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value === 'all') next.delete('status');
            else next.set('status', value);
            setParams(next, { replace: true });
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'running', label: 'Running' },
            { value: 'stopped', label: 'Stopped' },
          ]}
          data-testid="experiments-status-filter"
        />
        {promptName && (
          <Text size="sm" c="dimmed">
            Prompt <b>{promptName}</b> ·{' '}
            <Anchor
              component="button"
              size="sm"
              onClick={() => {
                const next = new URLSearchParams(params);
                next.delete('prompt');
                setParams(next, { replace: true });
              }}
            >
              all prompts
            </Anchor>
          </Text>
        )}
      </Group>
      {experiments.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {experiments.isError && (
        <ErrorAlert error={experiments.error} onRetry={() => void experiments.refetch()} />
      )}
      {experiments.data && items.length === 0 && (
        <Card>
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="experiments-empty">
              <IconArrowsSplit size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>{filtered ? 'No experiment matches' : 'No experiments yet'}</Text>
              <Text size="sm" c="dimmed" ta="center" maw={460}>
                Pick a prompt and two or more of its versions. Your application fetches the prompt with a user
                id and reports whether the user converted; the experiment tells you which version wins, and by
                how much.
              </Text>
              {canWrite && !filtered && (
                <Button variant="light" size="xs" component={Link} to={newExperimentPath(orgId)}>
                  Start one
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      )}
      {items.length > 0 && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={860} type="native">
            <Table
              verticalSpacing="sm"
              horizontalSpacing="md"
              highlightOnHover
              data-testid="experiments-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Prompt</Table.Th>
                  <Table.Th>Variants</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Decision</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`experiment-row-${e.name}`}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={experimentPath(orgId, e.id)} size="sm" fw={600}>
                          {e.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {e.metric.name} ({e.metric.kind})
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={promptPagePath(orgId, e.promptName)} size="sm">
                        {e.promptName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {e.variants
                          .map(
                            (v) =>
                              `${v.name} v${v.version} (${formatShare(Math.round(v.share * 1000) / 10)})`,
                          )
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ExperimentStatusBadge status={e.status} />
                    </Table.Td>
                    <Table.Td>
                      <ListDecision orgId={orgId} experiment={e} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(e.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
