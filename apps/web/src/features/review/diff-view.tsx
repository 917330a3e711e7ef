import { useState } from 'react';
import { Badge, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { DiffChange, DiffHunk } from '@promptops/contracts';
import { ChangesSummary } from './changes-summary';
import { diffStats } from './diff-rows';
import { SideBySideDiff } from './side-by-side-diff';
import { UnifiedDiff } from './unified-diff';

export type DiffLayout = 'split' | 'unified';

/** A diff of two prompt versions (or a version and a draft): what changed, then the bodies. */
export function DiffView({
  changes,
  hunks,
  original,
  modified,
  fromLabel,
  toLabel,
  initialLayout = 'split',
}: {
  changes: readonly DiffChange[];
  hunks: readonly DiffHunk[];
  /** The two bodies as text, for the side-by-side editor. */
  original: string;
  modified: string;
  fromLabel: string;
  toLabel: string;
  initialLayout?: DiffLayout;
}) {
  const [layout, setLayout] = useState<DiffLayout>(initialLayout);
  const stats = diffStats(hunks);
  return (
    <Stack gap="md" data-testid="diff-view">
      <ChangesSummary changes={changes} />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {fromLabel} → {toLabel}
          </Text>
          <Badge size="sm" color="green" variant="light" tt="none" data-testid="diff-added">
            +{stats.added}
          </Badge>
          <Badge size="sm" color="red" variant="light" tt="none" data-testid="diff-removed">
            −{stats.removed}
          </Badge>
        </Group>
        <SegmentedControl
          size="xs"
          value={layout}
          onChange={(value) => setLayout(value as DiffLayout)}
          data={[
            { value: 'split', label: 'Side by side' },
            { value: 'unified', label: 'Unified' },
          ]}
          data-testid="diff-layout"
        />
      </Group>
      {layout === 'split' ? (
        <SideBySideDiff original={original} modified={modified} />
      ) : (
        <UnifiedDiff hunks={hunks} />
      )}
    </Stack>
  );
}
