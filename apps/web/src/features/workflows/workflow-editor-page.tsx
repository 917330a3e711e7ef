import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Alert, Card, List, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import type { WorkflowNodeType } from '@promptops/contracts';
import { ApiError } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert } from '../../components/query-state';
import { saveBlob } from '../../components/save-blob';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { LeaveGuard } from '../playground/leave-guard';
import { DecorationContext, DecorationStore } from './canvas-decorations';
import { EditorToolbar } from './editor-toolbar';
import { autoLayout } from './elk-layout';
import { applyPositions } from './graph-layout';
import { flowToGraph, graphToFlow, groupErrors } from './graph-model';
import { NodeInspector } from './node-inspector';
import { NodePalette } from './node-palette';
import { RunHistory } from './run-history';
import { declaredInputs, fieldsFromInput } from './run-input';
import { RunPanel, type RunInputDraft } from './run-panel';
import { nodeStatuses } from './run-state';
import { SaveVersionModal } from './save-version-modal';
import { useGraphValidation } from './use-graph-validation';
import { VersionDiffModal } from './version-diff-modal';
import { useWorkflowEditor } from './use-workflow-editor';
import { useWorkflowRunner } from './use-workflow-run';
import { FIT_VIEW, WorkflowCanvas } from './workflow-canvas';
import { workflowNameFromSplat } from './workflow-paths';
import { exportFileName } from './workflow-transfer';
import {
  exportWorkflow,
  InvalidGraphError,
  useSaveWorkflowVersion,
  useWorkflow,
  useWorkflowVersions,
  workflowsRequest,
  type WorkflowResponse,
} from './workflows-api';
import classes from './workflow-canvas.module.css';

