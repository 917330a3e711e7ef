import { Link } from 'react-router-dom';
import { Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowsSplit,
  IconDeviceFloppy,
  IconFileImport,
  IconGitCompare,
  IconHistory,
  IconVersions,
} from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { newExperimentPath } from '../experiments/experiment-paths';
import { useCan } from '../orgs/current-org';
import { ExportMenu } from '../prompts/transfer-controls';
import { ShareButton } from '../prompts/share-dialog';
import { UsedByButton } from '../prompts/used-by';

/** Title (prompt, version, labels, unsaved state) and the prompt-level actions. */
export function PlaygroundToolbar({
  orgId,
  version,
  suggestedName,
  dirty,
  canWrite,
  onHistory,
  onVersions,
  onCompare,
  onSave,
  onImport,
}: {
  orgId: string;
  version: PromptVersion | null;
  suggestedName: string;
  dirty: boolean;
  canWrite: boolean;
  onHistory: () => void;
  onVersions: () => void;
  onCompare: () => void;
  onSave: () => void;
  onImport: () => void;
}) {
  const canExperiment = useCan('experiments:write');
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="sm">
      <Stack gap={4}>
        <Group gap="xs" align="center">
          <Title order={2} data-testid="playground-title">
            {version ? version.name : suggestedName || 'Playground'}
          </Title>
          {version && (
            <Badge variant="filled" size="lg" radius="sm" tt="none" data-testid="playground-version">
              v{version.version}
            </Badge>
          )}
          {version?.labels
            .filter((l) => l !== 'latest')
            .map((label) => (
              <Badge key={label} variant="light" color="teal" size="sm" tt="none">
                {label}
              </Badge>
            ))}
          {version && dirty && (
            <Badge variant="dot" color="orange" size="sm" data-testid="playground-dirty">
              unsaved changes
            </Badge>
          )}
        </Group>
        <Text c="dimmed" size="sm">
          {version
            ? (version.description ?? 'Edit, run and compare; every save is a new immutable version.')
            : 'Write a prompt, pick a model and run it. Save it to keep versions and history.'}
        </Text>
      </Stack>
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconHistory size={16} />}
          onClick={onHistory}
          data-testid="history-button"
        >
          History
        </Button>
        {version && (
          <Button
            variant="default"
            leftSection={<IconVersions size={16} />}
            onClick={onVersions}
            data-testid="versions-button"
          >
            Versions
          </Button>
        )}
        {version && (
          <Tooltip label="The editor against production, another label or any version" withArrow>
            <Button
              variant="default"
              leftSection={<IconGitCompare size={16} />}
              onClick={onCompare}
              data-testid="compare-button"
            >
              Compare
            </Button>
          </Tooltip>
        )}
        {version && <UsedByButton orgId={orgId} name={version.name} />}
        {version && <ExportMenu orgId={orgId} name={version.name} />}
        {version && <ShareButton orgId={orgId} version={version} />}
        {version && canExperiment && (
          <Tooltip label="A/B test versions of this prompt on live traffic" withArrow>
            <Button
              variant="default"
              component={Link}
              to={newExperimentPath(orgId, version.name)}
              leftSection={<IconArrowsSplit size={16} />}
              data-testid="start-experiment-button"
            >
              Start experiment
            </Button>
          </Tooltip>
        )}
        {canWrite && (
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} />}
            onClick={onImport}
            data-testid="import-button"
          >
            Import
          </Button>
        )}
        {canWrite && (
          <Tooltip label="Nothing changed since this version" disabled={!version || dirty} withArrow>
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={onSave}
              data-testid="save-version-button"
              variant={version && !dirty ? 'light' : 'filled'}
            >
              {version ? 'Save as new version' : 'Save as prompt'}
            </Button>
          </Tooltip>
        )}
      </Group>
    </Group>
  );
}
