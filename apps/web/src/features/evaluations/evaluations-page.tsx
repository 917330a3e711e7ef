import { Link } from 'react-router-dom';
import { Anchor, Button, Card, Center, Stack, Table, Text } from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';
import { orgPath } from '../../app/navigation';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { EvaluationStatusBadge, ProgressBar, ProgressText } from './evaluation-status';
import { useEvaluations } from './evaluations-api';

export const evaluationPath = (orgId: string, id: string) => orgPath(orgId, `evaluations/${id}`);

export function EvaluationsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canRun = useCan('evaluations:run');
  const evaluations = useEvaluations(orgId);
  const items = evaluations.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Evaluations"
        description="Prompt variants run over a dataset, scored, and compared against the first one."
        actions={
          canRun && (
            <Button
              component={Link}
              to={orgPath(orgId, 'evaluations/new')}
              leftSection={<IconPlus size={16} />}
              data-testid="new-evaluation-button"
            >
              New evaluation
            </Button>
          )
        }
      />
      {evaluations.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {evaluations.isError && (
        <ErrorAlert error={evaluations.error} onRetry={() => void evaluations.refetch()} />
      )}
      {evaluations.data && items.length === 0 && (
        <Card>
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="evaluations-empty">
              <IconChartBar size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>No evaluations yet</Text>
              <Text size="sm" c="dimmed" ta="center" maw={440}>
                Pick a dataset and one or more prompt variants; each item is run on every variant and scored
                by the evaluators you choose.
              </Text>
              {canRun && (
                <Button variant="light" size="xs" component={Link} to={orgPath(orgId, 'evaluations/new')}>
                  Start one
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      )}
      {items.length > 0 && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={820} type="native">
            <Table
              verticalSpacing="sm"
              horizontalSpacing="md"
              highlightOnHover
              data-testid="evaluations-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Dataset</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={200}>Progress</Table.Th>
                  <Table.Th ta="right">Cost</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`evaluation-row-${e.name}`}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={evaluationPath(orgId, e.id)} size="sm" fw={600}>
                          {e.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {e.variants.map((v) => v.name).join(' · ')}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {e.datasetName ? (
                        <Anchor component={Link} to={orgPath(orgId, `datasets/${e.datasetId}`)} size="sm">
                          {e.datasetName}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          deleted
                        </Text>
                      )}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        v{e.datasetVersion}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <EvaluationStatusBadge status={e.status} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <ProgressBar progress={e.progress} status={e.status} size="sm" />
                        <ProgressText progress={e.progress} />
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Usd value={e.costUsd} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
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
