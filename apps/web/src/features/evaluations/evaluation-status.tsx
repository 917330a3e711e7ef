import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { EvaluationStatus } from '@promptops/contracts';
import { progressPercent } from './metrics-view';

export const STATUS_COLOR: Record<EvaluationStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'orange',
};

export function EvaluationStatusBadge({ status }: { status: EvaluationStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} data-testid="evaluation-status" data-status={status}>
      {status}
    </Badge>
  );
}

/** done of total as a bar, with the failed share in red. */
export function ProgressBar({
  progress,
  status,
  size = 'md',
}: {
  progress: { done: number; failed: number; total: number };
  status: EvaluationStatus;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  const total = Math.max(progress.total, 1);
  const failedShare = (Math.min(progress.failed, progress.done) / total) * 100;
  const okShare = Math.max(0, progressPercent(progress) - failedShare);
  return (
    <Tooltip
      label={`${progress.done} of ${progress.total} done${progress.failed > 0 ? `, ${progress.failed} failed` : ''}`}
      withArrow
    >
      <Progress.Root size={size} data-testid="evaluation-progress">
        <Progress.Section value={okShare} color={STATUS_COLOR[status]} animated={status === 'running'} />
        <Progress.Section value={failedShare} color="red" />
      </Progress.Root>
    </Tooltip>
  );
}

export function ProgressText({ progress }: { progress: { done: number; failed: number; total: number } }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs" ff="monospace">
        {progress.done.toLocaleString()}/{progress.total.toLocaleString()}
      </Text>
      {progress.failed > 0 && (
        <Text size="xs" c="red" ff="monospace">
          · {progress.failed.toLocaleString()} failed
        </Text>
      )}
    </Group>
  );
}
