import { Badge, Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { ProviderHealth } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { BREAKER_META, HEALTH_META, type BreakerState, type Progress as ProgressData } from './ops-status';

/** Healthy / degraded / down / unknown, with the check's error or meaning on hover. */
export function HealthBadge({ health, testId }: { health: ProviderHealth; testId: string }) {
  const meta = HEALTH_META[health.status];
  return (
    <Tooltip label={health.error ?? meta.description} withArrow multiline maw={320}>
      <Badge
        color={meta.color}
        variant="light"
        leftSection={<HealthDotShape color={meta.color} />}
        data-testid={testId}
        data-status={health.status}
      >
        {meta.label}
      </Badge>
    </Tooltip>
  );
}

function HealthDotShape({ color, size = 8 }: { color: string; size?: number }) {
  return (
    <Box
      component="span"
      display="inline-block"
      w={size}
      h={size}
      bg={`${color}.6`}
      style={{ borderRadius: '50%', flexShrink: 0 }}
      aria-hidden
    />
  );
}

/** A small colored dot for lists (the model selector); the label is on hover and for screen readers. */
export function HealthDot({ health, testId }: { health: ProviderHealth; testId?: string }) {
  const meta = HEALTH_META[health.status];
  const label = `${meta.label}${health.checkedAt ? ` · checked ${formatDateTime(health.checkedAt)}` : ''}`;
  return (
    <Tooltip label={health.error ? `${label}: ${health.error}` : label} withArrow multiline maw={320}>
      <Box
        component="span"
        display="inline-flex"
        role="img"
        aria-label={`Health: ${meta.label}`}
        data-testid={testId}
        data-status={health.status}
      >
        <HealthDotShape color={meta.color} />
      </Box>
    </Tooltip>
  );
}

export function BreakerBadge({ state, testId }: { state: BreakerState; testId: string }) {
  const meta = BREAKER_META[state];
  return (
    <Tooltip label={meta.description} withArrow multiline maw={280}>
      <Badge
        color={meta.color}
        variant={state === 'open' ? 'filled' : 'light'}
        data-testid={testId}
        data-state={state}
      >
        {meta.label}
      </Badge>
    </Tooltip>
  );
}

/** One labelled bar: "Requests  12 / 60 · resets in 8 s". */
export function UsageBar({
  title,
  progress,
  testId,
  compact = false,
}: {
  title: string;
  progress: ProgressData;
  testId: string;
  compact?: boolean;
}) {
  return (
    <Stack gap={2} data-testid={testId} data-percent={Math.round(progress.percent)}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {title}
        </Text>
        <Text size="xs" fw={500} data-testid={`${testId}-label`}>
          {progress.label}
        </Text>
      </Group>
      <Progress
        value={progress.percent}
        color={progress.color}
        size={compact ? 'sm' : 'md'}
        aria-label={`${title}: ${progress.label}`}
      />
      {progress.reset && !compact && (
        <Text size="xs" c="dimmed">
          {progress.reset}
        </Text>
      )}
    </Stack>
  );
}
