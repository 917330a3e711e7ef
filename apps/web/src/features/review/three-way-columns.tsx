import { useMemo } from 'react';
import { Badge, Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { baseLines, sideLines, type MarkedLine } from './three-way-merge';
import classes from './diff.module.css';

function Column({
  title,
  caption,
  lines,
  testId,
}: {
  title: string;
  caption: string;
  lines: readonly MarkedLine[];
  testId: string;
}) {
  const changed = lines.filter((l) => l.changed).length;
  return (
    <Stack gap={4} miw={0}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Badge size="xs" variant="light" color={changed > 0 ? 'yellow' : 'gray'} tt="none">
          {changed} changed {changed === 1 ? 'line' : 'lines'}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {caption}
      </Text>
      <Box className={classes.column} data-testid={testId}>
        {lines.map((line, i) => (
          <div key={i} className={`${classes.columnLine} ${line.changed ? classes.columnChanged : ''}`}>
            {line.text}
          </div>
        ))}
      </Box>
    </Stack>
  );
}

/** Base | theirs | yours, each side's changes against the base highlighted (in the base: what they replaced). */
export function ThreeWayColumns({
  base,
  theirs,
  yours,
  captions,
}: {
  base: string;
  theirs: string;
  yours: string;
  captions: { base: string; theirs: string; yours: string };
}) {
  const columns = useMemo(
    () => ({
      base: baseLines(base, theirs, yours),
      theirs: sideLines(base, theirs),
      yours: sideLines(base, yours),
    }),
    [base, theirs, yours],
  );
  return (
    <SimpleGrid cols={3} spacing="sm" data-testid="three-way">
      <Column title="Base" caption={captions.base} lines={columns.base} testId="three-way-base" />
      <Column title="Theirs" caption={captions.theirs} lines={columns.theirs} testId="three-way-theirs" />
      <Column title="Yours" caption={captions.yours} lines={columns.yours} testId="three-way-yours" />
    </SimpleGrid>
  );
}
