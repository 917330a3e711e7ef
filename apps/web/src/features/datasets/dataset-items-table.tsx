import { useMemo } from 'react';
import { Badge, Card, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { DatasetItem } from '@promptops/contracts';
import { DangerIconButton } from '../../components/danger-icon-button';
import { notifyFailure } from '../../components/notify';
import { cellChanged, cellText, itemColumns, parseCellEdit, withCell } from './dataset-cells';
import { EditableCell } from './editable-cell';
import type { ItemChange } from './datasets-api';

/**
 * Items with one column per input variable, then `expected`. Editable only on the current
 * version: each saved cell is one PATCH (and one new dataset version).
 */
export function DatasetItemsTable({
  items,
  editable,
  offset = 0,
  onChange,
  onDelete,
}: {
  items: readonly DatasetItem[];
  editable: boolean;
  offset?: number;
  onChange: (change: ItemChange) => Promise<unknown>;
  onDelete: (item: DatasetItem) => void;
}) {
  const columns = useMemo(() => itemColumns(items), [items]);

  async function save(change: ItemChange) {
    try {
      await onChange(change);
    } catch (error) {
      notifyFailure('Could not save the change', error);
      throw error;
    }
  }

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={Math.max(640, 200 * (columns.length + 1))} type="native">
        <Table
          verticalSpacing="xs"
          horizontalSpacing="sm"
          withColumnBorders
          highlightOnHover
          data-testid="dataset-items-table"
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56}>#</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c} data-testid={`items-column-${c}`}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={600} ff="monospace" truncate>
                      {c}
                    </Text>
                  </Group>
                </Table.Th>
              ))}
              <Table.Th>
                <Tooltip label="The reference output evaluators compare against" withArrow>
                  <Badge variant="light" color="teal" tt="none" radius="sm">
                    expected
                  </Badge>
                </Tooltip>
              </Table.Th>
              {editable && <Table.Th w={48} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, index) => (
              <Table.Tr key={item.id} data-testid="dataset-item-row" data-item-id={item.id}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {offset + index + 1}
                  </Text>
                </Table.Td>
                {columns.map((column) => {
                  const value = item.input[column];
                  return (
                    <Table.Td key={column} style={{ verticalAlign: 'top' }}>
                      <EditableCell
                        text={cellText(value)}
                        isNull={value === null || value === undefined}
                        editable={editable}
                        label={`${column} of item ${offset + index + 1}`}
                        testId={`cell-${index}-${column}`}
                        onSave={async (text) => {
                          const next = parseCellEdit(value, text);
                          if (!cellChanged(value, next)) return;
                          await save({ itemId: item.id, input: withCell(item.input, column, next) });
                        }}
                      />
                    </Table.Td>
                  );
                })}
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <EditableCell
                    text={item.expected ?? ''}
                    isNull={item.expected === null}
                    editable={editable}
                    label={`expected of item ${offset + index + 1}`}
                    testId={`cell-${index}-expected`}
                    onSave={async (text) => {
                      const next = text === '' && item.expected === null ? null : text;
                      if (next === item.expected) return;
                      await save({ itemId: item.id, expected: next });
                    }}
                  />
                </Table.Td>
                {editable && (
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <DangerIconButton
                      label="Delete item"
                      ariaLabel={`Delete item ${offset + index + 1}`}
                      testId={`delete-item-${index}`}
                      onClick={() => onDelete(item)}
                    >
                      <IconTrash size={16} />
                    </DangerIconButton>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
