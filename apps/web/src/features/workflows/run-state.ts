import type {
  Problem,
  WorkflowRun,
  WorkflowRunEvents,
  WorkflowRunStatus,
  WorkflowStep,
  WorkflowStepStatus,
} from '@promptops/contracts';
import type { SseEvent } from '../playground/sse-parser';

/** One visit of a node as the run panel shows it (from live events or a stored run's steps). */
export interface StepView {
  nodeId: string;
  nodeType: string;
  iteration: number;
  status: WorkflowStepStatus;
  output: unknown;
  error: string | null;
  usage: { inputTokens: number; outputTokens: number } | null;
  costUsd: string | null;
}

export type LiveStatus = 'idle' | WorkflowRunStatus;

/** What the editor knows about the run it shows: node states for the canvas, steps for the panel. */
export interface LiveRun {
  status: LiveStatus;
  steps: StepView[];
  /** Set while the run waits at a human node. */
  interrupt: { nodeId: string; message: string } | null;
  run: WorkflowRun | null;
  problem: Problem | null;
}

export const IDLE_RUN: LiveRun = { status: 'idle', steps: [], interrupt: null, run: null, problem: null };

export function startedRun(): LiveRun {
  return { ...IDLE_RUN, status: 'running' };
}

function parse(data: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stepFromStored(step: WorkflowStep): StepView {
  return {
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    iteration: step.iteration,
    status: step.status,
    output: step.output,
    error: step.error,
    usage: step.usage,
    costUsd: step.costUsd,
  };
}

/** A stored run (a past run, or the final record after `done`) as the panel shows it. */
export function runView(run: WorkflowRun): LiveRun {
  return {
    status: run.status,
    steps: run.steps.map(stepFromStored),
    interrupt: run.status === 'waiting' ? run.waiting : null,
    run,
    problem: null,
  };
}

/** The latest visit of (nodeId, iteration), replaced in place so the list keeps the run's order. */
function upsertStep(steps: StepView[], step: StepView): StepView[] {
  const index = steps.findLastIndex((s) => s.nodeId === step.nodeId && s.iteration === step.iteration);
  if (index === -1) return [...steps, step];
  const next = [...steps];
  next[index] = step;
  return next;
}

/** Applies one server-sent event of a run; unknown or malformed events leave the state as it was. */
export function applyRunEvent(state: LiveRun, event: SseEvent): LiveRun {
  const payload = parse(event.data);
  if (payload === null) return state;
  switch (event.event) {
    case 'node-start': {
      const p = payload as Partial<WorkflowRunEvents['node-start']>;
      if (typeof p.nodeId !== 'string') return state;
      const step: StepView = {
        nodeId: p.nodeId,
        nodeType: p.nodeType ?? '',
        iteration: p.iteration ?? 1,
        status: 'running',
        output: null,
        error: null,
        usage: null,
        costUsd: null,
      };
      return { ...state, status: 'running', interrupt: null, steps: upsertStep(state.steps, step) };
    }
    case 'node-end': {
      const p = payload as Partial<WorkflowRunEvents['node-end']>;
      if (typeof p.nodeId !== 'string' || typeof p.status !== 'string') return state;
      const step: StepView = {
        nodeId: p.nodeId,
        nodeType: p.nodeType ?? '',
        iteration: p.iteration ?? 1,
        status: p.status,
        output: p.output ?? null,
        error: p.error ?? null,
        usage: p.usage ?? null,
        costUsd: p.costUsd ?? null,
      };
      return { ...state, steps: upsertStep(state.steps, step) };
    }
    case 'interrupt': {
      const p = payload as Partial<WorkflowRunEvents['interrupt']>;
      if (typeof p.nodeId !== 'string') return state;
      const interrupt = { nodeId: p.nodeId, message: typeof p.message === 'string' ? p.message : '' };
      const waiting: StepView = {
        nodeId: p.nodeId,
        nodeType: 'human',
        iteration: state.steps.findLast((s) => s.nodeId === p.nodeId)?.iteration ?? 1,
        status: 'waiting',
        output: null,
        error: null,
        usage: null,
        costUsd: null,
      };
      return { ...state, status: 'waiting', interrupt, steps: upsertStep(state.steps, waiting) };
    }
    case 'done': {
      const run = payload.run as WorkflowRun | undefined;
      if (!run || typeof run !== 'object' || !Array.isArray(run.steps)) return state;
      return runView(run);
    }
    case 'error': {
      const problem = (payload.problem ?? null) as Problem | null;
      return { ...state, status: 'failed', problem };
    }
    default:
      return state;
  }
}

/** The state each node shows on the canvas: its latest visit's. */
export function nodeStatuses(steps: readonly StepView[]): Map<string, WorkflowStepStatus> {
  const out = new Map<string, WorkflowStepStatus>();
  for (const step of steps) out.set(step.nodeId, step.status);
  return out;
}

/** Tokens and cost of all steps so far (cost as an exact decimal string summed in billionths of a dollar, never floats). */
export function runTotals(steps: readonly StepView[]): { tokens: number; costUsd: string } {
  let tokens = 0;
  let micros = 0n;
  for (const step of steps) {
    if (step.usage) tokens += step.usage.inputTokens + step.usage.outputTokens;
    if (step.costUsd && /^\d+(\.\d+)?$/.test(step.costUsd)) {
      const [whole = '0', fraction = ''] = step.costUsd.split('.');
      micros += BigInt(whole) * 1_000_000_000n + BigInt((fraction + '000000000').slice(0, 9));
    }
  }
  const whole = micros / 1_000_000_000n;
  const fraction = (micros % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return { tokens, costUsd: fraction ? `${whole}.${fraction}` : `${whole}` };
}

export function isTerminal(status: LiveStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** The colour of a run or step status wherever one is shown. */
export const RUN_STATUS_COLOR: Record<string, string> = {
  idle: 'gray',
  queued: 'gray',
  running: 'blue',
  waiting: 'orange',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
  skipped: 'gray',
};
