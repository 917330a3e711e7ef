import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Code, Group, Popover, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconStack2 } from '@tabler/icons-react';
import { promptPagePath } from '../playground/prompt-paths';
import { useUsedBy } from './sharing-api';
import { groupUsages } from './sharing-format';

/** "Used by N" on the prompt page: the prompts that include this one, with links to them. */
export function UsedByButton({ orgId, name }: { orgId: string; name: string }) {
  const usedBy = useUsedBy(orgId, name);
  const groups = groupUsages(usedBy.data?.items ?? []);
  if (groups.length === 0) return null;
  return (
    <Popover width={360} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button variant="default" leftSection={<IconStack2 size={16} />} data-testid="used-by-button">
          Used by {groups.length}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" data-testid="used-by-list">
          <Text size="xs" c="dimmed">
            Prompts whose newest or labelled versions include this one
          </Text>
          {groups.map((group) => (
            <Stack key={group.name} gap={4}>
              <Anchor component={Link} to={promptPagePath(orgId, group.name)} fw={600} size="sm">
                {group.name}
              </Anchor>
              {group.usages.map((u) => (
                <Group key={`${u.version}-${u.reference}`} gap={6} wrap="nowrap">
                  <Anchor component={Link} to={promptPagePath(orgId, group.name, u.version)} size="xs">
                    v{u.version}
                  </Anchor>
                  {u.labels.map((label) => (
                    <Badge key={label} size="xs" variant="light" color="teal" tt="none">
                      {label}
                    </Badge>
                  ))}
                  <Code fz="xs">{u.reference}</Code>
                </Group>
              ))}
            </Stack>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Shown before saving a prompt that others include: their runs may pick up the new version. */
export function IncludedByWarning({ orgId, name }: { orgId: string; name: string }) {
  const usedBy = useUsedBy(orgId, name);
  const groups = groupUsages(usedBy.data?.items ?? []);
  if (groups.length === 0) return null;
  const names = groups.map((g) => g.name);
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      data-testid="included-by-warning"
    >
      <Text size="sm">
        {names.length === 1 ? '1 prompt includes' : `${names.length} prompts include`} this one ({shown}).
        Those that include it without a label or version will use the new version from their next run.
      </Text>
    </Alert>
  );
}
