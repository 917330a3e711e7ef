import { describe, expect, it } from 'vitest';
import type { WorkflowRun } from '@promptops/contracts';
import { compareRuns, formatOutput } from './run-compare';
import { declaredInputs, fieldsFromInput, inputFromFields, inputFromJson } from './run-input';
import { workflowNameFromSplat, workflowPath } from './workflow-paths';

describe('run input', () => {
  it('lists the start node inputs once, skipping blanks', () => {
    expect(declaredInputs({ inputs: ['question', 'lang', 'question', ' ', 3] })).toEqual([
      'question',
      'lang',
    ]);
    expect(declaredInputs({})).toEqual([]);
    expect(declaredInputs(undefined)).toEqual([]);
  });

  it('sends JSON literals as values and anything else as text', () => {
    expect(
      inputFromFields(['q', 'n', 'flag', 'list', 'zip', 'missing'], {
        q: 'Where is my refund?',
        n: '42',
        flag: 'true',
        list: '[1, 2]',
        zip: '007',
      }),
    ).toEqual({ q: 'Where is my refund?', n: 42, flag: true, list: [1, 2], zip: '007', missing: '' });
    expect(inputFromFields(['broken'], { broken: '{nope' })).toEqual({ broken: '{nope' });
  });

  it('parses the JSON fallback and names what is wrong', () => {
    expect(inputFromJson('{"a": 1}')).toEqual({ ok: true, input: { a: 1 } });
    expect(inputFromJson('  ')).toEqual({ ok: true, input: {} });
    expect(inputFromJson('[1]')).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') });
    expect(inputFromJson('{')).toMatchObject({ ok: false, error: expect.stringContaining('Not valid JSON') });
  });

  it('turns a past input back into form values', () => {
    const input = { q: 'hi', n: 42, tags: ['a'] };
    const fields = fieldsFromInput(input);
    expect(fields).toEqual({ q: 'hi', n: '42', tags: '["a"]' });
    expect(inputFromFields(Object.keys(fields), fields)).toEqual(input);
  });
});

describe('compareRuns', () => {
  const step = (nodeId: string, output: unknown, iteration = 1) => ({
    nodeId,
    nodeType: 'prompt',
    iteration,
    status: 'succeeded' as const,
    output,
    error: null,
    usage: null,
    costUsd: '0.001',
    executionId: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
  });
  const base = {
    id: 'r',
    workflowId: 'w',
    workflowName: 'w',
    version: 1,
    status: 'succeeded' as const,
    input: {},
    output: null,
    error: null,
    waiting: null,
    costUsd: '0',
    usage: { inputTokens: 0, outputTokens: 0 },
    createdAt: '',
    endedAt: null,
    createdBy: { type: 'user', id: null },
  };

  it('pairs the last visit of each node and flags differing outputs', () => {
    const left: WorkflowRun = {
      ...base,
      steps: [step('start', { q: 1 }), step('draft', 'a', 1), step('draft', 'b', 2), step('billing', 'x')],
    };
    const right: WorkflowRun = {
      ...base,
      steps: [step('start', { q: 1 }), step('draft', 'b'), step('other', 'y')],
    };
    const rows = compareRuns(left, right);
    expect(rows.map((r) => [r.nodeId, r.differs, r.left !== null, r.right !== null])).toEqual([
      ['start', false, true, true],
      ['draft', false, true, true],
      ['billing', false, true, false],
      ['other', false, false, true],
    ]);
    const changed = compareRuns(left, { ...right, steps: [step('draft', 'c')] });
    expect(changed.find((r) => r.nodeId === 'draft')?.differs).toBe(true);
  });

  it('formats outputs for reading', () => {
    expect(formatOutput('text')).toBe('text');
    expect(formatOutput(null)).toBe('—');
    expect(formatOutput({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('workflow paths', () => {
  it('keeps folders as path segments and reads them back', () => {
    expect(workflowPath('o1', 'support/triage v2')).toBe('/orgs/o1/workflows/support/triage%20v2');
    expect(workflowPath('o1', 'a', 3)).toBe('/orgs/o1/workflows/a?version=3');
    expect(workflowNameFromSplat('support/triage%20v2')).toBe('support/triage v2');
    expect(workflowNameFromSplat(undefined)).toBe('');
  });
});
