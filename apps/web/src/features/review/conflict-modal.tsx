import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { ApiError } from '../../app/problem';
import { ErrorAlert } from '../../components/query-state';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { buildVersionRequest, type PlaygroundDraft } from '../playground/playground-draft';
import { useCreateVersion, usePromptVersion } from '../prompts/prompts-api';
import { bodyText, parseBody } from './prompt-body';
import { ThreeWayColumns } from './three-way-columns';
import {
  conflictCount,
  hasConflictMarkers,
  mergeThreeWay,
  resolveWith,
  textWithMarkers,
} from './three-way-merge';

function authorOf(version: PromptVersion): string {
  return version.createdBy.email ?? version.createdBy.apiKeyName ?? 'someone';
}

/** The merged body to start from: the automatic merge, with markers where both sides changed a line. */
function proposal(base: string, theirs: string, yours: string, latest: number): string {
  const chunks = mergeThreeWay(base, theirs, yours);
  return conflictCount(chunks) === 0
    ? resolveWith(chunks, 'yours')
    : textWithMarkers(chunks, { theirs: `theirs (v${latest})`, yours: 'yours' });
}

function MergeEditor({
  orgId,
  base,
  theirs,
  draft,
  commitMessage,
  onConflict,
  onSaved,
  onClose,
}: {
  orgId: string;
  base: PromptVersion;
  theirs: PromptVersion;
  draft: PlaygroundDraft;
  commitMessage: string;
  onConflict: (latestVersion: number) => void;
  onSaved: (version: PromptVersion) => void;
  onClose: () => void;
}) {
  const texts = useMemo(
    () => ({
      base: bodyText(base),
      theirs: bodyText(theirs),
      yours: bodyText({ type: draft.type, template: draft.template, messages: draft.messages }),
    }),
    [base, theirs, draft],
  );
  const conflicts = useMemo(
    () => conflictCount(mergeThreeWay(texts.base, texts.theirs, texts.yours)),
    [texts],
  );
  const [merged, setMerged] = useState(() => proposal(texts.base, texts.theirs, texts.yours, theirs.version));
  const [message, setMessage] = useState(commitMessage);
  const create = useCreateVersion(orgId, base.name);
  const markers = hasConflictMarkers(merged);
  const parsed = parseBody(draft.type, merged);

  function save() {
    if (!parsed.ok || markers) return;
    const request = buildVersionRequest(
      {
        ...draft,
        template: parsed.template ?? '',
        messages: (parsed.messages ?? []).map((m, i) => ({ ...m, key: `merged-${i}` })),
      },
      message,
      theirs.version,
    );
    create.mutate(request, {
      onSuccess: (saved) => {
        notifySuccess(`Saved ${saved.name} v${saved.version} on top of v${theirs.version}`);
        onSaved(saved);
      },
      onError: (error) => {
        const latest =
          error instanceof ApiError && error.status === 409 ? error.problem.latestVersion : undefined;
        if (latest !== undefined) return onConflict(latest);
        notifyFailure('Could not save', error);
      },
    });
  }

  return (
    <Stack gap="md">
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        data-testid="conflict-alert"
      >
        <Text size="sm">
          {authorOf(theirs)} saved <b>v{theirs.version}</b> after you opened v{base.version}.{' '}
          {conflicts === 0
            ? 'Your changes and theirs touch different lines: the merge below has both.'
            : `You both changed the same lines in ${conflicts} ${conflicts === 1 ? 'place' : 'places'}: pick a side or edit the merged text below.`}
        </Text>
      </Alert>
      <ThreeWayColumns
        base={texts.base}
        theirs={texts.theirs}
        yours={texts.yours}
        captions={{
          base: `v${base.version} — where you started`,
          theirs: `v${theirs.version} by ${authorOf(theirs)}${theirs.commitMessage ? `: ${theirs.commitMessage}` : ''}`,
          yours: 'your unsaved draft',
        }}
      />
      <Group justify="space-between" align="flex-end">
        <Text size="sm" fw={600}>
          Merged text
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => setMerged(texts.theirs)}
            data-testid="merge-take-theirs"
          >
            Take theirs
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => setMerged(texts.yours)}
            data-testid="merge-keep-yours"
          >
            Keep yours
          </Button>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setMerged(proposal(texts.base, texts.theirs, texts.yours, theirs.version))}
            data-testid="merge-reset"
          >
            Automatic merge
          </Button>
        </Group>
      </Group>
      <Textarea
        value={merged}
        onChange={(e) => setMerged(e.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={18}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        error={
          markers
            ? 'Resolve the <<<<<<< ======= >>>>>>> blocks: keep the lines you want and delete the markers.'
            : parsed.ok
              ? undefined
              : parsed.error
        }
        aria-label="Merged text"
        data-testid="merge-text"
      />
      <Textarea
        label="Commit message"
        autosize
        minRows={1}
        value={message}
        onChange={(e) => setMessage(e.currentTarget.value)}
        data-testid="merge-message"
      />
      <Text size="xs" c="dimmed">
        The new version keeps your model and parameters; it is saved on top of v{theirs.version}.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          disabled={markers || !parsed.ok}
          loading={create.isPending}
          onClick={save}
          data-testid="merge-save"
        >
          Save as v{theirs.version + 1}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * A save refused because someone saved a newer version: base (where the editor started),
 * theirs (the newest version) and yours (the draft) side by side, and a merged text to save.
 */
export function ConflictModal({
  orgId,
  base,
  draft,
  conflict,
  onClose,
  onSaved,
}: {
  orgId: string;
  base: PromptVersion;
  draft: PlaygroundDraft;
  /** The newest version the server named and the message the user typed; null keeps the modal closed. */
  conflict: { latestVersion: number; commitMessage: string } | null;
  onClose: () => void;
  onSaved: (version: PromptVersion) => void;
}) {
  const [latest, setLatest] = useState<number | null>(null);
  const latestVersion = latest ?? conflict?.latestVersion ?? null;
  const theirs = usePromptVersion(orgId, conflict ? base.name : null, latestVersion);
  const close = () => {
    setLatest(null);
    onClose();
  };
  return (
    <Modal
      opened={conflict !== null}
      onClose={close}
      size="90%"
      title={<Text fw={600}>Someone saved a newer version</Text>}
      data-testid="conflict-modal"
    >
      {theirs.isPending && <Skeleton h={320} />}
      {theirs.isError && <ErrorAlert error={theirs.error} onRetry={() => void theirs.refetch()} />}
      {theirs.data && conflict && (
        <MergeEditor
          key={theirs.data.version}
          orgId={orgId}
          base={base}
          theirs={theirs.data}
          draft={draft}
          commitMessage={conflict.commitMessage}
          onConflict={setLatest}
          onSaved={onSaved}
          onClose={close}
        />
      )}
    </Modal>
  );
}
