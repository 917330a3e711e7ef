import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Group, Modal, NativeSelect, Skeleton, Stack, Text } from '@mantine/core';
import type { Model, PromptVersion } from '@promptops/contracts';
import { ErrorAlert } from '../../components/query-state';
import {
  draftToParams,
  draftVariables,
  isDraftDirty,
  type PlaygroundDraft,
} from '../playground/playground-draft';
import { usePromptVersions } from '../prompts/prompts-api';
import { contentDiff, type PromptContent } from './content-diff';
import { DiffView } from './diff-view';
import { bodyText } from './prompt-body';
import { comparePath } from './review-paths';

function modelName(models: readonly Model[], id: string | null): string | null {
  if (id === null) return null;
  return models.find((m) => m.id === id)?.name ?? id;
}

function versionContent(version: PromptVersion, models: readonly Model[]): PromptContent {
  return {
    type: version.type,
    template: version.template,
    messages: version.messages,
    model: modelName(models, version.modelId),
    params: version.params,
    variables: version.variables.map((v) => v.name),
  };
}

function draftContent(draft: PlaygroundDraft, models: readonly Model[]): PromptContent {
  return {
    type: draft.type,
    template: draft.template,
    messages: draft.messages.map(({ role, content }) => ({ role, content })),
    model: modelName(models, draft.modelId),
    params: draftToParams(draft.params),
    variables: draftVariables(draft),
  };
}

/** The editor (its draft, or the open version) against production or any other label or version. */
export function DraftCompareModal({
  orgId,
  version,
  draft,
  models,
  opened,
  onClose,
}: {
  orgId: string;
  version: PromptVersion;
  draft: PlaygroundDraft;
  models: readonly Model[];
  opened: boolean;
  onClose: () => void;
}) {
  const versions = usePromptVersions(orgId, opened ? version.name : null);
  const items = useMemo(
    () => [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version),
    [versions.data],
  );
  const labels = items.flatMap((v) =>
    v.labels.filter((l) => l !== 'latest').map((l) => ({ label: l, version: v })),
  );
  const [choice, setChoice] = useState<string | null>(null);
  // Production when it exists, else the first label, else the newest version.
  const defaultChoice =
    labels.find((l) => l.label === 'production')?.label ?? labels[0]?.label ?? `v${items[0]?.version ?? ''}`;
  const selected = choice ?? defaultChoice;
  const against =
    labels.find((l) => l.label === selected)?.version ??
    items.find((v) => `v${v.version}` === selected) ??
    null;
  const dirty = isDraftDirty(draft, version);
  const mine = useMemo(
    () => (dirty ? draftContent(draft, models) : versionContent(version, models)),
    [dirty, draft, version, models],
  );
  const diff = useMemo(
    () => (against ? contentDiff(versionContent(against, models), mine) : null),
    [against, mine, models],
  );

  const options = [
    ...labels.map((l) => ({ value: l.label, label: `${l.label} (v${l.version.version})` })),
    ...items.map((v) => ({
      value: `v${v.version}`,
      label: `v${v.version}${v.commitMessage ? ` — ${v.commitMessage}` : ''}`,
    })),
  ];
  const mineLabel = dirty ? 'your draft' : `v${version.version}`;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="90%"
      title={<Text fw={600}>Compare {mineLabel} with…</Text>}
      data-testid="draft-compare-modal"
    >
      <Stack gap="md">
        <Group align="flex-end" justify="space-between">
          <NativeSelect
            label="Compare with"
            data={options}
            value={selected}
            onChange={(e) => setChoice(e.currentTarget.value)}
            w={320}
            data-testid="draft-compare-against"
          />
          {!dirty && against && against.version !== version.version && (
            <Anchor
              component={Link}
              to={comparePath(
                orgId,
                version.name,
                Math.min(against.version, version.version),
                Math.max(against.version, version.version),
              )}
              size="sm"
            >
              Open the full comparison
            </Anchor>
          )}
        </Group>
        {versions.isPending && <Skeleton h={240} />}
        {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {against && diff && (
          <DiffView
            changes={diff.changes}
            hunks={diff.hunks}
            original={bodyText(against)}
            modified={bodyText(mine)}
            fromLabel={selected === `v${against.version}` ? selected : `${selected} (v${against.version})`}
            toLabel={mineLabel}
          />
        )}
      </Stack>
    </Modal>
  );
}
