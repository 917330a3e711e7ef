import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Card, Stack, Title } from '@mantine/core';
import { getHotkeyHandler, useWindowEvent } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Execution, Model, PromptVersion } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { missingVariables, renderPreview } from '@promptops/templates';
import { ImportModal, type ImportModalProps } from '../prompts/transfer-controls';
import { ConflictModal } from '../review/conflict-modal';
import { DraftCompareModal } from '../review/draft-compare-modal';
import { ChatMessagesEditor } from './chat-messages-editor';
import type { RunState } from './executions-api';
import { chooseModel } from './draft-storage';
import { HistoryDrawer } from './history-drawer';
import { LeaveGuard } from './leave-guard';
import { ModelSelect } from './model-select';
import { setKnownVariables } from './monaco-setup';
import { ParamsPanel } from './params-panel';
import {
  buildExecutionRequest,
  draftFromExecution,
  draftVariables,
  hasUnsavedWork,
  isDraftDirty,
  runHome,
  type PlaygroundDraft,
} from './playground-draft';
import classes from './playground-layout.module.css';
import { PlaygroundToolbar } from './playground-toolbar';
import { RunControls } from './run-controls';
import { fromMonaco, RunShortcutContext } from './run-shortcut';
import { RestoredDraftAlert } from './restored-draft-alert';
import { RunOutput } from './run-output';
import { SaveVersionModal } from './save-version-modal';
import { TemplateEditor } from './template-editor';
import { TokenEstimate } from './token-estimate';
import { VariablesForm } from './variables-form';
import { VersionsDrawer } from './versions-drawer';

export interface RunApi {
  state: RunState;
  run: (request: ReturnType<typeof buildExecutionRequest>) => Promise<void>;
  stop: () => void;
  show: (execution: Execution) => void;
}

