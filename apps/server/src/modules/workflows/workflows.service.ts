import type { z } from 'zod';
import {
  type CreateWorkflowRequest,
  type CreateWorkflowVersionRequest,
  type RunWorkflowRequest,
  type Workflow,
  type WorkflowDecision,
  type WorkflowGraph,
  type WorkflowGraphError,
  type WorkflowList,
  type WorkflowListQuery,
  type WorkflowRun,
  type WorkflowRunList,
  type WorkflowRunListQuery,
  type WorkflowSettings,
  type WorkflowValidation,
  type WorkflowVersion,
  type WorkflowVersionDiff,
  type WorkflowVersionList,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';
import { cancelJob, enqueue } from '../../platform/jobs/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { resolvePromptVersion } from '../prompts/prompts.service.js';
import { modelForCall } from '../providers/provider-client.js';
import { diffWorkflowGraphs } from './graph/diff-graphs.js';
import { promptReferences, validateGraphStructure } from './graph/validate-graph.js';
import { workflowRunJob } from './workflows.jobs.js';
import * as repo from './workflows.repository.js';

type Input<T extends z.ZodType> = z.output<T>;

// --- Mapping rows to the contract ---

const actorRef = (row: { actorType: string; actorId: string | null }) => ({
  type: row.actorType,
  id: row.actorId,
});

function toWorkflow(row: repo.WorkflowRow, labels: Record<string, number>, nodeCount: number): Workflow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    latestVersion: row.latestVersion,
    labels,
    nodeCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function labelsFor(labels: Record<string, number>, version: number, latest: number): string[] {
  const names = Object.entries(labels)
    .filter(([, v]) => v === version)
    .map(([label]) => label);
  return version === latest ? ['latest', ...names] : names;
}

function toVersion(
  row: repo.WorkflowVersionRow,
  workflow: repo.WorkflowRow,
  labels: Record<string, number>,
): WorkflowVersion {
  return {
    id: row.id,
    workflowId: row.workflowId,
    name: workflow.name,
    version: row.version,
    graph: row.graph as WorkflowGraph,
    message: row.message,
    labels: labelsFor(labels, row.version, workflow.latestVersion),
    createdAt: row.createdAt.toISOString(),
    createdBy: actorRef(row),
  };
}

function toRunSummary(row: repo.WorkflowRunRow) {
  const waiting = row.waiting as { nodeId: string; message: string } | null;
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflowName,
    version: row.version,
    status: row.status,
    error: row.error,
    waiting: waiting ? { nodeId: waiting.nodeId, message: waiting.message } : null,
    costUsd: normalizeDecimal(row.costUsd),
    usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens },
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    createdBy: actorRef(row),
  };
}

export function toRun(row: repo.WorkflowRunRow, steps: repo.WorkflowStepRow[]): WorkflowRun {
  return {
    ...toRunSummary(row),
    input: row.input,
    output: row.output ?? null,
    steps: steps.map((s) => ({
      nodeId: s.nodeId,
      nodeType: s.nodeType,
      iteration: s.iteration,
      status: s.status,
      output: s.output ?? null,
      error: s.error,
      usage:
        s.inputTokens === null && s.outputTokens === null
          ? null
          : { inputTokens: s.inputTokens ?? 0, outputTokens: s.outputTokens ?? 0 },
      costUsd: normalizeDecimal(s.costUsd),
      executionId: s.executionId,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt?.toISOString() ?? null,
    })),
  };
}

// --- Validation ---

/**
 * The graph's structure (pure) and its references to the organization's prompts and models
 * (the database): every error names the node, and the field inside its data when there is one.
 */
