import { Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconCoin, IconHash } from '@tabler/icons-react';
import { Usd } from '../../components/usd';
import { useTokenCount, type TokenizeInput } from './executions-api';
import { formatTokens } from './run-format';

/** Live input token count and pre-run cost estimate for the rendered prompt. */
export function TokenEstimate({
  orgId,
  modelId,
  input,
}: {
  orgId: string;
  modelId: string | null;
  input: TokenizeInput;
}) {
  const count = useTokenCount(orgId, modelId, input);
  if (modelId === null) return null;
  if (count.isError && !count.data) {
    return (
      <Text size="xs" c="dimmed" data-testid="token-count" data-state="error">
        Token count unavailable
      </Text>
    );
  }
  if (!count.data) return <Loader size={12} />;
  const { tokens, exact, method, estimatedInputCostUsd } = count.data;
  return (
    <Tooltip
      label={exact ? `Counted with ${method}` : `Estimate (${method}); the run reports the exact count`}
      withArrow
    >
      <Group gap="sm" wrap="nowrap" style={{ opacity: count.isFetching ? 0.6 : 1 }}>
        <Group gap={4} wrap="nowrap">
          <IconHash size={14} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed" data-testid="token-count" data-exact={String(exact)}>
            {formatTokens(tokens, exact)} in{exact ? '' : ' (estimate)'}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <IconCoin size={14} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed" data-testid="cost-estimate">
            <Usd value={estimatedInputCostUsd} prefix="≈" /> input
          </Text>
        </Group>
      </Group>
    </Tooltip>
  );
}
