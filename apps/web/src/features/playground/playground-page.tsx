import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Skeleton, Stack } from '@mantine/core';
import { orgPath } from '../../app/navigation';
import { ApiError } from '../../app/problem';
import { NotFoundContent } from '../../components/not-found-page';
import { ErrorAlert } from '../../components/query-state';
import { useMe } from '../orgs/orgs-api';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { normalizeFolder } from '../prompts/folder-tree';
import { usePromptVersion } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import { clearDraft, lastModelKey, loadDraft, saveDraft, type DraftScope } from './draft-storage';
import { useExecution, useExecutionRun } from './executions-api';
import { draftFromExecution, draftFromVersion, emptyDraft, type PlaygroundDraft } from './playground-draft';
import { PlaygroundWorkspace } from './playground-workspace';
import { promptPagePath } from './prompt-paths';
import './monaco-setup';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * /playground (scratch; `?type=chat|text&name=` prefill a new prompt) and /prompts/<name>
 * (`?version=N` opens an older version, `?run=<id>` opens a past run with its inputs). The run
 * and the variable values live here, so they survive saving (which loads the new version into
 * a fresh workspace). Unsaved edits are kept in local storage per user, organization and prompt.
 */
export default function PlaygroundPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const name = params['*'] ? normalizeFolder(decodeURIComponent(params['*'])) : null;
  const versionParam = Number(search.get('version')) || null;
  const runParam = search.get('run');
  const newType = search.get('type') === 'text' ? 'text' : 'chat';
  const suggestedName = search.get('name') ?? '';

  const canWrite = useCan('prompts:write');
  const canRun = useCan('executions:run');
  const canManageModels = useCan('models:write');
  const me = useMe();
  const userId = me.data?.user.id ?? null;
  const version = usePromptVersion(orgId, name, versionParam);
  const openedRun = useExecution(orgId, runParam);
  const models = useModels(orgId);
  const runner = useExecutionRun(orgId);
  const latestDraft = useRef<PlaygroundDraft | null>(null);
  const openedName = useRef(name);
  const storage = useMemo(browserStorage, []);
  // Bumped when the user discards a restored draft, to start again from the saved version.
  const [generation, setGeneration] = useState(0);

  // Saving a scratch draft names it and keeps the run and values; opening another prompt starts clean.
  const { reset, show } = runner;
  useEffect(() => {
    if (openedName.current !== null && openedName.current !== name) {
      latestDraft.current = null;
      reset();
    }
    openedName.current = name;
  }, [name, reset]);

  const loaded = name === null ? null : (version.data ?? null);
  const run = runParam ? (openedRun.data ?? null) : null;
  const scope: DraftScope | null = useMemo(
    () => (userId ? { userId, orgId, promptName: name, type: loaded?.type ?? newType } : null),
    [userId, orgId, name, loaded?.type, newType],
  );

  useEffect(() => {
    if (run) show(run);
  }, [run, show]);

  const initial = useMemo(() => {
    const values = latestDraft.current?.values ?? {};
    const base = loaded ? draftFromVersion(loaded, values) : { ...emptyDraft(newType), values };
    if (run) return { draft: draftFromExecution(base, run, loaded), restoredAt: null };
    const stored = storage && scope ? loadDraft(storage, scope, loaded?.version ?? null) : null;
    if (stored && generation === 0) return { draft: stored.draft, restoredAt: stored.savedAt };
    return { draft: base, restoredAt: null };
    // `generation` restarts from the saved version after "Discard changes".
  }, [loaded, newType, run, storage, scope, generation]);

  const lastModelId = storage && userId ? storage.getItem(lastModelKey(userId, orgId, name)) : null;

  const waitingForRun = runParam !== null && openedRun.isPending;
  if ((name !== null && version.isPending) || me.isPending || waitingForRun) {
    return <Skeleton h={480} data-testid="loading" />;
  }
  if (name !== null && version.isError) {
    if (version.error instanceof ApiError && version.error.status === 404) {
      return (
        <NotFoundContent
          title="Prompt not found"
          message={
            versionParam
              ? `"${name}" has no version ${versionParam}, or it was deleted.`
              : `There is no prompt named "${name}" in ${organization.name}.`
          }
          backTo={orgPath(orgId, 'prompts')}
          backLabel="Back to prompts"
        />
      );
    }
    return (
      <ErrorAlert
        title="Could not open this prompt"
        error={version.error}
        onRetry={() => void version.refetch()}
      />
    );
  }

  return (
    <Stack gap={0}>
      {models.isError && (
        <ErrorAlert
          title="Could not load models"
          error={models.error}
          onRetry={() => void models.refetch()}
        />
      )}
      {openedRun.isError && (
        <ErrorAlert
          title="Could not open this run"
          error={openedRun.error}
          onRetry={() => void openedRun.refetch()}
        />
      )}
      <PlaygroundWorkspace
        key={`${loaded?.id ?? `scratch-${newType}`}:${run?.id ?? ''}:${generation}`}
        orgId={orgId}
        version={loaded}
        initialDraft={initial.draft}
        restoredAt={initial.restoredAt}
        suggestedName={suggestedName}
        models={models.data?.items ?? []}
        canWrite={canWrite}
        canRun={canRun}
        canManageModels={canManageModels}
        runner={runner}
        lastModelId={lastModelId}
        onDraftChange={(draft, unsaved) => {
          latestDraft.current = draft;
          if (!storage || !scope) return;
          if (unsaved) saveDraft(storage, scope, draft, loaded?.version ?? null);
          else clearDraft(storage, scope);
        }}
        onDiscardDraft={() => {
          if (storage && scope) clearDraft(storage, scope);
          latestDraft.current = null;
          setGeneration((g) => g + 1);
        }}
        onRan={(modelId) => {
          if (storage && userId) storage.setItem(lastModelKey(userId, orgId, name), modelId);
        }}
        onSaved={(saved) => {
          if (storage && scope) clearDraft(storage, scope);
          // A scratch draft saved under a name: the scratch page starts empty next time.
          if (storage && userId && name === null) {
            clearDraft(storage, { userId, orgId, promptName: null, type: saved.type });
          }
          void navigate(promptPagePath(orgId, saved.name), { replace: name === saved.name });
        }}
        onOpenVersion={(n) => void navigate(promptPagePath(orgId, name ?? '', n))}
        onOpenRun={(execution, home) => {
          const query = new URLSearchParams({ run: execution.id });
          if (home.kind === 'scratch') {
            void navigate(`${orgPath(orgId, 'playground')}?${query}`);
          } else {
            if (home.version !== null) query.set('version', String(home.version));
            void navigate(`${promptPagePath(orgId, home.name)}?${query}`);
          }
        }}
        onImported={(result) => {
          const first = result?.items[0];
          if (first) void navigate(promptPagePath(orgId, first.name));
        }}
      />
    </Stack>
  );
}
