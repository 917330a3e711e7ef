import type { Analytics } from '@promptops/contracts';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}

const HEADER = [
  'series',
  'label',
  'executions',
  'failed',
  'error_rate',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_p50_ms',
  'latency_p95_ms',
  'evaluation_score',
] as const;

/**
 * The table of series totals as CSV, one line per series (when grouped) plus the overall total. Cost stays
 * the server's exact decimal string; nothing is rounded.
 */
export function seriesTotalsCsv(analytics: Pick<Analytics, 'series' | 'totals' | 'groupBy'>): string {
  const rows: { key: string; label: string; totals: Analytics['totals'] }[] = [
    // Ungrouped, the one series is the total.
    ...(analytics.groupBy === null ? [] : analytics.series),
    { key: 'total', label: 'Total', totals: analytics.totals },
  ];
  const lines = [
    csvLine(HEADER),
    ...rows.map(({ key, label, totals }) =>
      csvLine([
        key,
        label,
        totals.executions,
        totals.failed,
        totals.errorRate,
        totals.inputTokens,
        totals.outputTokens,
        totals.costUsd,
        totals.latencyMs.p50,
        totals.latencyMs.p95,
        totals.evaluationScore,
      ]),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