type SideTab = 'inspect' | 'run' | 'history';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function EditorBody({ orgId, loaded }: { orgId: string; loaded: WorkflowResponse }) {
  const { workflow, version } = loaded;
  const name = workflow.name;
  const canWrite = useCan('workflows:write');
  const canRun = useCan('workflows:run');
  const [, setSearch] = useSearchParams();
  const editor = useWorkflowEditor(!canWrite);
  const { fitView, screenToFlowPosition } = useReactFlow();
  // Read from the loading effect without making it re-run (and re-layout) when it changes.
  const fitViewRef = useRef(fitView);
  fitViewRef.current = fitView;
  const [store] = useState(() => new DecorationStore());
  const [tab, setTab] = useState<SideTab>('inspect');
  const [saving, setSaving] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [layingOut, setLayingOut] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [runDraft, setRunDraft] = useState<RunInputDraft>({ fields: {}, json: '{}' });
  const canvasRef = useRef<HTMLDivElement>(null);
  const versions = useWorkflowVersions(orgId, name);
  const save = useSaveWorkflowVersion(orgId, name);
  const runner = useWorkflowRunner(orgId, name);
  const [saveErrors, setSaveErrors] = useState<InvalidGraphError | null>(null);
  // Set while a save moves to the new version, which must not ask "leave without saving?".
  const allowLeave = useRef(false);

  // The graph as loaded (and laid out, when it came without positions): what "unsaved" compares to.
  const [baseline, setBaseline] = useState<string | null>(null);
  const dirty = useMemo(
    () => baseline !== null && JSON.stringify(editor.graph) !== baseline,
    [editor.graph, baseline],
  );

  const { load, applyLayout } = editor;
  const [loading, setLoading] = useState(true);
  // Not before the version is on the canvas: the empty graph before it is not worth a request.
  const validation = useGraphValidation(orgId, editor.graph, !loading);
  const grouped = useMemo(() => groupErrors(validation.errors), [validation.errors]);
  // Framing waits until React Flow holds the loaded nodes (the render after `load`).
  const [fitPending, setFitPending] = useState(false);
  useEffect(() => {
    if (!fitPending || editor.state.nodes.length === 0) return;
    setFitPending(false);
    requestAnimationFrame(() => void fitViewRef.current(FIT_VIEW));
  }, [fitPending, editor.state.nodes.length]);
  const runLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const { positions } = await autoLayout(editor.state);
      applyLayout(positions);
      // Let React Flow place the moved nodes before framing them.
      requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 }));
    } finally {
      setLayingOut(false);
    }
  }, [applyLayout, editor.state, fitView]);

  // A newly opened version replaces the canvas and its undo history; a graph saved without
  // positions (imported, or made through the API) is laid out first.
  useEffect(() => {
    let cancelled = false;
    setSaveErrors(null);
    setLoading(true);
    const flow = graphToFlow(version.graph);
    const place = flow.unplaced
      ? autoLayout(flow).then(({ positions }) => flowToGraph(applyPositions(flow, positions)))
      : Promise.resolve(version.graph);
    void place.then((graph) => {
      if (cancelled) return;
      load(graph);
      allowLeave.current = false;
      setBaseline(JSON.stringify(flowToGraph(graphToFlow(graph))));
      setLoading(false);
      setFitPending(true);
    });
    return () => {
      cancelled = true;
    };
  }, [version.graph, load]);

  useEffect(() => {
    store.update(grouped.byNode, nodeStatuses(runner.state.steps));
  }, [store, grouped.byNode, runner.state.steps]);

  const { undo, redo } = editor;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const selected = useMemo(() => {
    const picked = editor.state.nodes.filter((n) => n.selected);
    return picked.length === 1 ? picked[0] : undefined;
  }, [editor.state.nodes]);
  useEffect(() => {
    if (selected) setTab('inspect');
  }, [selected?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const { addNode } = editor;
  const addAtCenter = useCallback(
    (type: WorkflowNodeType) => {
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!rect) return;
      const offset = (editor.state.nodes.length % 5) * 24;
      const p = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      addNode(type, { x: Math.round(p.x - 120 + offset), y: Math.round(p.y - 38 + offset) });
    },
    [addNode, editor.state.nodes.length, screenToFlowPosition],
  );

  function saveVersion(message: string) {
    save.mutate(
      { graph: editor.graph, ...(message ? { message } : {}) },
      {
        onSuccess: (saved) => {
          setSaving(false);
          setSaveErrors(null);
          notifySuccess(`Saved version ${saved.version}`);
          allowLeave.current = true;
          setSearch({}, { replace: true });
        },
        onError: (error) => {
          setSaving(false);
          if (error instanceof InvalidGraphError) setSaveErrors(error);
          notifyFailure('Could not save the version', error);
        },
      },
    );
  }

  async function download() {
    setExporting(true);
    try {
      const exported = await exportWorkflow(orgId, name, version.version);
      const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
      saveBlob(blob, exportFileName(name, version.version));
    } catch (error) {
      notifyFailure('Could not export the workflow', error);
    } finally {
      setExporting(false);
    }
  }

  async function openRun(runId: string) {
    try {
      const { run } = await workflowsRequest<{ run: Parameters<typeof runner.show>[0] }>(
        'GET',
        orgId,
        `/workflow-runs/${runId}`,
      );
      runner.show(run);
      setRunDraft({ fields: fieldsFromInput(run.input), json: JSON.stringify(run.input, null, 2) });
      setTab('run');
    } catch (error) {
      notifyFailure('Could not open the run', error);
    }
  }

  const startConfig = editor.state.nodes.find((n) => n.type === 'start')?.data.config;
  const inputs = declaredInputs(startConfig);
  const allErrors = saveErrors && validation.valid !== true ? saveErrors.graphErrors : validation.errors;
  const general = saveErrors && validation.valid !== true ? groupErrors(allErrors).general : grouped.general;

  return (
    <DecorationContext.Provider value={store}>
      <EditorToolbar
        orgId={orgId}
        name={name}
        version={version}
        latestVersion={workflow.latestVersion}
        versions={versions.data?.items ?? []}
        onPickVersion={(v) => setSearch(v === workflow.latestVersion ? {} : { version: String(v) })}
        onCompare={() => setComparing(true)}
        dirty={dirty}
        canWrite={canWrite}
        canUndo={editor.canUndo}
        canRedo={editor.canRedo}
        onUndo={undo}
        onRedo={redo}
        onLayout={() => void runLayout()}
        layingOut={layingOut}
        onExport={() => void download()}
        exporting={exporting}
        onSave={() => setSaving(true)}
        validity={{ valid: validation.valid, count: validation.errors.length, pending: validation.pending }}
      />
      <div className={classes.editor}>
        <div className={classes.side}>
          <NodePalette onAdd={addAtCenter} disabled={!canWrite} />
        </div>
        <div ref={canvasRef} style={{ minHeight: 0, height: '100%' }}>
          {loading && <Skeleton h="100%" data-testid="wf-canvas-loading" />}
          <WorkflowCanvas
            state={editor.state}
            edgeErrors={grouped.byEdge}
            readOnly={!canWrite}
            onNodesChange={editor.onNodesChange}
            onEdgesChange={editor.onEdgesChange}
            onConnect={editor.onConnect}
            onCheckpoint={editor.checkpoint}
            onDropNode={addNode}
          />
        </div>
        <Card className={classes.side} p="sm" withBorder>
          <Tabs value={tab} onChange={(t) => setTab((t as SideTab | null) ?? 'inspect')} keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="inspect" data-testid="wf-tab-inspect">
                {selected ? 'Node' : 'Problems'}
              </Tabs.Tab>
              <Tabs.Tab value="run" data-testid="wf-tab-run">
                Run
              </Tabs.Tab>
              <Tabs.Tab value="history" data-testid="wf-tab-history">
                History
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="inspect">
              {selected ? (
                <NodeInspector
                  node={selected}
                  errors={grouped.byNode.get(selected.id) ?? []}
                  onChange={editor.updateConfig}
                  onRename={editor.rename}
                  onDelete={editor.deleteNode}
                  readOnly={!canWrite}
                />
              ) : (
                <ProblemList errors={allErrors} general={general} valid={validation.valid} />
              )}
            </Tabs.Panel>
            <Tabs.Panel value="run">
              <RunPanel
                inputs={inputs}
                draft={runDraft}
                onDraftChange={setRunDraft}
                live={runner.state}
                error={runner.error}
                version={version.version}
                dirty={dirty}
                canRun={canRun}
                onRun={(input) => void runner.run({ version: version.version, input })}
                onCancel={() => void runner.cancel()}
                onDecide={runner.resume}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <RunHistory
                orgId={orgId}
                name={name}
                onOpen={(id) => void openRun(id)}
                openedId={runner.runId}
              />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </div>
      <LeaveGuard
        dirty={dirty}
        allow={allowLeave}
        message="This workflow has changes that are not saved as a version; leaving drops them."
      />
      <SaveVersionModal
        opened={saving}
        onClose={() => setSaving(false)}
        onSave={saveVersion}
        saving={save.isPending}
        nextVersion={workflow.latestVersion + 1}
      />
      <VersionDiffModal
        opened={comparing}
        onClose={() => setComparing(false)}
        orgId={orgId}
        name={name}
        versions={versions.data?.items ?? []}
        current={version.version}
      />
    </DecorationContext.Provider>
  );
}

