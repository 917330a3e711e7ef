import { describe, expect, it } from 'vitest';
import type { Evaluation } from '@promptops/contracts';
import {
  bestVariants,
  formatDelta,
  formatInterval,
  formatProbability,
  formatScore,
  improvement,
  metricInfos,
  progressPercent,
  verdict,
} from './metrics-view';

const metric = (mean: number, n = 10) => ({ mean, ci95: [mean - 0.1, mean + 0.1] as [number, number], n });
const summary = (metrics: Record<string, number>[]): Evaluation['summary'] =>
  metrics.map((m, variant) => ({
    variant,
    metrics: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, metric(v)])),
    latencyMs: { p50: 10, p95: 20 },
    costUsd: '0',
    failed: 0,
  }));

describe('metric infos', () => {
  it('lists score keys in evaluator order with their direction, then extra summary keys', () => {
    const infos = metricInfos(
      [
        { type: 'rouge', config: { types: ['rouge1', 'rougeL'] } },
        { type: 'ter' },
        { type: 'latency' },
        { type: 'custom', name: 'polite', config: { code: 'x' } },
      ],
      summary([{ other: 1 }]),
    );
    expect(infos.map((i) => [i.key, i.lowerIsBetter])).toEqual([
      ['rouge1', false],
      ['rougeL', false],
      ['ter', true],
      ['latency_ms', true],
      ['polite', false],
      ['other', false],
    ]);
  });
});

describe('formatting', () => {
  it('formats by metric type', () => {
    expect(formatScore({ type: 'bleu' }, 42.123)).toBe('42.1');
    expect(formatScore({ type: 'exact-match' }, 0.5)).toBe('0.500');
    expect(formatScore({ type: 'latency' }, 1234)).toBe('1.23 s');
    expect(formatScore({ type: 'cost' }, 0.0012)).toBe('$0.0012');
    expect(formatScore({ type: null }, Number.NaN)).toBe('—');
  });

  it('signs differences and intervals', () => {
    expect(formatDelta({ type: 'rouge' }, 0.042)).toBe('+0.042');
    expect(formatDelta({ type: 'ter' }, -3.14)).toBe('−3.1');
    expect(formatDelta({ type: 'latency' }, 120)).toBe('+120 ms');
    expect(formatDelta({ type: 'rouge' }, 0)).toBe('±0.000');
    expect(formatInterval({ type: 'rouge' }, [-0.01, 0.05])).toBe('[-0.010, 0.050]');
  });

  it('never shows a probability as certain', () => {
    expect(formatProbability(0.999)).toBe('> 99 %');
    expect(formatProbability(0.001)).toBe('< 1 %');
    expect(formatProbability(0.456)).toBe('46 %');
  });

  it('reads a comparison', () => {
    expect(verdict(0.97)).toBe('better');
    expect(verdict(0.02)).toBe('worse');
    expect(verdict(0.5)).toBe('unclear');
  });

  it('makes positive mean better', () => {
    expect(improvement({ lowerIsBetter: true }, -5)).toBe(5);
    expect(improvement({ lowerIsBetter: false }, -5)).toBe(-5);
  });

  it('computes progress', () => {
    expect(progressPercent({ done: 5, failed: 1, total: 20 })).toBe(25);
    expect(progressPercent({ done: 0, failed: 0, total: 0 })).toBe(0);
  });
});

describe('best variants', () => {
  it('picks the best mean per metric in its direction, with ties', () => {
    const infos = metricInfos([{ type: 'exact-match' }, { type: 'latency' }]);
    const best = bestVariants(
      summary([
        { exact_match: 0.5, latency_ms: 300 },
        { exact_match: 0.8, latency_ms: 200 },
        { exact_match: 0.8, latency_ms: 250 },
      ]),
      infos,
    );
    expect([...best.get('exact_match')!]).toEqual([1, 2]);
    expect([...best.get('latency_ms')!]).toEqual([1]);
  });

  it('names no best with a single variant or when all are equal', () => {
    expect(bestVariants(summary([{ exact_match: 1 }]), metricInfos([{ type: 'exact-match' }])).size).toBe(0);
    expect(
      bestVariants(summary([{ exact_match: 0 }, { exact_match: 0 }]), metricInfos([{ type: 'exact-match' }]))
        .size,
    ).toBe(0);
  });
});
