import { EventEmitter } from 'node:events';
import { Command, INTERRUPT } from '@langchain/langgraph';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { WorkflowGraph, type WorkflowDecision, type WorkflowNode } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Actor } from '../../platform/context.js';
import type { JobContext } from '../../platform/jobs/index.js';
import {
  compileWorkflow,
  NodeFailure,
  outputOf,
  recursionLimitOf,
  type StepOutcome,
} from './engine/compile.js';
import { nodeServices } from './engine/node-services.js';
import * as repo from './workflows.repository.js';

/** Attempts of a workflow run job (a killed worker's attempt counts). */
export const WORKFLOW_RUN_ATTEMPTS = 3;

const savers = new WeakMap<AppContext, PostgresSaver>();

/**
 * LangGraph's checkpointer on the application's own pool (one connection when embedded). Its
 * tables come from our migrations, so `setup()` is never called.
 */
export function checkpointerFor(app: AppContext): PostgresSaver {
  let saver = savers.get(app);
  if (!saver) {
    saver = new PostgresSaver(app.database.pool);
    savers.set(app, saver);
  }
  return saver;
}

const watchers = new WeakMap<AppContext, EventEmitter>();

/** In-process notice that a run changed, so an open event stream in this process reads it at once. */
export function runChanges(app: AppContext): EventEmitter {
  let emitter = watchers.get(app);
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    watchers.set(app, emitter);
  }
  return emitter;
}

// Versions are immutable: their parsed graphs are kept (a few hundred, least recently used last).
const graphs = new Map<string, WorkflowGraph>();
const MAX_CACHED_GRAPHS = 500;

async function versionGraph(app: AppContext, run: repo.WorkflowRunRow): Promise<WorkflowGraph | undefined> {
  const cached = graphs.get(run.versionId);
  if (cached) {
    graphs.delete(run.versionId);
    graphs.set(run.versionId, cached);
    return cached;
  }
  const version = await repo.findVersionById(app.db, run.orgId, run.versionId);
  if (!version) return undefined;
  const graph = WorkflowGraph.parse(version.graph);
  if (graphs.size >= MAX_CACHED_GRAPHS) graphs.delete(graphs.keys().next().value!);
  graphs.set(run.versionId, graph);
  return graph;
}

function actorOf(row: repo.WorkflowRunRow): Actor {
  if (row.actorType === 'user' && row.actorId) return { type: 'user', id: row.actorId, email: '' };
  if (row.actorType === 'api_key' && row.actorId) return { type: 'api_key', id: row.actorId, name: '' };
  return { type: 'system' };
}

interface Waiting {
  nodeId: string;
  message: string;
  interruptId?: string;
}