/** The editor, model, parameters, variables and output for one loaded version (or a scratch draft). */
export function PlaygroundWorkspace({
  orgId,
  version,
  initialDraft,
  suggestedName,
  models,
  canWrite,
  canRun,
  canManageModels,
  runner,
  lastModelId,
  restoredAt,
  onDraftChange,
  onDiscardDraft,
  onRan,
  onSaved,
  onOpenVersion,
  onOpenRun,
  onImported,
}: {
  orgId: string;
  version: PromptVersion | null;
  initialDraft: PlaygroundDraft;
  suggestedName: string;
  models: Model[];
  canWrite: boolean;
  canRun: boolean;
  canManageModels: boolean;
  runner: RunApi;
  /** The model this user last ran this prompt with, when it is still around. */
  lastModelId: string | null;
  /** When the draft came back from this browser's storage (unsaved work from an earlier visit). */
  restoredAt: string | null;
  onDraftChange: (draft: PlaygroundDraft, dirty: boolean) => void;
  onDiscardDraft: () => void;
  onRan: (modelId: string) => void;
  onSaved: (version: PromptVersion) => void;
  onOpenVersion: (version: number) => void;
  /** Opens a run that belongs to another prompt, version or the scratch playground on its page. */
  onOpenRun: (execution: Execution, home: Exclude<ReturnType<typeof runHome>, { kind: 'here' }>) => void;
  onImported: ImportModalProps['onImported'];
}) {
  const [draft, setDraftState] = useState(initialDraft);
  const [panel, setPanel] = useState<'history' | 'versions' | 'save' | 'import' | 'compare' | null>(null);
  // A save refused because a newer version exists: resolved in the three-way view.
  const [conflict, setConflict] = useState<{ latestVersion: number; commitMessage: string } | null>(null);
  const [showRestored, setShowRestored] = useState(restoredAt !== null);
  const setDraft = (next: PlaygroundDraft) => {
    setDraftState(next);
    onDraftChange(next, hasUnsavedWork(next, version));
  };
  // Set while a save navigates to the new version, so the leave warning does not ask.
  const leaving = useRef(false);

  const activeModels = useMemo(() => models.filter((m) => m.active), [models]);
  // The prompt's own model, else this user's last one for it, else a healthy and cheap one.
  const modelId = chooseModel(activeModels, [draft.modelId, lastModelId]);
  const effective = useMemo(() => ({ ...draft, modelId }), [draft, modelId]);
  const variables = useMemo(() => draftVariables(draft), [draft]);
  const missing = missingVariables(variables, draft.values);
  const dirty = isDraftDirty(draft, version);
  const unsaved = hasUnsavedWork(draft, version);
  const running = runner.state.status === 'running';

  useEffect(() => setKnownVariables(variables), [variables]);

  const tokenInput = useMemo(
    () =>
      draft.type === 'text'
        ? { text: renderPreview(draft.template, draft.values) }
        : {
            messages: draft.messages.map((m) => ({
              role: m.role,
              content: renderPreview(m.content, draft.values),
            })),
          },
    [draft],
  );

  let blockedReason: string | null = null;
  if (!canRun) blockedReason = 'Your role can view prompts but not run them.';
  else if (modelId === null) blockedReason = 'Add a provider and pick a model first.';
  else if (missing.length > 0) blockedReason = `Fill in ${missing.map((n) => `{{${n}}}`).join(', ')}`;

  const run = () => {
    if (blockedReason !== null || running || modelId === null) return;
    onRan(modelId);
    void runner.run(buildExecutionRequest(effective, version ? { name: version.name, version } : null));
  };
  const hotkeys = getHotkeyHandler([['mod+Enter', run]]);
  // Editors run it themselves (see TemplateEditor); the rest of the page (variables, params) here.
  useWindowEvent('keydown', (event) => {
    if (!fromMonaco(event)) hotkeys(event);
  });

  const restore = (execution: Execution) => {
    setPanel(null);
    const home = runHome(execution, version ? { name: version.name, version: version.version } : null);
    if (home.kind !== 'here') return onOpenRun(execution, home);
    setDraft(draftFromExecution(draft, execution, version));
    runner.show(execution);
  };

  return (
    <>
      <PlaygroundToolbar
        orgId={orgId}
        version={version}
        suggestedName={suggestedName}
        dirty={dirty}
        canWrite={canWrite}
        onHistory={() => setPanel('history')}
        onVersions={() => setPanel('versions')}
        onCompare={() => setPanel('compare')}
        onSave={() => setPanel('save')}
        onImport={() => setPanel('import')}
      />
      {showRestored && restoredAt !== null && unsaved && (
        <RestoredDraftAlert
          restoredAt={restoredAt}
          onClose={() => setShowRestored(false)}
          onDiscard={() => {
            setShowRestored(false);
            onDiscardDraft();
          }}
        />
      )}
      <RunShortcutContext.Provider value={run}>
        <div className={classes.layout} data-testid="playground-layout">
          <div className={classes.column}>
            <Card padding="md" className={classes.editor} data-testid="editor-card">
              <Title order={5} mb="xs">
                {draft.type === 'chat' ? 'Messages' : 'Template'}
              </Title>
              {draft.type === 'chat' ? (
                <ChatMessagesEditor
                  messages={draft.messages}
                  onChange={(messages) => setDraft({ ...draft, messages })}
                  readOnly={!canWrite && !canRun}
                />
              ) : (
                <TemplateEditor
                  value={draft.template}
                  onChange={(template) => setDraft({ ...draft, template })}
                  readOnly={!canWrite && !canRun}
                  minHeight={200}
                  testId="template-editor"
                  ariaLabel="Prompt template"
                />
              )}
            </Card>
            <div className={classes.output}>
              <RunOutput state={runner.state} />
            </div>
          </div>
          <div className={classes.column}>
            <Card padding="md" className={classes.controls} data-testid="controls-card">
              <Stack gap="sm">
                <ModelSelect
                  models={activeModels}
                  value={modelId}
                  onChange={(id) => setDraft({ ...draft, modelId: id })}
                />
                {activeModels.length === 0 && (
                  <Alert
                    color="yellow"
                    variant="light"
                    icon={<IconInfoCircle size={18} />}
                    data-testid="no-models"
                  >
                    No models yet.{' '}
                    {canManageModels ? (
                      <Anchor component={Link} to={orgPath(orgId, 'providers')} size="sm">
                        Add a provider
                      </Anchor>
                    ) : (
                      'Ask an admin to add a provider.'
                    )}
                  </Alert>
                )}
                <TokenEstimate orgId={orgId} modelId={modelId} input={tokenInput} />
                <RunControls
                  running={running}
                  blockedReason={blockedReason}
                  onRun={run}
                  onStop={runner.stop}
                />
              </Stack>
            </Card>
            <div className={classes.variables}>
              <VariablesForm
                names={variables}
                values={draft.values}
                onChange={(name, value) => setDraft({ ...draft, values: { ...draft.values, [name]: value } })}
              />
            </div>
            <div className={classes.params}>
              <ParamsPanel params={draft.params} onChange={(params) => setDraft({ ...draft, params })} />
            </div>
          </div>
        </div>
      </RunShortcutContext.Provider>
      <LeaveGuard dirty={unsaved && (canWrite || canRun)} allow={leaving} />

      <HistoryDrawer
        orgId={orgId}
        promptName={version?.name ?? null}
        opened={panel === 'history'}
        onClose={() => setPanel(null)}
        onOpen={restore}
      />
      {version && (
        <VersionsDrawer
          orgId={orgId}
          name={version.name}
          currentVersion={version.version}
          canWrite={canWrite}
          opened={panel === 'versions'}
          onClose={() => setPanel(null)}
          onOpenVersion={(n) => {
            setPanel(null);
            onOpenVersion(n);
          }}
        />
      )}
      {canWrite && (
        <SaveVersionModal
          orgId={orgId}
          promptName={version?.name ?? null}
          baseVersion={version?.version ?? null}
          suggestedName={suggestedName}
          draft={effective}
          opened={panel === 'save'}
          onClose={() => setPanel(null)}
          onSaved={(saved) => {
            setPanel(null);
            leaving.current = true;
            onSaved(saved);
          }}
          onConflict={(latestVersion, commitMessage) => {
            setPanel(null);
            setConflict({ latestVersion, commitMessage });
          }}
        />
      )}
      {canWrite && version && (
        <ConflictModal
          orgId={orgId}
          base={version}
          draft={effective}
          conflict={conflict}
          onClose={() => setConflict(null)}
          onSaved={(saved) => {
            setConflict(null);
            leaving.current = true;
            onSaved(saved);
          }}
        />
      )}
      {version && panel === 'compare' && (
        <DraftCompareModal
          orgId={orgId}
          version={version}
          draft={effective}
          models={models}
          opened
          onClose={() => setPanel(null)}
        />
      )}
      {canWrite && (
        <ImportModal
          orgId={orgId}
          opened={panel === 'import'}
          onClose={() => setPanel(null)}
          onImported={onImported}
        />
      )}
    </>
  );
}
