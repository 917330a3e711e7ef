import type { ReactNode } from 'react';
import { Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconActivityHeartbeat, IconSettings, IconTrash } from '@tabler/icons-react';
import type { HealthCheck } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PROVIDER_TYPE_LABELS } from './model-catalog';
import {
  breakerOf,
  describeBreaker,
  describeHealth,
  HEALTH_META,
  healthOf,
  providerLimitProgress,
  recentChecks,
} from './ops-status';
import { halfOpenAfterMs, summarizeSettings } from './provider-settings-form';
import { useHealthCheck, useHealthHistory, type ProviderView } from './providers-api';
import { BreakerBadge, HealthBadge, HealthDot, UsageBar } from './status-badges';
import { DangerIconButton } from '../../components/danger-icon-button';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** The last day of checks as a row of dots, oldest to newest; nothing when there is no history. */
function HealthHistoryStrip({ provider, items }: { provider: ProviderView; items: HealthCheck[] }) {
  const checks = recentChecks(items);
  if (checks.length === 0) return null;
  return (
    <Group gap={3} data-testid={`provider-health-history-${provider.name}`} aria-label="Recent checks">
      <Text size="xs" c="dimmed" mr={4}>
        Last checks
      </Text>
      {checks.map((c) => (
        <HealthDot key={c.id} health={{ status: c.status, checkedAt: c.checkedAt, latencyMs: c.latencyMs }} />
      ))}
    </Group>
  );
}

function HealthSection({
  orgId,
  provider,
  canCheck,
  now,
}: {
  orgId: string;
  provider: ProviderView;
  canCheck: boolean;
  now: number;
}) {
  const check = useHealthCheck(orgId);
  const history = useHealthHistory(orgId, provider.id);
  // The provider's own `health` when the server sends it; else the latest of its history.
  const health = provider.health ? healthOf(provider) : healthOf(history.data);
  const runCheck = () =>
    check.mutate(provider.id, {
      onSuccess: ({ health: result }) =>
        notifySuccess(
          `${provider.name}: ${HEALTH_META[healthOf({ health: result }).status].label.toLowerCase()}`,
        ),
      onError: (error) => notifyFailure(`Could not check ${provider.name}`, error),
    });
  return (
    <Section title="Health">
      <Group gap="xs">
        <HealthBadge health={health} testId={`provider-health-${provider.name}`} />
        {canCheck && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconActivityHeartbeat size={14} />}
            loading={check.isPending}
            onClick={runCheck}
            data-testid={`provider-check-now-${provider.name}`}
          >
            Check now
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" data-testid={`provider-health-detail-${provider.name}`}>
        {describeHealth(health, now)}
      </Text>
      {health.error && health.status !== 'healthy' && (
        <Text size="xs" c="red.7" lineClamp={2} title={health.error}>
          {health.error}
        </Text>
      )}
      <HealthHistoryStrip provider={provider} items={history.data?.items ?? []} />
    </Section>
  );
}

function BreakerSection({ provider, now }: { provider: ProviderView; now: number }) {
  const breaker = breakerOf(provider);
  return (
    <Section title="Circuit breaker">
      <Group gap="xs">
        <BreakerBadge state={breaker.state} testId={`provider-breaker-${provider.name}`} />
      </Group>
      <Tooltip
        label={breaker.openedAt ? `Opened ${formatDateTime(breaker.openedAt, true)}` : ''}
        disabled={breaker.openedAt === null}
        withArrow
      >
        <Text size="xs" c="dimmed" data-testid={`provider-breaker-detail-${provider.name}`}>
          {describeBreaker(breaker, halfOpenAfterMs(provider.settings), now)}
        </Text>
      </Tooltip>
    </Section>
  );
}

function RateLimitsSection({ provider, now }: { provider: ProviderView; now: number }) {
  const requests = providerLimitProgress(provider.rateLimits?.requests, now);
  const tokens = providerLimitProgress(provider.rateLimits?.tokens, now);
  return (
    <Section title="Provider rate limits">
      {requests === null && tokens === null ? (
        <Text size="xs" c="dimmed" data-testid={`provider-ratelimits-none-${provider.name}`}>
          No limits reported yet; they appear after a call whose response carries rate-limit headers.
        </Text>
      ) : (
        <Stack gap={6}>
          {requests && (
            <UsageBar
              title="Requests"
              progress={requests}
              testId={`provider-ratelimit-requests-${provider.name}`}
            />
          )}
          {tokens && (
            <UsageBar
              title="Tokens"
              progress={tokens}
              testId={`provider-ratelimit-tokens-${provider.name}`}
            />
          )}
        </Stack>
      )}
    </Section>
  );
}

/** One provider: identity and actions on top, then its health, breaker and rate limits. */
export function ProviderCard({
  orgId,
  provider,
  canWrite,
  now,
  onSettings,
  onDelete,
}: {
  orgId: string;
  provider: ProviderView;
  canWrite: boolean;
  now: number;
  onSettings: () => void;
  onDelete: () => void;
}) {
  const p = provider;
  return (
    <Card padding="md" data-testid={`provider-row-${p.name}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Text fw={600}>{p.name}</Text>
            <Badge variant="light" color={p.type === 'mock' ? 'grape' : 'indigo'} tt="none">
              {PROVIDER_TYPE_LABELS[p.type]}
            </Badge>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Text size="xs" c="dimmed" ff="monospace" truncate maw={320}>
              {p.baseUrl ?? (p.type === 'mock' ? 'built in' : 'default endpoint')}
            </Text>
            <Text size="xs" c="dimmed">
              Key{' '}
              <Text
                span
                size="xs"
                ff="monospace"
                c={p.keyHint ? 'dark' : 'dimmed'}
                data-testid={`provider-key-${p.name}`}
              >
                {p.keyHint ?? 'none'}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              Added {formatDateTime(p.createdAt)}
            </Text>
          </Group>
        </Stack>
        {canWrite && (
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconSettings size={14} />}
              onClick={onSettings}
              data-testid={`provider-settings-${p.name}`}
            >
              Settings
            </Button>
            <DangerIconButton
              label="Remove provider"
              ariaLabel={`Remove ${p.name}`}
              testId={`provider-delete-${p.name}`}
              onClick={onDelete}
            >
              <IconTrash size={16} />
            </DangerIconButton>
          </Group>
        )}
      </Group>
      <Box mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <HealthSection orgId={orgId} provider={p} canCheck={canWrite} now={now} />
          <BreakerSection provider={p} now={now} />
          <RateLimitsSection provider={p} now={now} />
        </SimpleGrid>
      </Box>
      <Text size="xs" c="dimmed" mt="sm" data-testid={`provider-settings-summary-${p.name}`}>
        {summarizeSettings(p.settings, p.headers)}
      </Text>
    </Card>
  );
}
