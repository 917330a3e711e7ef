import { describe, expect, it } from 'vitest';
import { runCustomMetric } from '../src/index.js';

describe('runCustomMetric', () => {
  it('runs an arrow function and returns its number', async () => {
    const r = await runCustomMetric('({ output, expected }) => (output.trim() === expected ? 1 : 0)', {
      output: ' Paris ',
      expected: 'Paris',
    });
    expect(r).toMatchObject({ ok: true, score: 1 });
  });

  it('accepts a declared `function score` returning { score, reason }, and sees `input`', async () => {
    const code = `
      function words(text) { return text.split(/\\s+/).filter(Boolean); }
      function score({ output, input }) {
        const n = words(output).length;
        return { score: n <= input.maxWords ? 1 : 0, reason: n + ' words' };
      }`;
    const r = await runCustomMetric(code, { output: 'one two three', input: { maxWords: 5 } });
    expect(r).toMatchObject({ ok: true, score: 1, reason: '3 words' });
  });

  it('awaits async functions', async () => {
    const r = await runCustomMetric('async ({ output }) => output.length / 10', { output: 'abcde' });
    expect(r).toMatchObject({ ok: true, score: 0.5 });
  });

  it('stops a runaway loop at the time limit', async () => {
    const started = Date.now();
    const r = await runCustomMetric('() => { while (true) {} }', { output: '' }, { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops a memory bomb at the memory limit', async () => {
    const r = await runCustomMetric(
      '() => { const hoard = []; for (let i = 0; ; i++) hoard.push({ i, pad: [i, i, i] }); }',
      { output: '' },
      { memoryLimitBytes: 8 * 1024 * 1024, timeoutMs: 20_000 },
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'memory' } });
  });

  it('reports deep recursion as an error instead of crashing the host', async () => {
    const r = await runCustomMetric('function f(n) { return f(n + 1) + 1; } () => f(0)', { output: '' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    if (!r.ok) expect(r.error.message).toMatch(/stack overflow/);
  });

  it('has no host access', async () => {
    const r = await runCustomMetric(
      '() => ({ score: 0, reason: [typeof process, typeof require, typeof fetch, typeof globalThis.console].join(",") })',
      { output: '' },
    );
    expect(r).toMatchObject({ ok: true, reason: 'undefined,undefined,undefined,undefined' });
  });

  it.each([
    ['(', 'syntax'],
    ['() => { throw new Error("boom") }', 'runtime'],
    ['async () => { throw new TypeError("bad") }', 'runtime'],
    ['() => new Promise(() => {})', 'runtime'],
    ['() => "0.5"', 'invalid-result'],
    ['() => NaN', 'invalid-result'],
    ['() => ({ score: 1, reason: 42 })', 'invalid-result'],
    ['const x = 1;', 'invalid-result'],
  ])('reports %s as a %s error without throwing', async (code, kind) => {
    const r = await runCustomMetric(code, { output: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });

  it('keeps working after failures, and calls do not share state', async () => {
    await runCustomMetric(
      '() => { globalThis.leak = 1; while (true) {} }',
      { output: '' },
      { timeoutMs: 50 },
    );
    const r = await runCustomMetric('() => (typeof globalThis.leak === "undefined" ? 1 : 0)', { output: '' });
    expect(r).toMatchObject({ ok: true, score: 1 });
  });

  it('passes Unicode and large outputs through intact', async () => {
    const output = 'héllo 😀 '.repeat(10_000);
    const r = await runCustomMetric('({ output }) => [...output].length', { output });
    expect(r).toMatchObject({ ok: true, score: [...output].length });
  });
});