export async function validateWorkflowGraph(
  app: AppContext,
  orgId: string,
  graph: WorkflowGraph,
): Promise<WorkflowGraphError[]> {
  const errors = validateGraphStructure(graph);
  for (const ref of promptReferences(graph)) {
    try {
      await resolvePromptVersion(app.db, orgId, ref.name, { version: ref.version, label: ref.label });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      const which = ref.version ? ` version ${ref.version}` : ref.label ? ` with label "${ref.label}"` : '';
      errors.push({
        nodeId: ref.nodeId,
        code: 'unknown-prompt',
        message: `No prompt "${ref.name}"${which} in this organization`,
        field: 'prompt.name',
      });
    }
    if (ref.modelId) {
      const found = await modelForCall(app, orgId, ref.modelId);
      if (!found)
        errors.push({
          nodeId: ref.nodeId,
          code: 'unknown-model',
          message: 'No such model in this organization',
          field: 'modelId',
        });
    }
  }
  return errors;
}

export async function validateGraph(
  app: AppContext,
  ctx: OrgContext,
  graph: WorkflowGraph,
): Promise<WorkflowValidation> {
  const errors = await validateWorkflowGraph(app, ctx.orgId, graph);
  return { valid: errors.length === 0, errors };
}

/** Saving an invalid graph: 400 whose `errors` are the validation's, under `graph`. */
async function assertValid(app: AppContext, orgId: string, graph: WorkflowGraph): Promise<void> {
  const errors = await validateWorkflowGraph(app, orgId, graph);
  if (errors.length === 0) return;
  throw new AppError(
    400,
    'Validation Failed',
    errors.map((e) => `${e.nodeId ?? e.edgeId ?? 'graph'}: ${e.message}`).join('; '),
    {
      errors: errors.map((e) => ({
        path: ['graph', e.nodeId ? `nodes.${e.nodeId}` : e.edgeId ? `edges.${e.edgeId}` : '', e.field ?? '']
          .filter(Boolean)
          .join('.'),
        message: e.message,
        code: e.code,
        ...(e.nodeId ? { nodeId: e.nodeId } : {}),
        ...(e.edgeId ? { edgeId: e.edgeId } : {}),
      })),
    },
  );
}

// --- Workflows and versions ---

async function findWorkflowRow(db: Executor, orgId: string, name: string): Promise<repo.WorkflowRow> {
  const row = await repo.findWorkflow(db, orgId, name);
  if (!row) throw notFound('Workflow');
  return row;
}

async function withVersion(
  app: AppContext,
  workflow: repo.WorkflowRow,
  selector: { version?: number | undefined; label?: string | undefined },
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  const labels = (await repo.labelsOf(app.db, [workflow.id])).get(workflow.id) ?? {};
  let number = workflow.latestVersion;
  if (selector.version !== undefined) number = selector.version;
  else if (selector.label !== undefined && selector.label !== 'latest') {
    const labelled = labels[selector.label];
    if (labelled === undefined) throw notFound(`Label "${selector.label}"`);
    number = labelled;
  }
  const version = await repo.findVersion(app.db, workflow.orgId, workflow.id, number);
  if (!version) throw notFound(`Version ${number}`);
  // The list shows the latest version's node count; read it only when another version was asked for.
  const latest =
    number === workflow.latestVersion
      ? version
      : await repo.findVersion(app.db, workflow.orgId, workflow.id, workflow.latestVersion);
  const nodeCount = (latest?.graph as WorkflowGraph | undefined)?.nodes.length;
  return {
    workflow: toWorkflow(workflow, labels, nodeCount ?? 0),
    version: toVersion(version, workflow, labels),
  };
}

