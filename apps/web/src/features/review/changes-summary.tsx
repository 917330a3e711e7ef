import { useMemo } from 'react';
import { Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { DiffChange } from '@promptops/contracts';
import { summarizeChanges } from './diff-rows';

/** Model, parameters, variables, type and description: before → after, for what changed. */
export function ChangesSummary({ changes }: { changes: readonly DiffChange[] }) {
  const rows = useMemo(() => summarizeChanges(changes), [changes]);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="changes-summary-empty">
        Model, parameters and variables are unchanged.
      </Text>
    );
  return (
    <Table withTableBorder verticalSpacing={6} data-testid="changes-summary">
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field} data-testid={`change-${row.field}`}>
            <Table.Td w={160}>
              <Text size="sm" fw={600}>
                {row.label}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="red.8" td="line-through" style={{ wordBreak: 'break-word' }}>
                {row.before}
              </Text>
            </Table.Td>
            <Table.Td w={28}>
              <IconArrowRight size={14} color="var(--mantine-color-gray-6)" />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="green.8" style={{ wordBreak: 'break-word' }}>
                {row.after}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