/** With nothing selected: every problem of the graph, each naming its node or edge. */
function ProblemList({
  errors,
  general,
  valid,
}: {
  errors: readonly {
    nodeId?: string | undefined;
    edgeId?: string | undefined;
    message: string;
    code: string;
  }[];
  general: readonly { message: string }[];
  valid: boolean | null;
}) {
  if (valid === true && errors.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="wf-no-problems">
        The graph is valid. Select a node to edit it, drag one in from the palette, or connect two handles.
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="wf-problems">
      {general.length > 0 && (
        <Alert color="red" variant="light" p="xs">
          <List size="xs">
            {general.map((e, i) => (
              <List.Item key={i}>{e.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <List size="xs" spacing={4}>
        {errors
          .filter((e) => e.nodeId || e.edgeId)
          .map((e, i) => (
            <List.Item key={i}>
              <Text span size="xs" ff="monospace" fw={600}>
                {e.nodeId ?? `edge ${e.edgeId}`}
              </Text>{' '}
              {e.message}
            </List.Item>
          ))}
      </List>
    </Stack>
  );
}

export function WorkflowEditorPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const params = useParams();
  const [search] = useSearchParams();
  const name = workflowNameFromSplat(params['*']);
  const version = Number(search.get('version')) || null;
  const loaded = useWorkflow(orgId, name, version);

  if (loaded.isPending) return <Skeleton h={560} data-testid="loading" />;
  if (loaded.isError) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <ErrorAlert
        error={loaded.error}
        title={notFound ? `No workflow named “${name}”` : 'Could not load the workflow'}
        {...(notFound ? {} : { onRetry: () => void loaded.refetch() })}
      />
    );
  }
  return (
    <ReactFlowProvider>
      <EditorBody orgId={orgId} loaded={loaded.data} />
    </ReactFlowProvider>
  );
}

export default WorkflowEditorPage;