export async function listWorkflows(
  app: AppContext,
  ctx: OrgContext,
  query: Input<typeof WorkflowListQuery>,
): Promise<z.output<typeof WorkflowList>> {
  const before = decodeTimeCursor(query.cursor);
  const rows = await repo.listWorkflows(app.db, ctx.orgId, {
    search: query.search,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const [labels, counts] = await Promise.all([
    repo.labelsOf(
      app.db,
      page.map((r) => r.id),
    ),
    repo.latestNodeCounts(app.db, ctx.orgId, page),
  ]);
  const last = page.at(-1);
  return {
    items: page.map((r) => toWorkflow(r, labels.get(r.id) ?? {}, counts.get(r.id) ?? 0)),
    nextCursor: rows.length > query.limit && last ? encodeTimeCursor(last.updatedAt, last.id) : null,
  };
}

export async function createWorkflow(
  app: AppContext,
  ctx: OrgContext,
  req: Input<typeof CreateWorkflowRequest>,
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  await assertValid(app, ctx.orgId, req.graph);
  const created = await app.db.transaction(async (tx) => {
    const workflow = await repo.insertWorkflow(tx, {
      orgId: ctx.orgId,
      name: req.name,
      description: req.description ?? null,
      latestVersion: 1,
    });
    if (!workflow)
      throw conflict(`A workflow named "${req.name}" already exists`, [
        { path: 'name', message: 'Already taken' },
      ]);
    await repo.insertVersion(tx, {
      orgId: ctx.orgId,
      workflowId: workflow.id,
      version: 1,
      graph: req.graph as unknown as Record<string, unknown>,
      message: req.message ?? null,
      ...actorColumns(ctx),
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.created',
      resourceType: 'workflow',
      resourceId: workflow.id,
      details: { name: req.name, nodes: req.graph.nodes.length },
    });
    return workflow;
  });
  return withVersion(app, created, {});
}

export async function getWorkflow(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  selector: { version?: number | undefined; label?: string | undefined },
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  return withVersion(app, await findWorkflowRow(app.db, ctx.orgId, name), selector);
}

export async function listVersions(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<z.output<typeof WorkflowVersionList>> {
  const workflow = await findWorkflowRow(app.db, ctx.orgId, name);
  const beforeVersion = query.cursor ? Number.parseInt(query.cursor, 10) : undefined;
  if (beforeVersion !== undefined && !(beforeVersion > 0))
    throw new AppError(400, 'Validation Failed', 'Invalid cursor', {
      errors: [{ path: 'query.cursor', message: 'Invalid cursor' }],
    });
  const rows = await repo.listVersions(app.db, ctx.orgId, workflow.id, {
    beforeVersion,
    limit: query.limit + 1,
  });
  const labels = (await repo.labelsOf(app.db, [workflow.id])).get(workflow.id) ?? {};
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      workflowId: row.workflowId,
      name: workflow.name,
      version: row.version,
      message: row.message,
      labels: labelsFor(labels, row.version, workflow.latestVersion),
      createdAt: row.createdAt.toISOString(),
      createdBy: actorRef(row),
      nodeCount: row.nodeCount,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.version) : null,
  };
}

/** What changed in the graph from version `from` to version `to` of a workflow. */
export async function diffVersions(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  from: number,
  to: number,
): Promise<WorkflowVersionDiff> {
  const workflow = await findWorkflowRow(app.db, ctx.orgId, name);
  const [a, b] = await Promise.all([
    repo.findVersion(app.db, ctx.orgId, workflow.id, from),
    repo.findVersion(app.db, ctx.orgId, workflow.id, to),
  ]);
  if (!a) throw notFound(`Version ${from}`);
  if (!b) throw notFound(`Version ${to}`);
  return {
    name: workflow.name,
    from,
    to,
    diff: diffWorkflowGraphs(a.graph as WorkflowGraph, b.graph as WorkflowGraph),
  };
}

export async function createVersion(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  req: Input<typeof CreateWorkflowVersionRequest>,
): Promise<WorkflowVersion> {
  await findWorkflowRow(app.db, ctx.orgId, name);
  await assertValid(app, ctx.orgId, req.graph);
  const { workflow, version } = await app.db.transaction(async (tx) => {
    // The row lock orders concurrent saves: each gets the next number.
    const locked = await repo.findWorkflow(tx, ctx.orgId, name, { forUpdate: true });
    if (!locked) throw notFound('Workflow');
    const number = locked.latestVersion + 1;
    const row = await repo.insertVersion(tx, {
      orgId: ctx.orgId,
      workflowId: locked.id,
      version: number,
      graph: req.graph as unknown as Record<string, unknown>,
      message: req.message ?? null,
      ...actorColumns(ctx),
    });
    await repo.bumpLatestVersion(tx, ctx.orgId, locked.id, number);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.version.created',
      resourceType: 'workflow',
      resourceId: locked.id,
      details: { name, version: number, nodes: req.graph.nodes.length },
    });
    return { workflow: { ...locked, latestVersion: number }, version: row };
  });
  const labels = (await repo.labelsOf(app.db, [workflow.id])).get(workflow.id) ?? {};
  return toVersion(version, workflow, labels);
}

