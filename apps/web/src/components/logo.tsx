import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconTerminal2 } from '@tabler/icons-react';

export function Logo({ size = 'lg' }: { size?: 'lg' | 'xl' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={size === 'xl' ? 40 : 32}
        radius="md"
        variant="gradient"
        gradient={{ from: 'indigo', to: 'violet', deg: 135 }}
      >
        <IconTerminal2 size={size === 'xl' ? 24 : 20} />
      </ThemeIcon>
      <Text fw={700} size={size} visibleFrom={size === 'xl' ? undefined : 'xs'}>
        PromptOps
      </Text>
    </Group>
  );
}
