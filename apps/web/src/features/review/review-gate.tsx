import { Link } from 'react-router-dom';
import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { Review } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { GateBadge } from './review-badges';

function bound(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min} – ${max}`;
  if (min !== null) return `≥ ${min}`;
  if (max !== null) return `≤ ${max}`;
  return '—';
}

/** The evaluation gate: its status, each threshold with the mean it reached, and the evaluation. */
export function ReviewGate({ orgId, gate }: { orgId: string; gate: NonNullable<Review['gate']> }) {
  return (
    <Stack gap="xs" data-testid="review-gate">
      <Group justify="space-between">
        <GateBadge status={gate.status} />
        {gate.evaluationId && (
          <Anchor
            component={Link}
            to={orgPath(orgId, `evaluations/${gate.evaluationId}`)}
            size="sm"
            data-testid="gate-evaluation-link"
          >
            Open the evaluation
          </Anchor>
        )}
      </Group>
      {gate.detail && (
        <Text size="xs" c="dimmed">
          {gate.detail}
        </Text>
      )}
      <Table verticalSpacing={4} fz="sm" data-testid="gate-thresholds">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Score</Table.Th>
            <Table.Th>Needs</Table.Th>
            <Table.Th>Mean</Table.Th>
            <Table.Th w={28} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gate.thresholds.map((t) => (
            <Table.Tr key={t.score}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {t.score}
                </Text>
              </Table.Td>
              <Table.Td>{bound(t.min, t.max)}</Table.Td>
              <Table.Td>{t.actual === null ? '—' : t.actual.toFixed(3)}</Table.Td>
              <Table.Td>
                {t.passed === true && <IconCheck size={14} color="var(--mantine-color-teal-6)" />}
                {t.passed === false && <IconX size={14} color="var(--mantine-color-red-6)" />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
