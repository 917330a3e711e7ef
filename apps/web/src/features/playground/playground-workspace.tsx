import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Card, Grid, Stack, Title } from '@mantine/core';
import { getHotkeyHandler, useWindowEvent } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Execution, Model, PromptVersion } from '@promptops/contracts';
import { orgPath } from '../../app/navigation';
import { missingVariables, renderPreview } from '@promptops/templates';
import { ImportModal, type ImportModalProps } from '../prompts/transfer-controls';
import { ChatMessagesEditor } from './chat-messages-editor';
import type { RunState } from './executions-api';
import { HistoryDrawer } from './history-drawer';
import { ModelSelect } from './model-select';
import { setKnownVariables } from './monaco-setup';
import { ParamsPanel } from './params-panel';
import {
  buildExecutionRequest,
  draftFromExecution,
  draftVariables,
  isDraftDirty,
  type PlaygroundDraft,
} from './playground-draft';
import { PlaygroundToolbar } from './playground-toolbar';
import { RunControls } from './run-controls';
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
  onDraftChange,
  onSaved,
  onOpenVersion,
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
  onDraftChange: (draft: PlaygroundDraft) => void;
  onSaved: (version: PromptVersion) => void;
  onOpenVersion: (version: number) => void;
  onImported: ImportModalProps['onImported'];
}) {
  const [draft, setDraftState] = useState(initialDraft);
  const [panel, setPanel] = useState<'history' | 'versions' | 'save' | 'import' | null>(null);
  const setDraft = (next: PlaygroundDraft) => {
    setDraftState(next);
    onDraftChange(next);
  };

  const activeModels = useMemo(() => models.filter((m) => m.active), [models]);
  // A saved model that was deactivated or deleted falls back to the first active one.
  const modelId = activeModels.some((m) => m.id === draft.modelId)
    ? draft.modelId
    : (activeModels[0]?.id ?? null);
  const effective = useMemo(() => ({ ...draft, modelId }), [draft, modelId]);
  const variables = useMemo(() => draftVariables(draft), [draft]);
  const missing = missingVariables(variables, draft.values);
  const dirty = isDraftDirty(draft, version);
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
    if (blockedReason !== null || running) return;
    void runner.run(buildExecutionRequest(effective, version ? { name: version.name, version } : null));
  };
  useWindowEvent('keydown', getHotkeyHandler([['mod+Enter', run]]));

  const restore = (execution: Execution) => {
    setDraft(draftFromExecution(draft, execution));
    runner.show(execution);
    setPanel(null);
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
        onSave={() => setPanel('save')}
        onImport={() => setPanel('import')}
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card padding="md">
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
            <RunOutput state={runner.state} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Card padding="md">
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
            <VariablesForm
              names={variables}
              values={draft.values}
              onChange={(name, value) => setDraft({ ...draft, values: { ...draft.values, [name]: value } })}
            />
            <ParamsPanel params={draft.params} onChange={(params) => setDraft({ ...draft, params })} />
          </Stack>
        </Grid.Col>
      </Grid>

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
          suggestedName={suggestedName}
          draft={effective}
          opened={panel === 'save'}
          onClose={() => setPanel(null)}
          onSaved={(saved) => {
            setPanel(null);
            onSaved(saved);
          }}
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
