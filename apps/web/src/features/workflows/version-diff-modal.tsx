import { useState } from 'react';
import { Badge, Group, Modal, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/query-state';
import { defaultComparePair, diffRows, type DiffRow, type DiffRowKind } from './version-diff';
import { useWorkflowDiff, type WorkflowVersionSummary } from './workflows-api';

const KIND_COLOR: Record<DiffRowKind, string> = { added: 'green', removed: 'red', changed: 'yellow' };
const LABEL_COLOR: Record<DiffRowKind, string | undefined> = {
  added: 'green',
  removed: 'red',
  changed: undefined,
};

function DiffRowItem({ row }: { row: DiffRow }) {
  return (
    <Stack gap={2} data-testid={`wf-diff-${row.kind}`}>
      <Group gap="xs" wrap="nowrap">
        <Badge size="xs" variant="light" color={KIND_COLOR[row.kind]} style={{ flexShrink: 0 }}>
          {row.kind}
        </Badge>
        <Text size="sm" c={LABEL_COLOR[row.kind]} ff="monospace">
          {row.label}
        </Text>
      </Group>
      {row.fields.map((f) => (
        <Text key={f.field} size="xs" pl="md" style={{ wordBreak: 'break-word' }}>
          <Text span fw={600} size="xs">
            {f.field}:{' '}
          </Text>
          <Text span c="red" size="xs" td="line-through" ff="monospace">
            {f.before}
          </Text>
          {' → '}
          <Text span c="green" size="xs" ff="monospace">
            {f.after}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function DiffSection({ title, rows }: { title: string; rows: DiffRow[] }) {
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={6}>{title}</Title>
      {rows.map((row) => (
        <DiffRowItem key={row.key} row={row} />
      ))}
    </Stack>
  );
}

interface CompareProps {
  orgId: string;
  name: string;
  versions: readonly WorkflowVersionSummary[];
  current: number;
}

// Mounted on each opening (the modal drops its content when closed), so the pickers start again
// from "previous → shown".
function VersionDiffBody({ orgId, name, versions, current }: CompareProps) {
  const numbers = versions.map((v) => v.version);
  const [pair, setPair] = useState<{ from: number | null; to: number | null }>(
    () => defaultComparePair(numbers, current) ?? { from: null, to: null },
  );
  const diff = useWorkflowDiff(orgId, name, pair.from, pair.to);
  const options = numbers.map((v) => ({ value: String(v), label: `v${v}` }));
  const view = diff.data ? diffRows(diff.data.diff) : null;

  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <Select
          label="From"
          size="xs"
          w={110}
          data={options}
          value={pair.from !== null ? String(pair.from) : null}
          onChange={(v) => v && setPair((p) => ({ ...p, from: Number(v) }))}
          allowDeselect={false}
          data-testid="wf-diff-from"
        />
        <Select
          label="To"
          size="xs"
          w={110}
          data={options}
          value={pair.to !== null ? String(pair.to) : null}
          onChange={(v) => v && setPair((p) => ({ ...p, to: Number(v) }))}
          allowDeselect={false}
          data-testid="wf-diff-to"
        />
      </Group>
      {(pair.from === null || pair.to === null) && (
        <Text size="sm" c="dimmed">
          Pick two versions to compare.
        </Text>
      )}
      {diff.isLoading && <Skeleton h={80} />}
      {diff.isError && (
        <ErrorAlert error={diff.error} title="Could not compare" onRetry={() => void diff.refetch()} />
      )}
      {view && (
        <Stack gap="md" data-testid="wf-diff-result">
          {view.empty && (
            <Text size="sm" c="dimmed">
              The two versions have the same graph.
            </Text>
          )}
          <DiffSection title="Nodes" rows={view.nodes} />
          {view.moved > 0 && (
            <Text size="sm" c="dimmed" data-testid="wf-diff-moved">
              {view.moved} node{view.moved === 1 ? '' : 's'} moved on the canvas (layout only)
            </Text>
          )}
          <DiffSection title="Edges" rows={view.edges} />
        </Stack>
      )}
    </Stack>
  );
}

/** Two version pickers and what changed in the graph between them. */
export function VersionDiffModal({
  opened,
  onClose,
  ...props
}: CompareProps & { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Compare versions" size="lg">
      <VersionDiffBody {...props} />
    </Modal>
  );
}
