import { describe, expect, it } from 'vitest';
import type { Schemas } from '@promptops/client';
import { CliError } from './errors.js';
import { parseEvaluator, parseGate, parsePromptRef } from './eval-options.js';
import { checkGates, unmatchedGates } from './eval-report.js';

function usage(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('eval run options', () => {
  it('reads prompt references', () => {
    expect(parsePromptRef('qa')).toEqual({ name: 'qa' });
    expect(parsePromptRef('support/reply@production')).toEqual({
      name: 'support/reply',
      label: 'production',
    });
    expect(parsePromptRef('qa#3')).toEqual({ name: 'qa', version: 3 });
    expect(usage(() => parsePromptRef('qa#0')).exitCode).toBe(2);
    expect(usage(() => parsePromptRef('qa@x#2')).exitCode).toBe(2);
  });

  it('reads evaluators as a type, a type with options, or JSON', () => {
    expect(parseEvaluator('bleu', 0).evaluator).toEqual({ type: 'bleu' });
    expect(parseEvaluator('exact_match', 0).evaluator).toEqual({ type: 'exact-match' });
    expect(parseEvaluator('regex:pattern=^(yes|no),maybe$,ignoreCase=true,name=yes_no', 0).evaluator).toEqual(
      {
        type: 'regex',
        name: 'yes_no',
        config: { pattern: '^(yes|no),maybe$', ignoreCase: true },
      },
    );
    expect(parseEvaluator('rouge:types=["rouge1","rougeL"]', 0).evaluator).toEqual({
      type: 'rouge',
      config: { types: ['rouge1', 'rougeL'] },
    });
    expect(parseEvaluator('llm-judge:prompt=judge@production,model=gpt-4o-mini', 0)).toEqual({
      evaluator: { type: 'llm-judge', config: { prompt: { name: 'judge', label: 'production' } } },
      judgeModel: 'gpt-4o-mini',
    });
    expect(
      parseEvaluator('{"type":"custom","name":"short","config":{"code":"(o) => o.length < 50"}}', 0),
    ).toEqual({
      evaluator: { type: 'custom', name: 'short', config: { code: '(o) => o.length < 50' } },
    });
  });

  it('names the evaluator and field at fault', () => {
    expect(usage(() => parseEvaluator('blue', 1)).message).toContain(
      '--evaluator #2 ("blue"): unknown type "blue"',
    );
    const missing = usage(() => parseEvaluator('regex', 0));
    expect(missing.details.join('\n')).toContain('config');
    const extra = usage(() => parseEvaluator('bleu:smooth=1', 0));
    expect(extra.exitCode).toBe(2);
    expect(usage(() => parseEvaluator('{"type":', 0)).message).toContain('not valid JSON');
  });

  it('reads and checks gates per variant', () => {
    expect(parseGate('exact_match=0.8', 'min')).toEqual({ kind: 'min', key: 'exact_match', value: 0.8 });
    expect(parseGate('qa@production:rouge.rougeL=0.3', 'min')).toEqual({
      kind: 'min',
      key: 'rouge.rougeL',
      value: 0.3,
      variant: 'qa@production',
    });
    expect(usage(() => parseGate('exact_match>0.8', 'min')).exitCode).toBe(2);
    expect(usage(() => parseGate('exact_match=high', 'min')).exitCode).toBe(2);

    const metric = (mean: number) => ({ mean, ci95: [mean, mean] as [number, number], n: 4 });
    const evaluation = {
      variants: [{ name: 'a' }, { name: 'b' }],
      summary: [
        { variant: 0, metrics: { exact_match: metric(0.9), latency_ms: metric(120) } },
        { variant: 1, metrics: { exact_match: metric(0.5) } },
      ],
    } as unknown as Schemas['Evaluation'];
    const results = checkGates(evaluation, [
      parseGate('exact_match=0.8', 'min'),
      parseGate('a:latency_ms=100', 'max'),
      parseGate('1:latency_ms=100', 'max'),
    ]);
    expect(results.map((r) => [r.variant, r.gate.key, r.mean, r.passed])).toEqual([
      ['a', 'exact_match', 0.9, true],
      ['b', 'exact_match', 0.5, false],
      ['a', 'latency_ms', 120, false],
      ['b', 'latency_ms', null, false],
    ]);
    expect(unmatchedGates(['a', 'b'], [parseGate('c:exact_match=1', 'min')])).toHaveLength(1);
    expect(unmatchedGates(['a', 'b'], [parseGate('b:x=1', 'min'), parseGate('1:x=1', 'min')])).toEqual([]);
  });
});
