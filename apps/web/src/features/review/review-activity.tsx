import { Avatar, Group, Paper, Stack, Text, Timeline } from '@mantine/core';
import {
  IconCheck,
  IconGitMerge,
  IconGitPullRequest,
  IconMessage,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import type { ReviewActivity } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { initials } from '../../components/initials';

const KIND: Record<ReviewActivity['kind'], { verb: string; color: string; icon: typeof IconCheck }> = {
  opened: { verb: 'opened the review', color: 'indigo', icon: IconGitPullRequest },
  approved: { verb: 'approved', color: 'teal', icon: IconCheck },
  rejected: { verb: 'rejected', color: 'red', icon: IconX },
  commented: { verb: 'commented', color: 'gray', icon: IconMessage },
  rerequested: { verb: 'asked for another review', color: 'yellow', icon: IconRefresh },
  merged: { verb: 'merged: the label moved', color: 'teal', icon: IconGitMerge },
  closed: { verb: 'closed the review', color: 'gray', icon: IconX },
};

/** The review's history, oldest first: decisions with their comments, and plain comments. */
export function ReviewActivityList({ activity }: { activity: readonly ReviewActivity[] }) {
  return (
    <Timeline active={activity.length} bulletSize={24} lineWidth={2} data-testid="review-activity">
      {activity.map((item) => {
        const kind = KIND[item.kind];
        const Icon = kind.icon;
        const who = item.author.email ?? 'an API key';
        return (
          <Timeline.Item
            key={item.id}
            color={kind.color}
            bullet={<Icon size={13} />}
            data-testid={`activity-${item.kind}`}
          >
            <Stack gap={4}>
              <Group gap={6}>
                <Avatar size={20} radius="xl" color="indigo">
                  {initials(who)}
                </Avatar>
                <Text size="sm">
                  <b>{who}</b> {kind.verb}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(item.createdAt)}
                </Text>
              </Group>
              {item.body && (
                <Paper withBorder p="xs" radius="sm" bg="gray.0">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {item.body}
                  </Text>
                </Paper>
              )}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
