import { Badge, Tooltip } from '@mantine/core';
import { IconCheck, IconFlask, IconX } from '@tabler/icons-react';
import type { GateStatus, Review, ReviewStatus } from '@promptops/contracts';

const STATUS_COLORS: Record<ReviewStatus, string> = {
  open: 'indigo',
  merged: 'teal',
  rejected: 'red',
  closed: 'gray',
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" data-testid="review-status">
      {status}
    </Badge>
  );
}

const GATE: Record<GateStatus, { color: string; label: string }> = {
  pending: { color: 'gray', label: 'evaluation pending' },
  running: { color: 'blue', label: 'evaluation running' },
  passed: { color: 'teal', label: 'evaluation passed' },
  failed: { color: 'red', label: 'evaluation failed' },
};

export function GateBadge({ status }: { status: GateStatus }) {
  const gate = GATE[status];
  return (
    <Badge
      color={gate.color}
      variant="light"
      tt="none"
      leftSection={
        status === 'passed' ? (
          <IconCheck size={12} />
        ) : status === 'failed' ? (
          <IconX size={12} />
        ) : (
          <IconFlask size={12} />
        )
      }
      data-testid="gate-status"
      data-status={status}
    >
      {gate.label}
    </Badge>
  );
}

/** "1 of 2 approvals", green once enough people approved. */
export function ApprovalsBadge({ review }: { review: Pick<Review, 'approvals' | 'requiredApprovals'> }) {
  const count = review.approvals.length;
  const met = count >= review.requiredApprovals;
  return (
    <Tooltip
      label={review.approvals.map((a) => a.user.email ?? 'a member').join(', ') || 'No approvals yet'}
      withArrow
    >
      <Badge color={met ? 'teal' : 'gray'} variant="light" tt="none" data-testid="review-approvals">
        {count} of {review.requiredApprovals} {review.requiredApprovals === 1 ? 'approval' : 'approvals'}
      </Badge>
    </Tooltip>
  );
}
