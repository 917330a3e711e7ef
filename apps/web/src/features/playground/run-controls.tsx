import { Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import { IconPlayerPlayFilled, IconPlayerStopFilled } from '@tabler/icons-react';
import { isMacPlatform } from './run-shortcut';

/** Run / Stop with the reason a run is not possible yet. */
export function RunControls({
  running,
  blockedReason,
  onRun,
  onStop,
}: {
  running: boolean;
  blockedReason: string | null;
  onRun: () => void;
  onStop: () => void;
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="xs" c="dimmed" visibleFrom="md" data-testid="run-shortcut-hint">
        <Kbd size="xs">{isMacPlatform() ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> runs
      </Text>
      {running ? (
        <Button
          color="red"
          variant="light"
          leftSection={<IconPlayerStopFilled size={16} />}
          onClick={onStop}
          data-testid="stop-button"
        >
          Stop
        </Button>
      ) : (
        <Tooltip label={blockedReason} disabled={blockedReason === null} withArrow multiline maw={280}>
          <Button
            leftSection={<IconPlayerPlayFilled size={16} />}
            onClick={onRun}
            disabled={blockedReason !== null}
            data-testid="run-button"
          >
            Run
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}
