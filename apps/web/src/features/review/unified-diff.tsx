import { useMemo } from 'react';
import { Box, Text } from '@mantine/core';
import type { DiffHunk, DiffLine, DiffSegment } from '@promptops/contracts';
import { unifiedRows } from './diff-rows';
import classes from './diff.module.css';

const SIGN: Record<DiffLine['op'], string> = { equal: ' ', add: '+', remove: '-' };

function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.op === 'equal') return <span>{segment.text}</span>;
  return <span className={segment.op === 'add' ? classes.wordAdd : classes.wordRemove}>{segment.text}</span>;
}

/** The line diff as one column (`-`/`+` lines with both line numbers), changed words highlighted. */
export function UnifiedDiff({ hunks }: { hunks: readonly DiffHunk[] }) {
  const rows = useMemo(() => unifiedRows(hunks), [hunks]);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="unified-diff-empty">
        The two bodies are the same.
      </Text>
    );
  return (
    <Box className={classes.unified} data-testid="unified-diff" role="table" aria-label="Unified diff">
      {rows.map((row) =>
        row.kind === 'hunk' ? (
          <div key={row.key} className={classes.hunk} role="row">
            {row.header}
          </div>
        ) : (
          <div key={row.key} className={`${classes.line} ${classes[row.op]}`} role="row" data-op={row.op}>
            <span className={classes.number}>{row.oldLine ?? ''}</span>
            <span className={classes.number}>{row.newLine ?? ''}</span>
            <span className={classes.sign}>{SIGN[row.op]}</span>
            <span className={classes.text}>
              {row.segments.map((segment, i) => (
                <Segment key={i} segment={segment} />
              ))}
            </span>
          </div>
        ),
      )}
    </Box>
  );
}
