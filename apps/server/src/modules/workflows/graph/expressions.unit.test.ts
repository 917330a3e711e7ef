import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  compileExpression,
  evaluateCondition,
  evaluateExpression,
  type CompiledExpression,
} from './expressions.js';

const NAMES = ['input', 'classify', 'critique', 'loop1', 'lookup', 'x'];

function compiled(source: string, names: readonly string[] = NAMES): CompiledExpression {
  const result = compileExpression(source, names);
  if (!result.ok) throw new Error(`expected ${source} to compile: ${result.message}`);
  return result.expression;
}

function compileError(source: string, names: readonly string[] = NAMES): string {
  const result = compileExpression(source, names);
  if (result.ok) throw new Error(`expected ${source} not to compile`);
  return result.message;
}

function evaluationError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExpressionError) return e.message;
    throw e;
  }
  throw new Error('expected an ExpressionError');
}

const state = {
  input: { n: 4, price: 10, score: 0.75, question: 'refund?', items: ['a', 'b'], nested: { deep: { v: 1 } } },
  classify: { output: 'billing', usage: { inputTokens: 3, outputTokens: 1 }, costUsd: '0.0001' },
  critique: { output: 'Looks fine. LGTM' },
  loop1: { iteration: 2 },
  x: [1, 2, 3],
};

describe('conditions over the state', () => {
  it.each([
    ['input.n > 3', true],
    ['input.n > 4', false],
    ['input.n == 4', true],
    ['input.n == 4.0', true],
    ['input.score >= 0.5', true],
    ['input.score > 1', false],
    ['classify.output == "billing"', true],
    ["classify.output == 'technical'", false],
    ['size(x) > 0', true],
    ['size(input.items) == 2', true],
    ['critique.output.contains("LGTM")', true],
    ['loop1.iteration >= 2', true],
    ['loop1.iteration + 1 == 3', true],
    ['input.n % 2 == 0', true],
    ['input.items[1] == "b"', true],
    ['"a" in input.items', true],
    ['x.all(v, v > 0) && x.exists(v, v == 3)', true],
    ['has(input.missing)', false],
    ['has(input.nested.deep)', true],
    ['classify.output.upperAscii() == "BILLING"', true],
    ['type(input.n) == int && type(input.score) == double', true],
  ])('%s → %s', (source, expected) => {
    expect(evaluateCondition(compiled(source), state)).toBe(expected);
  });
});

