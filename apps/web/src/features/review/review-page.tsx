import { Link, useParams } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Grid,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconGitMerge, IconRefresh, IconX } from '@tabler/icons-react';
import type { Review } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { ApiError } from '../../app/problem';
import { NotFoundContent } from '../../components/not-found-page';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { useMe } from '../orgs/orgs-api';
import { promptPagePath } from '../playground/prompt-paths';
import { reviewActions } from './review-actions';
import { ReviewActivityList } from './review-activity';
import { ApprovalsBadge, ReviewStatusBadge } from './review-badges';
import { ReviewCommentBox } from './review-comment-box';
import { ReviewDiff } from './review-diff';
import { ReviewGate } from './review-gate';
import { reviewsPath } from './review-paths';
import { useReview, useReviewAction, type ReviewAction } from './reviews-api';

/** Where the label stood when the review opened, said for the review's state. */
function whereFrom(r: Pick<Review, 'label' | 'baseVersion' | 'status'>): string {
  const open = r.status === 'open';
  if (r.baseVersion === null) return open ? `${r.label} is not set yet` : `${r.label} was not set`;
  return open ? `${r.label} is on v${r.baseVersion} now` : `${r.label} was on v${r.baseVersion}`;
}

/** /reviews/:reviewId — the change, its discussion and decisions, the gate, and merge. */
export function ReviewPage() {
  const { organization, role } = useCurrentOrg();
  const orgId = organization.id;
  const { reviewId = '' } = useParams();
  const review = useReview(orgId, reviewId);
  const act = useReviewAction(orgId, reviewId);
  const me = useMe();
  const canWrite = useCan('reviews:write');

  if (review.isPending) return <Skeleton h={480} data-testid="loading" />;
  if (review.isError) {
    if (review.error instanceof ApiError && review.error.status === 404)
      return (
        <NotFoundContent
          title="Review not found"
          message="There is no such review in this organization."
          backTo={reviewsPath(orgId)}
          backLabel="Back to reviews"
        />
      );
    return <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />;
  }
  const r = review.data;
  const actions = reviewActions(r, {
    userId: me.data?.user.id ?? null,
    canWrite,
    isAdmin: role === 'admin',
  });
  const run = (action: ReviewAction, done: string) =>
    act.mutate(action, {
      onSuccess: () => notifySuccess(done),
      onError: (error) => notifyFailure('Could not update the review', error),
    });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={reviewsPath(orgId)} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Reviews
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} data-testid="review-title">
              {r.label} → v{r.version}
            </Title>
            <ReviewStatusBadge status={r.status} />
          </Group>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={promptPagePath(orgId, r.promptName, r.version)} size="sm">
              {r.promptName}
            </Anchor>{' '}
            · {whereFrom(r)} · opened by {r.author.email ?? r.author.apiKeyName ?? 'an API key'} on{' '}
            {formatDateTime(r.createdAt)}
          </Text>
        </Stack>
        <Group gap="xs">
          {actions.rerequest.visible && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => run({ kind: 'rerequest' }, 'Asked for another review')}
              loading={act.isPending && act.variables?.kind === 'rerequest'}
              data-testid="review-rerequest"
            >
              {r.status === 'open' ? 'Run the evaluation again' : 'Re-request review'}
            </Button>
          )}
          {actions.close.visible && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconX size={16} />}
              onClick={() => run({ kind: 'close' }, 'Review closed')}
              loading={act.isPending && act.variables?.kind === 'close'}
              data-testid="review-close"
            >
              Close
            </Button>
          )}
          {actions.merge.visible && (
            <Tooltip label={actions.merge.reason} disabled={actions.merge.reason === null} withArrow>
              <Button
                color="teal"
                leftSection={<IconGitMerge size={16} />}
                disabled={actions.merge.reason !== null}
                onClick={() => run({ kind: 'merge' }, `${r.label} now points at v${r.version}`)}
                loading={act.isPending && act.variables?.kind === 'merge'}
                data-testid="review-merge"
              >
                Merge
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Card padding="md">
              <ReviewDiff orgId={orgId} review={r} />
            </Card>
            <Card padding="md">
              <Stack gap="md">
                <Title order={5}>Activity</Title>
                <ReviewActivityList activity={r.activity} />
                <Divider />
                <ReviewCommentBox orgId={orgId} reviewId={r.id} actions={actions} />
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Card padding="md">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    Approvals
                  </Text>
                  <ApprovalsBadge review={r} />
                </Group>
                {r.approvals.map((a, i) => (
                  <Text key={i} size="sm">
                    <Badge size="xs" color="teal" variant="light" mr={6}>
                      approved
                    </Badge>
                    {a.user.email ?? 'a member'}
                  </Text>
                ))}
                {r.approvals.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Nobody approved yet.
                  </Text>
                )}
              </Stack>
            </Card>
            <Card padding="md">
              <Stack gap="xs">
                <Text fw={600} size="sm">
                  Evaluation gate
                </Text>
                {r.gate ? (
                  <ReviewGate orgId={orgId} gate={r.gate} />
                ) : (
                  <Text size="sm" c="dimmed" data-testid="review-no-gate">
                    No evaluation gate: approvals alone decide.
                  </Text>
                )}
              </Stack>
            </Card>
            {r.closedAt && (
              <Text size="xs" c="dimmed">
                {r.status} on {formatDateTime(r.closedAt)}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
