import { useEffect, useMemo, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Skeleton, Stack } from '@mantine/core';
import { ErrorAlert } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { normalizeFolder } from '../prompts/folder-tree';
import { usePromptVersion } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import { useExecutionRun } from './executions-api';
import { draftFromVersion, emptyDraft, type PlaygroundDraft } from './playground-draft';
import { PlaygroundWorkspace } from './playground-workspace';
import { promptPagePath } from './prompt-paths';
import './monaco-setup';

/**
 * /playground (scratch; `?type=chat|text&name=` prefill a new prompt) and /prompts/<name>
 * (`?version=N` opens an older version). The run and the variable values live here, so they
 * survive saving (which loads the new version into a fresh workspace).
 */
export default function PlaygroundPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const name = params['*'] ? normalizeFolder(decodeURIComponent(params['*'])) : null;
  const versionParam = Number(search.get('version')) || null;
  const newType = search.get('type') === 'text' ? 'text' : 'chat';
  const suggestedName = search.get('name') ?? '';

  const canWrite = useCan('prompts:write');
  const canRun = useCan('executions:run');
  const canManageModels = useCan('models:write');
  const version = usePromptVersion(orgId, name, versionParam);
  const models = useModels(orgId);
  const runner = useExecutionRun(orgId);
  const latestDraft = useRef<PlaygroundDraft | null>(null);
  const openedName = useRef(name);

  // Saving a scratch draft names it and keeps the run and values; opening another prompt starts clean.
  const { reset } = runner;
  useEffect(() => {
    if (openedName.current !== null && openedName.current !== name) {
      latestDraft.current = null;
      reset();
    }
    openedName.current = name;
  }, [name, reset]);

  const loaded = name === null ? null : (version.data ?? null);
  const initialDraft = useMemo(() => {
    const values = latestDraft.current?.values ?? {};
    if (loaded) return draftFromVersion(loaded, values);
    return { ...emptyDraft(newType), values };
  }, [loaded, newType]);

  if (name !== null && version.isPending) return <Skeleton h={480} data-testid="loading" />;
  if (name !== null && version.isError)
    return (
      <ErrorAlert
        title="Could not open this prompt"
        error={version.error}
        onRetry={() => void version.refetch()}
      />
    );

  return (
    <Stack gap={0}>
      {models.isError && (
        <ErrorAlert
          title="Could not load models"
          error={models.error}
          onRetry={() => void models.refetch()}
        />
      )}
      <PlaygroundWorkspace
        key={loaded?.id ?? `scratch-${newType}`}
        orgId={orgId}
        version={loaded}
        initialDraft={initialDraft}
        suggestedName={suggestedName}
        models={models.data?.items ?? []}
        canWrite={canWrite}
        canRun={canRun}
        canManageModels={canManageModels}
        runner={runner}
        onDraftChange={(draft) => {
          latestDraft.current = draft;
        }}
        onSaved={(saved) =>
          void navigate(promptPagePath(orgId, saved.name), { replace: name === saved.name })
        }
        onOpenVersion={(n) => void navigate(promptPagePath(orgId, name ?? '', n))}
        onImported={(result) => {
          const first = result?.items[0];
          if (first) void navigate(promptPagePath(orgId, first.name));
        }}
      />
    </Stack>
  );
}
