import type { Analytics, AnalyticsPoint } from '@promptops/contracts';

/**
 * Shapes the analytics answer into what the charts draw: one row per time bucket, one column
 * per line. Columns are named `s0`, `s1`, … rather than by series key, because the chart reads
 * a dot in a data key as a path (model names such as "gpt-4.1" have dots).
 */

export type ChartMetric = 'runs' | 'cost' | 'latency' | 'tokens' | 'quality';

export interface ChartLine {
  /** The column in each row. */
  name: string;
  label: string;
  color: string;
}

export type ChartRow = { t: string; label: string } & Record<string, number | string | null>;

export interface ChartSpec {
  rows: ChartRow[];
  lines: ChartLine[];
  /** Series left out to keep the chart readable (the table lists every one). */
  hidden: number;
  /** Whether any line has a value to draw. */
  hasValues: boolean;
}

export const LINE_COLORS = [
  'blue.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'red.6',
  'cyan.6',
  'lime.7',
  'pink.6',
  'indigo.6',
  'yellow.7',
] as const;

/** At most this many series get a line of their own. */
export const MAX_LINES = 8;

const hourLabel = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "14:00" for an hour bucket, "Mar 5" for a day bucket (UTC, as the server counts). */
export function bucketLabel(t: string, interval: Analytics['interval']): string {
  const date = new Date(t);
  if (Number.isNaN(date.getTime())) return t;
  if (interval === 'day') return dayLabel.format(date);
  const time = hourLabel.format(date);
  // Midnight starts a new day: say which.
  return time === '00:00' ? `${dayLabel.format(date)} 00:00` : time;
}

type PointValue = (point: AnalyticsPoint | undefined) => number | null;

/** Counts are zero in a bucket the series has no point for; averages and percentiles are missing. */
const count =
  (read: (p: AnalyticsPoint) => number): PointValue =>
  (p) =>
    p ? read(p) : 0;
const measure =
  (read: (p: AnalyticsPoint) => number | null): PointValue =>
  (p) =>
    p ? read(p) : null;

interface Column {
  label: (seriesLabel: string) => string;
  value: PointValue;
  /** A fixed colour where the meaning asks for one (failures are red). */
  color?: string;
}

/** The columns of one series: two for a single series (runs and failures…), one per series when grouped. */
function columnsFor(metric: ChartMetric, grouped: boolean): Column[] {
  const own = (label: string) => () => label;
  const same = (seriesLabel: string) => seriesLabel;
  switch (metric) {
    case 'runs':
      return grouped
        ? [{ label: same, value: count((p) => p.executions) }]
        : [
            { label: own('Runs'), value: count((p) => p.executions) },
            { label: own('Failed'), value: count((p) => p.failed), color: 'red.6' },
          ];
    case 'cost':
      return [{ label: grouped ? same : own('Cost'), value: count((p) => Number(p.costUsd)) }];
    case 'latency':
      return grouped
        ? [{ label: same, value: measure((p) => p.latencyMs.p95) }]
        : [
            { label: own('p50'), value: measure((p) => p.latencyMs.p50) },
            { label: own('p95'), value: measure((p) => p.latencyMs.p95) },
          ];
    case 'tokens':
      return grouped
        ? [{ label: same, value: count((p) => p.inputTokens + p.outputTokens) }]
        : [
            { label: own('Input'), value: count((p) => p.inputTokens) },
            { label: own('Output'), value: count((p) => p.outputTokens) },
          ];
    case 'quality':
      return [{ label: grouped ? same : own('Score'), value: measure((p) => p.evaluationScore) }];
  }
}

/** The series with the most runs first, so the lines shown are the ones that matter. */
export function rankedSeries(analytics: Pick<Analytics, 'series'>): Analytics['series'] {
  return [...analytics.series].sort(
    (a, b) => b.totals.executions - a.totals.executions || a.label.localeCompare(b.label),
  );
}

export function buildChart(
  analytics: Pick<Analytics, 'series' | 'interval' | 'groupBy'>,
  metric: ChartMetric,
): ChartSpec {
  const grouped = analytics.groupBy !== null;
  const ranked = grouped ? rankedSeries(analytics) : analytics.series.slice(0, 1);
  const shown = ranked.slice(0, MAX_LINES);
  const columns = columnsFor(metric, grouped);

  const times = new Set<string>();
  for (const series of shown) for (const point of series.points) times.add(point.t);
  const sortedTimes = [...times].sort((a, b) => Date.parse(a) - Date.parse(b));

  const lines: ChartLine[] = [];
  const readers: { name: string; read: (t: string) => number | null }[] = [];
  shown.forEach((series, s) => {
    const byTime = new Map(series.points.map((p) => [p.t, p]));
    columns.forEach((column, c) => {
      const name = `s${s * columns.length + c}`;
      lines.push({
        name,
        label: column.label(series.label),
        color: column.color ?? LINE_COLORS[(s * columns.length + c) % LINE_COLORS.length]!,
      });
      readers.push({ name, read: (t) => column.value(byTime.get(t)) });
    });
  });

  let hasValues = false;
  const rows = sortedTimes.map((t) => {
    const row: ChartRow = { t, label: bucketLabel(t, analytics.interval) };
    for (const reader of readers) {
      const value = reader.read(t);
      row[reader.name] = value;
      if (value !== null && value !== 0) hasValues = true;
    }
    return row;
  });
  return { rows, lines, hidden: ranked.length - shown.length, hasValues };
}