interface PendingInterrupt {
  id?: string;
  value?: { nodeId?: string; message?: string };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Runs (or continues) one workflow run as a durable job. LangGraph checkpoints every step in the
 * database under the run's id, so a later attempt — after a restart, a killed worker or a resume —
 * continues from the last checkpoint rather than from the start. A human node ends the attempt
 * with the run `waiting`; resume stores the decision and enqueues the next attempt, which hands the
 * decision to the paused node only if that same interrupt is still pending (a stale decision never
 * answers a later interrupt).
 */
export async function runWorkflow(ctx: JobContext<{ runId: string }>): Promise<void> {
  const { app, signal } = ctx;
  const run = await repo.findRunById(app.db, ctx.payload.runId);
  if (!run || TERMINAL.has(run.status)) return;
  if (run.status === 'waiting' && !run.decision) return;
  const graph = await versionGraph(app, run);
  if (!graph) return;
  // The allow-list is read only by graphs that call out.
  const settings = graph.nodes.some((n) => n.type === 'tool')
    ? await repo.findSettings(app.db, run.orgId)
    : undefined;
  const notify = () => runChanges(app).emit(run.id);
  const stepKey = (node: WorkflowNode, iteration: number) => ({ runId: run.id, nodeId: node.id, iteration });
  const services = nodeServices(
    app,
    { runId: run.id, orgId: run.orgId, actor: actorOf(run), allowedHosts: settings?.httpAllowedHosts ?? [] },
    {
      started: async (node, iteration) => {
        await repo.startStep(app.db, { ...stepKey(node, iteration), nodeType: node.type });
        notify();
      },
      ended: async (node, iteration, outcome: StepOutcome) => {
        await repo.finishStep(app.db, stepKey(node, iteration), {
          status: outcome.status,
          output: outcome.output ?? null,
          error: outcome.error ?? null,
          inputTokens: outcome.usage?.inputTokens ?? null,
          outputTokens: outcome.usage?.outputTokens ?? null,
          costUsd: outcome.costUsd ?? '0',
          executionId: outcome.executionId ?? null,
          endedAt: outcome.status === 'waiting' ? null : new Date(),
        });
        notify();
      },
    },
  );
  const compiled = compileWorkflow(graph, { checkpointer: checkpointerFor(app), services });
  const config = {
    configurable: { thread_id: run.id },
    recursionLimit: recursionLimitOf(graph),
    signal,
  };

  // A first attempt of a new run has no checkpoint to look at; anything else (a resume, a retry
  // after a dead worker) reads where the last attempt stopped.
  const fresh = run.status === 'queued' && !run.decision && ctx.job.attempt === 1;
  const before = fresh ? undefined : await compiled.getState(config);
  const pending = before ? pendingInterrupt(before.tasks) : undefined;
  let input: unknown;
  if (!before?.config.configurable?.checkpoint_id) {
    input = { input: run.input };
  } else if (pending) {
    const waiting = run.waiting as Waiting | null;
    if (run.decision && waiting?.interruptId === pending.id) {
      input = new Command({ resume: run.decision as WorkflowDecision });
    } else {
      await markWaiting(app, run.id, pending);
      notify();
      return;
    }
  } else {
    // A checkpoint with nothing pending at an interrupt: continue where the last attempt stopped.
    input = null;
  }
  await repo.transitionRun(app.db, run.id, ['queued', 'running', 'waiting'], {
    status: 'running',
    waiting: null,
  });
  notify();

  let finalState: Record<string, unknown>;
  try {
    finalState = (await compiled.invoke(input as never, config)) as Record<string, unknown>;
  } catch (err) {
    if (signal.aborted) {
      // Cancelled: the cancel route already ended the run. Otherwise (lease lost, shutdown) the
      // next attempt continues from the last checkpoint.
      if (await isCancelled(app, run.id)) return;
      throw signal.reason ?? err;
    }
    if (err instanceof NodeFailure || isGraphError(err)) {
      await finish(app, run.id, 'failed', null, err instanceof Error ? err.message : String(err));
      notify();
      return;
    }
    throw err;
  }
  // LangGraph returns the pending interrupts with the state when the run paused.
  const paused = (finalState[INTERRUPT] as PendingInterrupt[] | undefined)?.[0];
  if (paused) {
    await markWaiting(app, run.id, paused);
  } else {
    await finish(app, run.id, 'succeeded', outputOf(finalState), null);
  }
  notify();
}

function pendingInterrupt(
  tasks: readonly { interrupts?: readonly unknown[] }[],
): PendingInterrupt | undefined {
  for (const task of tasks) for (const found of task.interrupts ?? []) return found as PendingInterrupt;
  return undefined;
}

async function markWaiting(app: AppContext, runId: string, pending: PendingInterrupt): Promise<void> {
  const waiting: Waiting = {
    nodeId: pending.value?.nodeId ?? '',
    message: pending.value?.message ?? '',
    ...(pending.id ? { interruptId: pending.id } : {}),
  };
  const totals = repo.totalsFromSteps(runId);
  await repo.transitionRun(app.db, runId, ['queued', 'running', 'waiting'], {
    status: 'waiting',
    waiting,
    decision: null,
    ...totals,
  });
}

async function finish(
  app: AppContext,
  runId: string,
  status: 'succeeded' | 'failed',
  output: unknown,
  error: string | null,
): Promise<void> {
  const totals = repo.totalsFromSteps(runId);
  const ended = await repo.transitionRun(app.db, runId, ['queued', 'running', 'waiting'], {
    status,
    output: output ?? null,
    error,
    waiting: null,
    decision: null,
    endedAt: new Date(),
    ...totals,
  });
  if (ended) await repo.deleteCheckpoints(app.db, runId);
}

async function isCancelled(app: AppContext, runId: string): Promise<boolean> {
  return (await repo.findRunById(app.db, runId))?.status === 'cancelled';
}

/** LangGraph's own errors about the graph (recursion limit, invalid updates): the run fails. */
function isGraphError(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return /^(GraphRecursionError|InvalidUpdateError|GraphValueError|EmptyInputError)$/.test(name);
}
