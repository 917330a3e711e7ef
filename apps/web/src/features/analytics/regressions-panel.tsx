import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconTrendingDown } from '@tabler/icons-react';
import type { Regression } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { promptPagePath } from '../playground/prompt-paths';
import { formatProbability } from '../experiments/results-view';
import { formatRegressionValue, REGRESSION_METRIC_LABELS } from './kpi';

/** Prompt versions that made a figure worse than the version before: shown first when any exist. */
export function RegressionsPanel({
  orgId,
  regressions,
}: {
  orgId: string;
  regressions: readonly Regression[];
}) {
  if (regressions.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconTrendingDown size={20} />}
      title={`${regressions.length} regression${regressions.length === 1 ? '' : 's'} detected`}
      data-testid="regressions-panel"
    >
      <Stack gap="xs">
        <Text size="sm">
          A new prompt version is likely doing worse than the one before it. Compare the versions, then roll
          back or fix forward.
        </Text>
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing={6} horizontalSpacing="sm" withRowBorders={false} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Prompt</Table.Th>
                <Table.Th>Metric</Table.Th>
                <Table.Th ta="right">Before → now</Table.Th>
                <Table.Th ta="right">P(worse)</Table.Th>
                <Table.Th>Detail</Table.Th>
                <Table.Th>Detected</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {regressions.map((r) => (
                <Table.Tr key={r.id} data-testid="regression-row">
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`${promptPagePath(orgId, r.promptName)}?version=${r.version}`}
                        size="sm"
                        fw={600}
                      >
                        {r.promptName}
                      </Anchor>
                      <Badge size="sm" variant="light" color="orange" tt="none" style={{ flexShrink: 0 }}>
                        v{r.previousVersion} → v{r.version}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{REGRESSION_METRIC_LABELS[r.metric]}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRegressionValue(r.metric, r.previous)} →{' '}
                    <Text span fw={700} inherit>
                      {formatRegressionValue(r.metric, r.current)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatProbability(r.probability)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {r.detail}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(r.detectedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}
