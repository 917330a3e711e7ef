import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusBleu, rouge } from '../src/index.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const REF1 = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'];
const REF2 = ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'];

describe('promptops-metrics CLI', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptops-metrics-cli-'));
    writeFileSync(file('hyp.txt'), HYPS.join('\n') + '\n');
    writeFileSync(file('ref1.txt'), REF1.join('\r\n') + '\r\n'); // Windows line endings too
    writeFileSync(file('ref2.txt'), REF2.join('\n')); // no final newline
    writeFileSync(file('short.txt'), 'only one line\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bleu prints sacrebleu corpus BLEU as JSON', () => {
    const { status, stdout } = run([
      'bleu',
      '--hyp',
      file('hyp.txt'),
      '--ref',
      file('ref1.txt'),
      '--ref',
      file('ref2.txt'),
    ]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { score: number; segments: number; counts: number[] };
    expect(Math.abs(out.score - 48.530827)).toBeLessThan(1e-8);
    expect(out.segments).toBe(3);
    expect(out.counts).toEqual([14, 7, 5, 3]);
  });

  it('bleu options and per-sentence scores', () => {
    const { status, stdout } = run([
      'bleu',
      '--hyp',
      file('hyp.txt'),
      '--ref',
      file('ref1.txt'),
      '--ref',
      file('ref2.txt'),
      '--tokenize',
      'intl',
      '--sentences',
    ]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { score: number; sentences: number[] };
    expect(Math.abs(out.score - 43.91623493)).toBeLessThan(1e-8);
    expect(out.sentences).toHaveLength(3);
    expect(out.sentences[0]).toBeCloseTo(100, 10);
  });

  it('rouge averages per line, taking the best reference', () => {
    const { status, stdout } = run([
      'rouge',
      '--hyp',
      file('hyp.txt'),
      '--ref',
      file('ref1.txt'),
      '--ref',
      file('ref2.txt'),
      '--types',
      'rouge1,rougeL',
      '--stemmer',
    ]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { scores: Record<string, { fmeasure: number }> };
    const expected =
      HYPS.map((h, i) =>
        Math.max(
          rouge(REF1[i]!, h, { types: ['rouge1'], useStemmer: true }).rouge1.fmeasure,
          rouge(REF2[i]!, h, { types: ['rouge1'], useStemmer: true }).rouge1.fmeasure,
        ),
      ).reduce((s, x) => s + x, 0) / 3;
    expect(out.scores.rouge1!.fmeasure).toBeCloseTo(expected, 12);
    expect(Object.keys(out.scores)).toEqual(['rouge1', 'rougeL']);
  });

  // Expected values: sacrebleu 2.6.0, CHRF(word_order=2) and TER(normalized=True) on these files.
  it('chrf prints sacrebleu corpus chrF++ as JSON, with per-line scores', () => {
    const refs = ['--ref', file('ref1.txt'), '--ref', file('ref2.txt')];
    const { status, stdout } = run([
      'chrf',
      '--hyp',
      file('hyp.txt'),
      ...refs,
      '--word-order',
      '2',
      '--sentences',
    ]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as {
      metric: string;
      score: number;
      wordOrder: number;
      sentences: number[];
    };
    expect(out.metric).toBe('chrf');
    expect(out.wordOrder).toBe(2);
    expect(Math.abs(out.score - 59.15310444399262)).toBeLessThan(1e-8);
    [100, 29.14513880802484, 52.00714394858371].forEach((expected, i) =>
      expect(Math.abs(out.sentences[i]! - expected)).toBeLessThan(1e-8),
    );
    const plain = JSON.parse(run(['chrf', '--hyp', file('hyp.txt'), ...refs]).stdout) as { score: number };
    expect(Math.abs(plain.score - 59.72751782684763)).toBeLessThan(1e-8);
  });

  it('ter prints sacrebleu corpus TER as JSON, with per-line scores', () => {
    const refs = ['--ref', file('ref1.txt'), '--ref', file('ref2.txt')];
    const plain = run(['ter', '--hyp', file('hyp.txt'), ...refs]);
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({
      metric: 'ter',
      segments: 3,
      numEdits: 6,
      refLength: 15,
    });
    const { stdout } = run(['ter', '--hyp', file('hyp.txt'), ...refs, '--normalized', '--sentences']);
    const out = JSON.parse(stdout) as {
      score: number;
      numEdits: number;
      refLength: number;
      sentences: number[];
    };
    expect(Math.abs(out.score - 33.33333333333333)).toBeLessThan(1e-8);
    expect([out.numEdits, out.refLength]).toEqual([6, 18]);
    [0, 60, 46.15384615384615].forEach((expected, i) =>
      expect(Math.abs(out.sentences[i]! - expected)).toBeLessThan(1e-8),
    );
  });

  it('agrees with the library on the same files', () => {
    const { stdout } = run([
      'bleu',
      '--hyp',
      file('hyp.txt'),
      '--ref',
      file('ref2.txt'),
      '--smooth',
      'floor',
      '--lowercase',
    ]);
    const expected = corpusBleu(HYPS, [REF2], { smooth: 'floor', lowercase: true }).score;
    expect((JSON.parse(stdout) as { score: number }).score).toBe(expected);
  });

  it.each([
    [['bleu', '--hyp', 'x'], /--ref FILE/],
    [['bleu', '--ref', 'x'], /--hyp FILE/],
    [['meteor', '--hyp', 'x', '--ref', 'y'], /Unknown command/],
    [['bleu', '--hyp', 'a', '--ref', 'b', '--tokenize', 'zh'], /--tokenize must be one of/],
    [['rouge', '--hyp', 'a', '--ref', 'b', '--types', 'rougeX'], /Invalid ROUGE type/],
    [['chrf', '--hyp', 'a', '--ref', 'b', '--word-order=-1'], /--word-order must be a non-negative integer/],
    [['chrf', '--hyp', 'a', '--ref', 'b', '--char-order', '0'], /cannot both be 0/],
    [['chrf', '--hyp', 'a', '--ref', 'b', '--beta', '0'], /--beta must be a positive number/],
    [['ter', '--hyp', 'a', '--ref', 'b', 'extra'], /Unexpected argument/],
    [['bleu', '--bogus'], /Unknown option/],
  ])('usage errors exit 2: %j', (args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('mismatched line counts and missing files are reported', () => {
    const mismatch = run(['bleu', '--hyp', file('hyp.txt'), '--ref', file('short.txt')]);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toMatch(/has 1 lines but/);
    const missing = run(['rouge', '--hyp', file('nope.txt'), '--ref', file('ref1.txt')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
  });
});
