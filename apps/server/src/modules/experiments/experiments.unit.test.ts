import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignVariant, subjectPoint } from './assignment.js';
import { experimentResults, type VariantData } from './results.js';

// Reference values below were computed with SciPy 1.17.1 (scipy.stats.beta.ppf, scipy.stats.t.ppf,
// and scipy.integrate.quad for P(best)).

describe('sticky assignment', () => {
  const experimentId = '0d7f3c52-6a5e-4f0e-9d0c-2f1f6c1b9a11';
  const variants = [
    { name: 'a', weight: 1 },
    { name: 'b', weight: 1 },
  ];

  it('gives a subject the same variant every time, from the experiment id and subject alone', () => {
    for (let i = 0; i < 1000; i++) {
      const subject = `user-${i}`;
      const first = assignVariant(experimentId, variants, subject).name;
      // A fresh copy of the variants (another server, a restart) agrees.
      expect(assignVariant(experimentId, structuredClone(variants), subject).name).toBe(first);
    }
    // Pinned values: a change to the hash would reshuffle every running experiment's subjects.
    expect(subjectPoint(experimentId, 'user-1')).toBe(0.13906757080965093);
    expect(subjectPoint(experimentId, 'user-2')).toBe(0.7683692770274639);
  });

  it('splits 100,000 subjects by the weights within ±1 %', () => {
    const weighted = [
      { name: 'a', weight: 5 },
      { name: 'b', weight: 3 },
      { name: 'c', weight: 1.5 },
      { name: 'd', weight: 0.5 },
    ];
    const counts = new Map<string, number>();
    const id = randomUUID();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const v = assignVariant(id, weighted, `subject-${i}`).name;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const v of weighted)
      expect(Math.abs((counts.get(v.name) ?? 0) / n - v.weight / 10)).toBeLessThan(0.01);
  });

  it('assigns independently in different experiments', () => {
    const e1 = randomUUID();
    const e2 = randomUUID();
    let same = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++)
      if (assignVariant(e1, variants, `s${i}`).name === assignVariant(e2, variants, `s${i}`).name) same++;
    // Independent 50/50 splits agree half of the time (±4 standard deviations).
    expect(Math.abs(same / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});

const rule = (over: Partial<Parameters<typeof experimentResults>[0]> = {}) => ({
  metric: { name: 'converted', kind: 'binary' as const, higherIsBetter: true },
  minSamples: 100,
  maxExpectedLoss: 0.005,
  ...over,
});
const binary = (name: string, successes: number, n: number): VariantData => ({
  name,
  version: 1,
  subjects: n,
  n,
  sum: successes,
  mean: n > 0 ? successes / n : 0,
  variance: 0,
});

describe('experiment results', () => {
  it('reports Beta(1 + successes, 1 + failures) posteriors and their central 95 % intervals', () => {
    const { variants } = experimentResults(rule(), [binary('a', 45, 100), binary('b', 180, 400)]);
    expect(variants[0]!.posterior).toEqual({ kind: 'beta', alpha: 46, beta: 56 });
    expect(variants[0]!.ci95![0]).toBeCloseTo(0.3560015981147851, 10);
    expect(variants[0]!.ci95![1]).toBeCloseTo(0.5477807813438309, 10);
    expect(variants[1]!.ci95![0]).toBeCloseTo(0.4019350904940204, 10);
    expect(variants[1]!.ci95![1]).toBeCloseTo(0.49903136058138425, 10);
    expect(variants[0]!.curve).toHaveLength(101);
    expect(variants[0]!.curve.every((p) => p.density >= 0)).toBe(true);
  });

  it('declares a winner when P(best) ≥ 0.95 and the expected loss is small enough', () => {
    const { variants, decision } = experimentResults(rule(), [binary('a', 80, 400), binary('b', 120, 400)]);
    expect(variants[1]!.probabilityBest).toBeCloseTo(0.9994563097947045, 7);
    expect(variants[0]!.probabilityBest! + variants[1]!.probabilityBest!).toBeCloseTo(1, 9);
    expect(decision.state).toBe('winner');
    expect(decision.winner).toBe('b');
    expect(decision.reason).toMatch(/b is best with probability 99\.9 %/);
  });

  it('keeps collecting below the minimum sample size, naming the short variants', () => {
    const { decision } = experimentResults(rule({ minSamples: 500 }), [
      binary('a', 80, 400),
      binary('b', 120, 400),
    ]);
    expect(decision).toMatchObject({ state: 'collecting', winner: null });
    expect(decision.reason).toContain('a has 400');
  });

  it('stays undecided when the leader is not clearly best, or its expected loss is too high', () => {
    const close = experimentResults(rule(), [binary('a', 100, 400), binary('b', 104, 400)]);
    expect(close.decision.state).toBe('undecided');
    expect(close.decision.reason).toMatch(/the leader, b, is at/);
    const lossy = experimentResults(rule({ maxExpectedLoss: 0 }), [
      binary('a', 80, 400),
      binary('b', 120, 400),
    ]);
    expect(lossy.decision.state).toBe('undecided');
    expect(lossy.decision.reason).toMatch(/expected loss .* is above the accepted 0/);
  });

  it('treats lower-is-better metrics the other way round', () => {
    const { decision } = experimentResults(
      rule({ metric: { name: 'error', kind: 'binary', higherIsBetter: false } }),
      [binary('a', 80, 400), binary('b', 120, 400)],
    );
    expect(decision.winner).toBe('a');
  });

  it('uses the Student t posterior for continuous metrics and waits for variants without one', () => {
    const cont = (name: string, n: number, mean: number, variance: number): VariantData => ({
      name,
      version: 1,
      subjects: n,
      n,
      sum: mean * n,
      mean,
      variance,
    });
    const r = rule({ metric: { name: 'revenue', kind: 'continuous', higherIsBetter: true }, minSamples: 2 });
    const { variants } = experimentResults(r, [cont('a', 40, 3.2, 1.5), cont('b', 40, 3.0, 1.5)]);
    expect(variants[0]!.posterior).toMatchObject({ kind: 'student-t', location: 3.2, df: 39 });
    expect(variants[0]!.ci95![0]).toBeCloseTo(2.8083075876086334, 9);
    expect(variants[0]!.ci95![1]).toBeCloseTo(3.591692412391367, 9);
    const waiting = experimentResults(r, [cont('a', 40, 3.2, 1.5), cont('b', 5, 2, 0)]);
    expect(waiting.variants[1]!.posterior.kind).toBe('none');
    expect(waiting.variants[1]!.probabilityBest).toBeNull();
    expect(waiting.decision.state).toBe('collecting');
    expect(waiting.decision.reason).toContain('All outcomes are equal');
  });
});
