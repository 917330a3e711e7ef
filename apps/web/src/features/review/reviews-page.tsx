import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, Card, Center, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconGitPullRequest, IconSettings } from '@tabler/icons-react';
import type { ReviewStatus } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCurrentOrg } from '../orgs/current-org';
import { promptPagePath } from '../playground/prompt-paths';
import { ApprovalsBadge, GateBadge, ReviewStatusBadge } from './review-badges';
import { reviewPath, reviewSettingsPath } from './review-paths';
import { useReviews } from './reviews-api';

const TABS: { value: ReviewStatus; label: string; empty: string }[] = [
  { value: 'open', label: 'Open', empty: 'No review is waiting.' },
  { value: 'merged', label: 'Merged', empty: 'No review was merged yet.' },
  { value: 'rejected', label: 'Rejected', empty: 'No review was rejected.' },
];

function ReviewsTable({ orgId, status }: { orgId: string; status: ReviewStatus }) {
  const reviews = useReviews(orgId, { status });
  const items = reviews.data?.items ?? [];
  if (reviews.isPending) return <TableSkeleton />;
  if (reviews.isError) return <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />;
  if (items.length === 0)
    return (
      <Center py="xl">
        <Stack align="center" gap="xs" data-testid="reviews-empty">
          <IconGitPullRequest size={32} color="var(--mantine-color-gray-5)" />
          <Text fw={500}>{TABS.find((t) => t.value === status)?.empty}</Text>
          {status === 'open' && (
            <Text size="sm" c="dimmed" ta="center" maw={460}>
              Protected labels move only through a review: open one from a prompt&apos;s Versions panel by
              moving a protected label.
            </Text>
          )}
        </Stack>
      </Center>
    );
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover
        data-testid={`reviews-table-${status}`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Change</Table.Th>
            <Table.Th>Prompt</Table.Th>
            <Table.Th>Author</Table.Th>
            <Table.Th>Approvals</Table.Th>
            <Table.Th>Evaluation</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid={`review-row-${r.promptName}`}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={reviewPath(orgId, r.id)} size="sm" fw={600}>
                    {r.label} → v{r.version}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
                    {r.description ?? (r.baseVersion !== null ? `from v${r.baseVersion}` : 'first time set')}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={promptPagePath(orgId, r.promptName)} size="sm">
                  {r.promptName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.author.email ?? r.author.apiKeyName ?? 'unknown'}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <ApprovalsBadge review={r} />
                  {status !== 'open' && <ReviewStatusBadge status={r.status} />}
                </Group>
              </Table.Td>
              <Table.Td>
                {r.gate ? (
                  <GateBadge status={r.gate.status} />
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(r.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Reviews of protected-label moves: open ones first, with their approvals and evaluation gate. */
export function ReviewsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('status'))?.value ?? 'open';
  const open = useReviews(orgId, { status: 'open' });
  const openCount = open.data?.items.length ?? null;

  return (
    <>
      <PageHeader
        title="Reviews"
        description="Protected labels such as production move only when a review of the change is approved."
        actions={
          <Button
            variant="default"
            component={Link}
            to={reviewSettingsPath(orgId)}
            leftSection={<IconSettings size={16} />}
            data-testid="review-settings-link"
          >
            Protected labels
          </Button>
        }
      />
      <Card p={0}>
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (!value || value === 'open') next.delete('status');
            else next.set('status', value);
            setParams(next, { replace: true });
          }}
        >
          <Tabs.List px="sm">
            {TABS.map((t) => (
              <Tabs.Tab
                key={t.value}
                value={t.value}
                data-testid={`reviews-tab-${t.value}`}
                rightSection={
                  t.value === 'open' && openCount !== null && openCount > 0 ? (
                    <Badge size="xs" circle color="indigo" data-testid="reviews-open-count">
                      {openCount}
                    </Badge>
                  ) : undefined
                }
              >
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={tab} p="sm">
            <ReviewsTable orgId={orgId} status={tab} />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </>
  );
}
