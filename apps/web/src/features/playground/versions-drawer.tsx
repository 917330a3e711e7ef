import { useState } from 'react';
import { Badge, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { usePromptVersions } from '../prompts/prompts-api';
import { MoveLabelForm } from './move-label-form';

function VersionRow({
  version,
  current,
  onOpen,
}: {
  version: PromptVersion;
  current: boolean;
  onOpen: () => void;
}) {
  return (
    <Stack
      gap={4}
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid var(--mantine-color-${current ? 'indigo-4' : 'gray-3'})`,
      }}
      data-testid={`version-row-${version.version}`}
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6}>
          <Text fw={700} size="sm">
            v{version.version}
          </Text>
          {version.labels.map((label) => (
            <Badge
              key={label}
              size="xs"
              tt="none"
              variant={label === 'latest' ? 'outline' : 'light'}
              color={label === 'production' ? 'teal' : label === 'staging' ? 'yellow' : 'indigo'}
              data-testid={`version-label-${version.version}-${label}`}
            >
              {label}
            </Badge>
          ))}
        </Group>
        <Button
          size="compact-xs"
          variant={current ? 'filled' : 'light'}
          disabled={current}
          onClick={onOpen}
          data-testid={`version-open-${version.version}`}
        >
          {current ? 'Open now' : 'Load'}
        </Button>
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
  );
}

/** Every version of the prompt with its labels; load one into the editor, or move a label. */
export function VersionsDrawer({
  orgId,
  name,
  currentVersion,
  canWrite,
  opened,
  onClose,
  onOpenVersion,
}: {
  orgId: string;
  name: string;
  currentVersion: number | null;
  canWrite: boolean;
  opened: boolean;
  onClose: () => void;
  onOpenVersion: (version: number) => void;
}) {
  const versions = usePromptVersions(orgId, opened ? name : null);
  const [moving, setMoving] = useState(false);
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={<Text fw={600}>Versions of {name}</Text>}
      data-testid="versions-drawer"
    >
      <Stack gap="sm">
        {canWrite && items.length > 0 && !moving && (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconTag size={14} />}
              onClick={() => setMoving(true)}
              data-testid="label-move-open"
            >
              Move a label
            </Button>
          </Group>
        )}
        {moving && (
          <MoveLabelForm
            orgId={orgId}
            name={name}
            versions={items.map((v) => v.version)}
            onDone={() => setMoving(false)}
          />
        )}
        {versions.isPending && <TableSkeleton rows={3} />}
        {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {items.map((version) => (
          <VersionRow
            key={version.id}
            version={version}
            current={version.version === currentVersion}
            onOpen={() => onOpenVersion(version.version)}
          />
        ))}
      </Stack>
    </Drawer>
  );
}