export async function setLabel(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  label: string,
  version: number,
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  if (label === 'latest')
    throw new AppError(400, 'Validation Failed', '"latest" always points at the newest version', {
      errors: [{ path: 'label', message: '"latest" always points at the newest version' }],
    });
  const workflow = await findWorkflowRow(app.db, ctx.orgId, name);
  if (!(await repo.findVersion(app.db, ctx.orgId, workflow.id, version)))
    throw new AppError(400, 'Validation Failed', `Version ${version} does not exist`, {
      errors: [{ path: 'version', message: `Version ${version} does not exist` }],
    });
  await app.db.transaction(async (tx) => {
    await repo.setLabel(tx, workflow.id, label, version);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.label.moved',
      resourceType: 'workflow',
      resourceId: workflow.id,
      details: { name, label, version },
    });
  });
  return withVersion(app, workflow, { version });
}

export async function deleteWorkflow(app: AppContext, ctx: OrgContext, name: string): Promise<void> {
  const workflow = await findWorkflowRow(app.db, ctx.orgId, name);
  const runIds = await app.db.transaction(async (tx) => {
    const open = await repo.listOpenRunIds(tx, ctx.orgId, workflow.id);
    await repo.deleteWorkflow(tx, ctx.orgId, workflow.id);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.deleted',
      resourceType: 'workflow',
      resourceId: workflow.id,
      details: { name, versions: workflow.latestVersion },
    });
    return open;
  });
  for (const id of runIds) await repo.deleteCheckpoints(app.db, id);
}

function actorColumns(ctx: OrgContext): { actorType: string; actorId: string | null } {
  return {
    actorType: ctx.actor.type,
    actorId: ctx.actor.type === 'user' || ctx.actor.type === 'api_key' ? ctx.actor.id : null,
  };
}

// --- Runs ---

export async function startRun(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  req: Input<typeof RunWorkflowRequest>,
): Promise<repo.WorkflowRunRow> {
  const { workflow, version } = await getWorkflow(app, ctx, name, { version: req.version, label: req.label });
  // The version was validated when saved. A prompt or model deleted since fails its node with
  // the reason, like any other node failure, rather than costing every run a check up front.
  return app.db.transaction(async (tx) => {
    const run = await repo.insertRun(tx, {
      orgId: ctx.orgId,
      workflowId: workflow.id,
      workflowName: workflow.name,
      version: version.version,
      versionId: version.id,
      status: 'queued',
      input: req.input,
      ...actorColumns(ctx),
    });
    const jobId = await enqueue(tx, workflowRunJob, { runId: run.id }, { orgId: ctx.orgId });
    await repo.updateRun(tx, run.id, { jobId });
    // Like a playground run, a workflow run is its own record (who, when, which version): not audited.
    return { ...run, jobId };
  });
}

export async function findRunRow(app: AppContext, orgId: string, id: string): Promise<repo.WorkflowRunRow> {
  const row = await repo.findRun(app.db, orgId, id);
  if (!row) throw notFound('Workflow run');
  return row;
}

export async function getRun(app: AppContext, ctx: OrgContext, id: string): Promise<WorkflowRun> {
  const row = await findRunRow(app, ctx.orgId, id);
  return toRun(row, await repo.stepsOf(app.db, row.id));
}

