import type { Schemas } from '@promptops/client';
import type { Gate } from './eval-options.js';

type Evaluation = Schemas['Evaluation'];

export interface GateResult {
  gate: Gate;
  variant: string;
  /** The variant's mean for the key; null when the variant has no such score. */
  mean: number | null;
  passed: boolean;
}

const gateText = (g: Gate) => `${g.key} ${g.kind === 'min' ? '≥' : '≤'} ${g.value}`;

/** Each gate against each variant it names (all variants when it names none). */
export function checkGates(evaluation: Evaluation, gates: Gate[]): GateResult[] {
  return gates.flatMap((gate) => {
    const variants = evaluation.variants
      .map((v, index) => ({ name: v.name, index }))
      .filter(
        (v) => gate.variant === undefined || v.name === gate.variant || String(v.index) === gate.variant,
      );
    return variants.map(({ name, index }) => {
      const metric = evaluation.summary.find((s) => s.variant === index)?.metrics[gate.key];
      const mean = metric ? metric.mean : null;
      const passed = mean !== null && (gate.kind === 'min' ? mean >= gate.value : mean <= gate.value);
      return { gate, variant: name, mean, passed };
    });
  });
}

/** Gates that name a variant (by name or number) not among `variants`: a typo must not pass. */
export function unmatchedGates(variants: readonly string[], gates: Gate[]): Gate[] {
  return gates.filter(
    (g) =>
      g.variant !== undefined && !variants.some((name, i) => name === g.variant || String(i) === g.variant),
  );
}

function number(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(1) : abs >= 1 ? n.toFixed(3) : n.toFixed(4);
}

function seconds(evaluation: Evaluation): string {
  if (!evaluation.startedAt || !evaluation.finishedAt) return '';
  const ms = Date.parse(evaluation.finishedAt) - Date.parse(evaluation.startedAt);
  return ` in ${(ms / 1000).toFixed(1)} s`;
}

/** The summary as text lines: per variant, per score key, the mean and its 95% interval. */
export function formatSummary(evaluation: Evaluation, url: string, gates: GateResult[]): string[] {
  const lines = [
    `Evaluation "${evaluation.name}" ${evaluation.status}${seconds(evaluation)}: ` +
      `${evaluation.progress.done} of ${evaluation.progress.total} results, ${evaluation.progress.failed} failed, cost $${evaluation.costUsd}`,
    `  ${url}`,
  ];
  if (evaluation.error) lines.push(`  error: ${evaluation.error}`);
  for (const [index, variant] of evaluation.variants.entries()) {
    const summary = evaluation.summary.find((s) => s.variant === index);
    const label = variant.prompt.label ? `@${variant.prompt.label}` : '';
    lines.push(
      '',
      `Variant ${index}${index === 0 ? ' (baseline)' : ''} "${variant.name}": ${variant.prompt.name}${label} version ${variant.prompt.version} on ${variant.model}`,
    );
    if (!summary) {
      lines.push('  no results');
      continue;
    }
    const keys = Object.keys(summary.metrics).sort();
    const width = Math.max(...keys.map((k) => k.length), 6);
    for (const key of keys) {
      const m = summary.metrics[key]!;
      const corpus = m.corpus !== undefined ? `  corpus ${number(m.corpus)}` : '';
      lines.push(
        `  ${key.padEnd(width)}  mean ${number(m.mean)}  95% CI [${number(m.ci95[0])}, ${number(m.ci95[1])}]  n=${m.n}${corpus}`,
      );
    }
    const p50 = summary.latencyMs.p50 === null ? '–' : `${Math.round(summary.latencyMs.p50)} ms`;
    const p95 = summary.latencyMs.p95 === null ? '–' : `${Math.round(summary.latencyMs.p95)} ms`;
    lines.push(`  latency p50 ${p50}, p95 ${p95}; cost $${summary.costUsd}; failed ${summary.failed}`);
  }
  const comparisons = evaluation.comparisons.filter((c) => c.variant !== 0);
  if (comparisons.length > 0) {
    lines.push('', 'Against the baseline (variant 0):');
    for (const c of comparisons)
      lines.push(
        `  ${evaluation.variants[c.variant]?.name ?? c.variant} ${c.metric}: difference ${number(c.meanDifference)} ` +
          `[${number(c.ci95[0])}, ${number(c.ci95[1])}], P(better) ${(c.probabilityBetter * 100).toFixed(0)}%`,
      );
  }
  if (gates.length > 0) {
    lines.push('', 'Gates:');
    for (const g of gates)
      lines.push(
        `  ${g.passed ? 'pass' : 'FAIL'}  ${gateText(g.gate)} for "${g.variant}": ${g.mean === null ? `no ${g.gate.key} scores` : number(g.mean)}`,
      );
  }
  return lines;
}

export function failedGateLines(gates: GateResult[]): string[] {
  return gates
    .filter((g) => !g.passed)
    .map(
      (g) =>
        `Gate failed: ${gateText(g.gate)} for variant "${g.variant}" (${g.mean === null ? `no ${g.gate.key} scores` : `mean ${number(g.mean)}`}).`,
    );
}
