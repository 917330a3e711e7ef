import { Anchor, Card, Center, Group, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { ApprovalBox } from './approval-box';
import { workflowPath } from './workflow-paths';
import { useResumeRun, useWorkflowRuns } from './workflows-api';

/** Runs waiting at a human node, across the organization's workflows, to approve or reject. */
export function ApprovalInbox({ orgId, canDecide }: { orgId: string; canDecide: boolean }) {
  const waiting = useWorkflowRuns(orgId, { status: 'waiting' }, { live: true });
  const resume = useResumeRun(orgId);
  const items = waiting.data?.items ?? [];

  if (waiting.isPending) return <TableSkeleton />;
  if (waiting.isError) return <ErrorAlert error={waiting.error} onRetry={() => void waiting.refetch()} />;
  if (items.length === 0) {
    return (
      <Card>
        <Center py="xl">
          <Stack align="center" gap="xs" data-testid="wf-inbox-empty">
            <IconInbox size={32} color="var(--mantine-color-gray-5)" />
            <Text fw={500}>Nothing waits for approval</Text>
            <Text size="sm" c="dimmed" ta="center" maw={420}>
              Runs that reach an approval node stop here until someone approves or rejects them.
            </Text>
          </Stack>
        </Center>
      </Card>
    );
  }
  return (
    <Stack gap="sm" data-testid="wf-inbox">
      {items.map((run) => (
        <Card key={run.id} withBorder data-testid={`wf-inbox-run-${run.id}`}>
          <Group justify="space-between" mb="xs">
            <Anchor component={Link} to={workflowPath(orgId, run.workflowName)} fw={600} size="sm">
              {run.workflowName} v{run.version}
            </Anchor>
            <Text size="xs" c="dimmed">
              started {formatDateTime(run.createdAt)}
            </Text>
          </Group>
          <ApprovalBox
            nodeId={run.waiting?.nodeId ?? '?'}
            message={run.waiting?.message ?? ''}
            deciding={resume.isPending && resume.variables?.id === run.id}
            disabled={!canDecide}
            testId={`wf-inbox-approval-${run.id}`}
            onDecide={(decision) =>
              resume.mutate(
                { id: run.id, decision },
                {
                  onSuccess: () =>
                    notifySuccess(decision.approved ? 'Approved; the run goes on' : 'Rejected'),
                  onError: (error) => notifyFailure('Could not resume the run', error),
                },
              )
            }
          />
        </Card>
      ))}
    </Stack>
  );
}