export async function listRuns(
  app: AppContext,
  ctx: OrgContext,
  query: Input<typeof WorkflowRunListQuery>,
): Promise<z.output<typeof WorkflowRunList>> {
  let workflowId: string | undefined;
  if (query.workflowName) {
    const workflow = await repo.findWorkflow(app.db, ctx.orgId, query.workflowName);
    if (!workflow) return { items: [], nextCursor: null };
    workflowId = workflow.id;
  }
  const before = decodeTimeCursor(query.cursor);
  const rows = await repo.listRuns(app.db, ctx.orgId, {
    workflowId,
    status: query.status,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toRunSummary),
    nextCursor: rows.length > query.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}

/**
 * Hands a human decision to a waiting run. The compare-and-set from `waiting` makes a second
 * resume (a double click, two reviewers) a 409 that runs nothing; the decision is stored with the
 * run and the next attempt is enqueued in the same transaction.
 */
export async function resumeRun(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  decision: WorkflowDecision,
): Promise<WorkflowRun> {
  const existing = await findRunRow(app, ctx.orgId, id);
  const row = await app.db.transaction(async (tx) => {
    const moved = await repo.transitionRun(tx, existing.id, ['waiting'], {
      status: 'queued',
      decision: decision as unknown as Record<string, unknown>,
    });
    if (!moved)
      throw conflict(
        `The run is ${(await repo.findRun(tx, ctx.orgId, id))?.status ?? existing.status}, not waiting`,
      );
    const jobId = await enqueue(tx, workflowRunJob, { runId: moved.id }, { orgId: ctx.orgId });
    await repo.updateRun(tx, moved.id, { jobId });
    const waiting = existing.waiting as { nodeId?: string } | null;
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.run.resumed',
      resourceType: 'workflow_run',
      resourceId: moved.id,
      details: { nodeId: waiting?.nodeId ?? null, approved: decision.approved },
    });
    return { ...moved, jobId };
  });
  return toRun(row, await repo.stepsOf(app.db, row.id));
}

export async function cancelRun(app: AppContext, ctx: OrgContext, id: string): Promise<WorkflowRun> {
  const existing = await findRunRow(app, ctx.orgId, id);
  const cancelled = await app.db.transaction(async (tx) => {
    const row = await repo.transitionRun(tx, existing.id, ['queued', 'running', 'waiting'], {
      status: 'cancelled',
      waiting: null,
      decision: null,
      endedAt: new Date(),
    });
    if (!row) return undefined;
    if (row.jobId) {
      try {
        await cancelJob(tx, ctx.orgId, row.jobId);
      } catch (err) {
        // The job row may already be gone (pruned after it ended): nothing left to stop.
        if (!(err instanceof AppError) || err.status !== 404) throw err;
      }
    }
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.run.cancelled',
      resourceType: 'workflow_run',
      resourceId: row.id,
      details: { name: row.workflowName, version: row.version },
    });
    return row;
  });
  if (cancelled) await repo.deleteCheckpoints(app.db, cancelled.id);
  return getRun(app, ctx, id);
}

// --- Settings ---

export async function getSettings(app: AppContext, ctx: OrgContext): Promise<WorkflowSettings> {
  const row = await repo.findSettings(app.db, ctx.orgId);
  return { httpAllowedHosts: row?.httpAllowedHosts ?? [] };
}

export async function saveSettings(
  app: AppContext,
  ctx: OrgContext,
  settings: WorkflowSettings,
): Promise<WorkflowSettings> {
  const hosts = [...new Set(settings.httpAllowedHosts)];
  return app.db.transaction(async (tx) => {
    const row = await repo.saveSettings(tx, ctx.orgId, hosts);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'workflow.settings.updated',
      resourceType: 'organization',
      resourceId: ctx.orgId,
      details: { httpAllowedHosts: hosts },
    });
    return { httpAllowedHosts: row.httpAllowedHosts };
  });
}
