import { describe, expect, it } from 'vitest';
import type { WorkflowRun } from '@promptops/contracts';
import {
  applyRunEvent,
  IDLE_RUN,
  isTerminal,
  nodeStatuses,
  runTotals,
  runView,
  startedRun,
  type LiveRun,
} from './run-state';

const ev = (event: string, data: unknown) => ({ event, data: JSON.stringify(data) });

const storedRun: WorkflowRun = {
  id: 'r1',
  workflowId: 'w1',
  workflowName: 'support/triage',
  version: 2,
  status: 'succeeded',
  input: { question: 'refund?' },
  output: 'billing',
  error: null,
  waiting: null,
  steps: [
    {
      nodeId: 'start',
      nodeType: 'start',
      iteration: 1,
      status: 'succeeded',
      output: { question: 'refund?' },
      error: null,
      usage: null,
      costUsd: '0',
      executionId: null,
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  costUsd: '0.0002',
  usage: { inputTokens: 10, outputTokens: 2 },
  createdAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:01.000Z',
  createdBy: { type: 'user', id: 'u1' },
};

describe('applyRunEvent', () => {
  it('lights nodes up as they start and end, loops by iteration', () => {
    let s: LiveRun = startedRun();
    s = applyRunEvent(s, ev('node-start', { nodeId: 'start', nodeType: 'start', iteration: 1 }));
    expect(nodeStatuses(s.steps).get('start')).toBe('running');
    s = applyRunEvent(
      s,
      ev('node-end', {
        nodeId: 'start',
        nodeType: 'start',
        iteration: 1,
        status: 'succeeded',
        output: { q: 1 },
      }),
    );
    s = applyRunEvent(s, ev('node-start', { nodeId: 'draft', nodeType: 'prompt', iteration: 1 }));
    s = applyRunEvent(
      s,
      ev('node-end', {
        nodeId: 'draft',
        nodeType: 'prompt',
        iteration: 1,
        status: 'succeeded',
        output: { output: 'x' },
        usage: { inputTokens: 5, outputTokens: 7 },
        costUsd: '0.00012',
      }),
    );
    s = applyRunEvent(s, ev('node-start', { nodeId: 'draft', nodeType: 'prompt', iteration: 2 }));
    expect(s.steps.map((x) => `${x.nodeId}#${x.iteration}:${x.status}`)).toEqual([
      'start#1:succeeded',
      'draft#1:succeeded',
      'draft#2:running',
    ]);
    expect(nodeStatuses(s.steps).get('draft')).toBe('running');
    s = applyRunEvent(
      s,
      ev('node-end', {
        nodeId: 'draft',
        nodeType: 'prompt',
        iteration: 2,
        status: 'failed',
        output: null,
        error: 'boom',
      }),
    );
    expect(s.steps[2]).toMatchObject({ status: 'failed', error: 'boom' });
    expect(runTotals(s.steps)).toEqual({ tokens: 12, costUsd: '0.00012' });
  });

  it('waits at an interrupt and clears it when the run goes on', () => {
    let s = applyRunEvent(
      startedRun(),
      ev('node-start', { nodeId: 'approve', nodeType: 'human', iteration: 1 }),
    );
    s = applyRunEvent(s, ev('interrupt', { nodeId: 'approve', message: 'Send it?' }));
    expect(s.status).toBe('waiting');
    expect(s.interrupt).toEqual({ nodeId: 'approve', message: 'Send it?' });
    expect(s.steps).toHaveLength(1);
    expect(nodeStatuses(s.steps).get('approve')).toBe('waiting');
    s = applyRunEvent(s, ev('node-start', { nodeId: 'send', nodeType: 'tool', iteration: 1 }));
    expect(s.interrupt).toBeNull();
    expect(s.status).toBe('running');
  });

  it('ends with the stored run on done, and with the problem on error', () => {
    const done = applyRunEvent(startedRun(), ev('done', { run: storedRun }));
    expect(done).toEqual(runView(storedRun));
    expect(done.status).toBe('succeeded');
    expect(isTerminal(done.status)).toBe(true);
    const failed = applyRunEvent(
      startedRun(),
      ev('error', { problem: { title: 'Model limit', status: 429 } }),
    );
    expect(failed.status).toBe('failed');
    expect(failed.problem?.status).toBe(429);
  });

  it('ignores malformed and unknown events', () => {
    const s = startedRun();
    expect(applyRunEvent(s, { event: 'node-start', data: 'not json' })).toBe(s);
    expect(applyRunEvent(s, ev('node-start', { nodeType: 'x' }))).toBe(s);
    expect(applyRunEvent(s, ev('done', { run: null }))).toBe(s);
    expect(applyRunEvent(s, ev('ping', {}))).toBe(s);
    expect(IDLE_RUN.status).toBe('idle');
  });

  it('shows a waiting stored run with its approval box', () => {
    const waiting = runView({
      ...storedRun,
      status: 'waiting',
      waiting: { nodeId: 'approve', message: 'ok?' },
    });
    expect(waiting.interrupt).toEqual({ nodeId: 'approve', message: 'ok?' });
  });

  it('sums costs exactly', () => {
    const step = (costUsd: string) => ({
      nodeId: 'a',
      nodeType: 'prompt',
      iteration: 1,
      status: 'succeeded' as const,
      output: null,
      error: null,
      usage: null,
      costUsd,
    });
    expect(runTotals([step('0.1'), step('0.2')]).costUsd).toBe('0.3');
    expect(runTotals([step('1'), step('0.000000001')]).costUsd).toBe('1.000000001');
    expect(runTotals([]).costUsd).toBe('0');
  });
});