describe('evaluateExpression', () => {
  it('returns plain JSON values', () => {
    expect(evaluateExpression(compiled('input.n * 2'), state)).toBe(8);
    expect(evaluateExpression(compiled('input.score * 2.0'), state)).toBe(1.5);
    expect(evaluateExpression(compiled('x.map(v, v * 10)'), state)).toEqual([10, 20, 30]);
    expect(evaluateExpression(compiled('{"a": [1, "b", true, null], "c": {"d": 2.5}}'), state)).toEqual({
      a: [1, 'b', true, null],
      c: { d: 2.5 },
    });
    expect(evaluateExpression(compiled('input.nested'), state)).toEqual({ deep: { v: 1 } });
    expect(evaluateExpression(compiled('input["user-id"]'), { input: { 'user-id': 'u1' } })).toBe('u1');
    expect(evaluateExpression(compiled('type(input.question)'), state)).toBe('string');
    expect(evaluateExpression(compiled('b"hi"'), state)).toBe('aGk=');
    expect(evaluateExpression(compiled('9223372036854775807'), state)).toBe('9223372036854775807');
    expect(evaluateExpression(compiled('3u'), state)).toBe(3);
    expect(evaluateExpression(compiled('timestamp("2026-01-02T03:04:05Z")'), state)).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    expect(evaluateExpression(compiled('duration("1.5s")'), state)).toBe('1.5s');
  });

  it('keeps keys like __proto__ as plain keys', () => {
    const tricky = JSON.parse('{"input": {"__proto__": {"polluted": true}}}') as Record<string, unknown>;
    expect(evaluateExpression(compiled('input'), tricky)).toEqual(
      JSON.parse('{"__proto__": {"polluted": true}}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not read prototype properties of the state', () => {
    const e = compiled('constructor', ['constructor']);
    expect(evaluationError(() => evaluateExpression(e, {}))).toBe(
      '"constructor" has no value: the node constructor has not run',
    );
  });
});

describe('errors', () => {
  it('reports syntax errors with their position, no stack', () => {
    expect(compileError('input.n >')).toBe('Syntax error at column 9: found > but expecting end of input');
    expect(compileError('input.n\n+ +')).toMatch(/^Syntax error at line 2, column 1: /);
    expect(compileError('loop.iteration > 1')).toBe(
      'Syntax error at column 1: "loop" is a reserved word in CEL',
    );
    expect(compileError('   ')).toBe('The expression is empty');
    expect(compileError('1 + '.repeat(3_000) + '1')).toMatch(/longer than 10,000 characters/);
  });

  it('reports names outside the scope and unknown functions at compile time', () => {
    expect(compileError('draft.output == "x"', ['input', 'classify'])).toBe(
      'Unknown name "draft": use input or a node id (input, classify)',
    );
    expect(compileError('nope(1) && input.foo()', NAMES)).toBe('Unknown functions: nope, foo');
    // Comprehension variables and type names are not state names.
    expect(compileExpression('input.items.exists(item, item == "a") && type(1) == int', ['input']).ok).toBe(
      true,
    );
    // A qualified extension function is not a name either.
    expect(compileExpression('strings.quote(input.question) != ""', ['input']).ok).toBe(true);
  });

  it('explains missing keys and nodes that have not run', () => {
    expect(evaluationError(() => evaluateCondition(compiled('input.missing == 1'), state))).toBe(
      'input.missing: no key "missing"',
    );
    expect(evaluationError(() => evaluateCondition(compiled('input.nested.deep.w > 0'), state))).toBe(
      'input.nested.deep.w: no key "w"',
    );
    expect(evaluationError(() => evaluateCondition(compiled('lookup.status == 200'), state))).toBe(
      '"lookup" has no value: the node lookup has not run',
    );
    expect(evaluationError(() => evaluateExpression(compiled('input.items[5]'), state))).toMatch(
      /^input\.items\[5\]: index 5 is out of range$/,
    );
  });

  it('explains int/double mixing', () => {
    expect(evaluationError(() => evaluateExpression(compiled('input.price * 1.1'), state))).toBe(
      "input.price * 1.1: found no matching overload for '_*_' applied to '(int, double)' (whole numbers are int, others double: convert one side with double() or int())",
    );
    expect(evaluateExpression(compiled('double(input.price) * 1.5'), state)).toBe(15);
  });

  it('requires a bool from a condition', () => {
    expect(evaluationError(() => evaluateCondition(compiled('classify.output'), state))).toBe(
      'expression returned string, not a bool',
    );
    expect(evaluationError(() => evaluateCondition(compiled('input.n'), state))).toBe(
      'expression returned int, not a bool',
    );
    expect(evaluationError(() => evaluateCondition(compiled('input.items'), state))).toBe(
      'expression returned list, not a bool',
    );
    expect(evaluationError(() => evaluateCondition(compiled('null'), state))).toBe(
      'expression returned null_type, not a bool',
    );
  });

  it('reports runtime errors as messages', () => {
    expect(evaluationError(() => evaluateExpression(compiled('1 / (input.n - 4)'), state))).toBe(
      '1 / (input.n - 4): int divide by zero',
    );
    expect(evaluationError(() => evaluateExpression(compiled('int("abc")'), state))).toMatch(
      /^int\("abc"\): /,
    );
  });
});

describe('step budget', () => {
  const big = { x: Array.from({ length: 1_000 }, (_, i) => i) };

  it('lets ordinary comprehensions run', () => {
    expect(evaluateCondition(compiled('x.exists(v, v == 999) && x.all(v, v >= 0)'), big)).toBe(true);
    expect(evaluateExpression(compiled('x.filter(v, v % 100 == 0).map(v, v / 100)'), big)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('stops a quadratic expression over a large list', () => {
    const started = performance.now();
    expect(evaluationError(() => evaluateCondition(compiled('x.all(a, x.all(b, a + b >= 0))'), big))).toBe(
      'The expression took more than 100,000 steps over lists or maps: iterate over fewer items',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    // The next evaluation starts with a fresh budget.
    expect(evaluateCondition(compiled('x.exists(v, v == 5)'), big)).toBe(true);
  });
});

describe('compilation cache', () => {
  it('returns the same compiled expression for the same source', () => {
    const a = compiled('input.n > 3');
    const b = compiled('input.n > 3', ['input']);
    expect(a).toBe(b);
    // The scope is still checked per call.
    expect(compileExpression('input.n > 3', ['classify']).ok).toBe(false);
  });
});
