import { ActionIcon, Badge, Button, Group, Select, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowsDiff,
  IconDeviceFloppy,
  IconDownload,
  IconHierarchy3,
} from '@tabler/icons-react';
import type { WorkflowVersion } from '@promptops/contracts';
import { LabelPopover } from './label-popover';
import type { WorkflowVersionSummary } from './workflows-api';

// `latest` is said by the option itself; the explicit labels follow it.
function labelText(labels: readonly string[]): string {
  const explicit = labels.filter((l) => l !== 'latest');
  return explicit.length > 0 ? ` · ${explicit.join(', ')}` : '';
}

/** The editor's header: name, version picker, labels, undo/redo, layout, export and save. */
export function EditorToolbar({
  orgId,
  name,
  version,
  latestVersion,
  versions,
  onPickVersion,
  onCompare,
  dirty,
  canWrite,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onLayout,
  layingOut,
  onExport,
  exporting,
  onSave,
  validity,
}: {
  orgId: string;
  name: string;
  version: WorkflowVersion;
  latestVersion: number;
  versions: readonly WorkflowVersionSummary[];
  onPickVersion: (version: number) => void;
  onCompare: () => void;
  dirty: boolean;
  canWrite: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  layingOut: boolean;
  onExport: () => void;
  exporting: boolean;
  onSave: () => void;
  validity: { valid: boolean | null; count: number; pending: boolean };
}) {
  const versionOptions = (versions.length > 0 ? versions : [version]).map((v) => ({
    value: String(v.version),
    label: `v${v.version}${v.version === latestVersion ? ' · latest' : ''}${labelText(v.labels)}`,
  }));

  return (
    <Group justify="space-between" mb="sm" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1, overflow: 'hidden' }}>
        <Title
          order={3}
          style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          data-testid="wf-title"
        >
          {name}
        </Title>
        <Select
          size="xs"
          w={170}
          data={versionOptions}
          value={String(version.version)}
          onChange={(v) => v && onPickVersion(Number(v))}
          allowDeselect={false}
          aria-label="Version"
          data-testid="wf-version-select"
        />
        {latestVersion > 1 && (
          <Tooltip label="Compare versions">
            <ActionIcon
              variant="default"
              onClick={onCompare}
              aria-label="Compare versions"
              data-testid="wf-version-compare"
            >
              <IconArrowsDiff size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        {version.labels
          .filter((l) => l !== 'latest')
          .map((l) => (
            <Badge key={l} variant="light" data-testid={`wf-label-${l}`}>
              {l}
            </Badge>
          ))}
        {dirty && (
          <Badge color="yellow" variant="light" style={{ flexShrink: 0 }} data-testid="wf-unsaved">
            unsaved
          </Badge>
        )}
        <Text
          size="xs"
          c={validity.valid === false && !validity.pending ? 'red' : 'dimmed'}
          style={{ whiteSpace: 'nowrap' }}
          data-testid="wf-validity"
        >
          {validity.pending
            ? 'checking…'
            : validity.valid === null
              ? ''
              : validity.valid
                ? 'valid'
                : `${validity.count} problem${validity.count === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Tooltip label="Undo (Ctrl+Z)">
          <ActionIcon
            variant="default"
            onClick={onUndo}
            disabled={!canUndo}
            aria-label="Undo"
            data-testid="wf-undo"
          >
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Shift+Z)">
          <ActionIcon
            variant="default"
            onClick={onRedo}
            disabled={!canRedo}
            aria-label="Redo"
            data-testid="wf-redo"
          >
            <IconArrowForwardUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconHierarchy3 size={14} />}
          onClick={onLayout}
          loading={layingOut}
          disabled={!canWrite}
          data-testid="wf-layout"
        >
          Auto-layout
        </Button>
        <Tooltip label="Downloads the LangGraph.js project of this version as one JSON file of files">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={onExport}
            loading={exporting}
            data-testid="wf-export"
          >
            Export
          </Button>
        </Tooltip>
        {canWrite && <LabelPopover orgId={orgId} name={name} version={version.version} />}
        {canWrite && (
          <Button
            size="xs"
            leftSection={<IconDeviceFloppy size={14} />}
            onClick={onSave}
            disabled={!dirty}
            data-testid="wf-save"
          >
            Save version
          </Button>
        )}
      </Group>
    </Group>
  );
}
