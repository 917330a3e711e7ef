import { Link } from 'react-router-dom';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconDots, IconGitCompare, IconLock, IconTag, IconX } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { comparePath } from './review-paths';

export function labelColor(label: string): string {
  return label === 'production' ? 'teal' : label === 'staging' ? 'yellow' : 'indigo';
}

/** A version's label badges; protected labels carry a lock. */
export function LabelBadges({
  version,
  protectedLabels,
}: {
  version: Pick<PromptVersion, 'version' | 'labels'>;
  protectedLabels: readonly string[];
}) {
  return (
    <>
      {version.labels.map((label) => (
        <Badge
          key={label}
          size="xs"
          tt="none"
          variant={label === 'latest' ? 'outline' : 'light'}
          color={labelColor(label)}
          leftSection={protectedLabels.includes(label) ? <IconLock size={10} /> : undefined}
          data-testid={`version-label-${version.version}-${label}`}
        >
          {label}
        </Badge>
      ))}
    </>
  );
}

/** Where each explicit label points: label → version. */
function labelTargets(versions: readonly PromptVersion[]): [string, number][] {
  return versions.flatMap((v) =>
    v.labels.filter((l) => l !== 'latest').map((l): [string, number] => [l, v.version]),
  );
}

/**
 * Every version, newest first, with author, time, message and labels; per version: open,
 * compare (with another picked version or a label's version), roll back and move a label.
 */
export function VersionTimeline({
  orgId,
  name,
  versions,
  currentVersion,
  canWrite,
  protectedLabels,
  picked,
  onPick,
  onOpenVersion,
  onRollback,
  onMoveLabel,
}: {
  orgId: string;
  name: string;
  /** Newest first. */
  versions: readonly PromptVersion[];
  currentVersion: number | null;
  canWrite: boolean;
  protectedLabels: readonly string[];
  /** The version picked as one side of a comparison, waiting for the other. */
  picked: number | null;
  onPick: (version: number | null) => void;
  onOpenVersion: (version: number) => void;
  onRollback: (version: PromptVersion) => void;
  onMoveLabel: (version: number) => void;
}) {
  const newest = versions[0]?.version ?? null;
  const targets = labelTargets(versions);
  // The older of the two versions is always the "from" side.
  const compare = (a: number, b: number) => comparePath(orgId, name, Math.min(a, b), Math.max(a, b));

  return (
    <Timeline active={-1} bulletSize={22} lineWidth={2} data-testid="version-timeline">
      {versions.map((version) => {
        const current = version.version === currentVersion;
        const otherLabels = targets.filter(([, v]) => v !== version.version);
        return (
          <Timeline.Item
            key={version.id}
            bullet={
              <Text size="xs" fw={700}>
                {version.version}
              </Text>
            }
            color={current ? 'indigo' : 'gray'}
            data-testid={`version-row-${version.version}`}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={2} miw={0}>
                <Group gap={6}>
                  <Text fw={700} size="sm">
                    v{version.version}
                  </Text>
                  <LabelBadges version={version} protectedLabels={protectedLabels} />
                </Group>
                <Text size="sm">
                  {version.commitMessage || (
                    <Text span c="dimmed">
                      No message
                    </Text>
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {version.createdBy.email ?? version.createdBy.apiKeyName ?? 'unknown'} ·{' '}
                  {formatDateTime(version.createdAt)}
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                {picked !== null && picked !== version.version && (
                  <Button
                    size="compact-xs"
                    variant="filled"
                    color="violet"
                    component={Link}
                    to={compare(picked, version.version)}
                    data-testid={`version-compare-with-${version.version}`}
                  >
                    Compare with v{picked}
                  </Button>
                )}
                {picked === version.version && (
                  <Tooltip label="Cancel the comparison" withArrow>
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="violet"
                      rightSection={<IconX size={12} />}
                      onClick={() => onPick(null)}
                      data-testid={`version-compare-cancel-${version.version}`}
                    >
                      Pick another
                    </Button>
                  </Tooltip>
                )}
                <Button
                  size="compact-xs"
                  variant={current ? 'filled' : 'light'}
                  disabled={current}
                  onClick={() => onOpenVersion(version.version)}
                  data-testid={`version-open-${version.version}`}
                >
                  {current ? 'Open now' : 'Load'}
                </Button>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Actions for v${version.version}`}
                      data-testid={`version-actions-${version.version}`}
                    >
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      leftSection={<IconGitCompare size={14} />}
                      onClick={() => onPick(version.version)}
                      data-testid={`version-compare-pick-${version.version}`}
                    >
                      Compare with…
                    </Menu.Item>
                    {otherLabels.map(([label, target]) => (
                      <Menu.Item
                        key={label}
                        leftSection={<IconGitCompare size={14} />}
                        component={Link}
                        to={compare(target, version.version)}
                        data-testid={`version-compare-label-${version.version}-${label}`}
                      >
                        Compare with {label} (v{target})
                      </Menu.Item>
                    ))}
                    {canWrite && (
                      <>
                        <Menu.Divider />
                        <Menu.Item
                          leftSection={<IconTag size={14} />}
                          onClick={() => onMoveLabel(version.version)}
                          data-testid={`version-move-label-${version.version}`}
                        >
                          Move a label here…
                        </Menu.Item>
                        <Menu.Item
                          leftSection={<IconArrowBackUp size={14} />}
                          disabled={version.version === newest}
                          onClick={() => onRollback(version)}
                          data-testid={`version-rollback-${version.version}`}
                        >
                          Roll back to v{version.version}…
                        </Menu.Item>
                      </>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Group>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
