import {
  ANALYTICS_MAX_RANGE_DAYS,
  AnalyticsGroupBy,
  AnalyticsSource,
  type AnalyticsQuery,
} from '@promptops/contracts';

/**
 * What the dashboard shows, as it lives in the page's URL (so a view can be shared and survives
 * a reload), and its conversion to the API query. Periods are whole UTC hours or days, the
 * buckets the server counts in.
 */

export const PERIOD_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Period = PeriodPreset | 'custom';

/** The query as the client sends it (the contract's input type leaves the coerced version unknown). */
export type AnalyticsRequest = Omit<AnalyticsQuery, 'promptVersion'> & { promptVersion?: number };

export type Source = AnalyticsQuery['source'];
export type GroupBy = NonNullable<AnalyticsQuery['groupBy']>;

export interface AnalyticsView {
  period: Period;
  /** Custom period: first and last day shown, inclusive, as `YYYY-MM-DD` (UTC). */
  from: string;
  to: string;
  promptName: string;
  promptVersion: number | null;
  modelId: string;
  source: NonNullable<Source> | '';
  groupBy: GroupBy | '';
  scoreKey: string;
}

export const DEFAULT_VIEW: AnalyticsView = {
  period: '7d',
  from: '',
  to: '',
  promptName: '',
  promptVersion: null,
  modelId: '',
  source: '',
  groupBy: '',
  scoreKey: '',
};

export const PERIOD_LABELS: Record<Period, string> = {
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
  '90d': '90 d',
  custom: 'Custom',
};

const PRESET_HOURS: Record<PeriodPreset, number> = { '24h': 24, '7d': 168, '30d': 720, '90d': 2160 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Periods up to this long are counted per hour, longer ones per day. */
const HOURLY_UP_TO = 2 * DAY;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isPeriod(value: string | null): value is Period {
  return value === 'custom' || (PERIOD_PRESETS as readonly string[]).includes(value ?? '');
}

/** Reads the view from the page's search parameters; anything unreadable falls back to the default. */
export function parseView(params: URLSearchParams): AnalyticsView {
  const period = params.get('period');
  const version = Number(params.get('version'));
  const source = AnalyticsSource.safeParse(params.get('source'));
  const groupBy = AnalyticsGroupBy.safeParse(params.get('groupBy'));
  const promptName = params.get('prompt') ?? '';
  return {
    period: isPeriod(period) ? period : DEFAULT_VIEW.period,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    promptName,
    // A version means nothing without its prompt.
    promptVersion: promptName && Number.isInteger(version) && version > 0 ? version : null,
    modelId: params.get('model') ?? '',
    source: source.success ? source.data : '',
    groupBy: groupBy.success ? groupBy.data : '',
    scoreKey: params.get('scoreKey') ?? '',
  };
}

/** The search parameters for a view, leaving out what is the default (short, shareable URLs). */
export function viewToSearch(view: AnalyticsView): Record<string, string> {
  const search: Record<string, string> = {};
  if (view.period !== DEFAULT_VIEW.period) search.period = view.period;
  if (view.period === 'custom') {
    if (view.from) search.from = view.from;
    if (view.to) search.to = view.to;
  }
  if (view.promptName) search.prompt = view.promptName;
  if (view.promptName && view.promptVersion !== null) search.version = String(view.promptVersion);
  if (view.modelId) search.model = view.modelId;
  if (view.source) search.source = view.source;
  if (view.groupBy) search.groupBy = view.groupBy;
  if (view.scoreKey) search.scoreKey = view.scoreKey;
  return search;
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  interval: 'hour' | 'day';
}

export type PeriodResult = { ok: true; period: ResolvedPeriod } | { ok: false; error: string };

function dayStart(day: string): number | null {
  if (!DAY_PATTERN.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The time range of a view. Presets end with the current hour (24 h) or day (longer ones), so
 * the range, and with it the query, stays the same until the next bucket starts.
 */
export function resolvePeriod(
  view: Pick<AnalyticsView, 'period' | 'from' | 'to'>,
  now: number,
): PeriodResult {
  if (view.period !== 'custom') {
    const hours = PRESET_HOURS[view.period];
    const interval = hours * HOUR <= HOURLY_UP_TO ? 'hour' : 'day';
    const unit = interval === 'hour' ? HOUR : DAY;
    const to = Math.floor(now / unit) * unit + unit;
    return {
      ok: true,
      period: { from: new Date(to - hours * HOUR).toISOString(), to: new Date(to).toISOString(), interval },
    };
  }
  const from = dayStart(view.from);
  const last = dayStart(view.to);
  if (from === null) return { ok: false, error: 'Pick the first day' };
  if (last === null) return { ok: false, error: 'Pick the last day' };
  if (last < from) return { ok: false, error: 'The last day is before the first' };
  const to = last + DAY;
  const interval = to - from <= HOURLY_UP_TO ? 'hour' : 'day';
  if (to - from > ANALYTICS_MAX_RANGE_DAYS[interval] * DAY)
    return { ok: false, error: `Pick at most ${ANALYTICS_MAX_RANGE_DAYS[interval]} days` };
  return {
    ok: true,
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval },
  };
}

/** The API query for a view over a resolved period; empty filters are left out. */
export function analyticsQuery(view: AnalyticsView, period: ResolvedPeriod): AnalyticsRequest {
  const query: AnalyticsRequest = { from: period.from, to: period.to, interval: period.interval };
  if (view.promptName) query.promptName = view.promptName;
  if (view.promptName && view.promptVersion !== null) query.promptVersion = view.promptVersion;
  if (view.modelId) query.modelId = view.modelId;
  if (view.source) query.source = view.source;
  if (view.groupBy) query.groupBy = view.groupBy;
  if (view.scoreKey) query.scoreKey = view.scoreKey;
  return query;
}

export function hasFilters(view: AnalyticsView): boolean {
  return Boolean(view.promptName || view.modelId || view.source);
}

/** `analytics-2026-03-01-to-2026-03-07.csv`: the days covered (`to` is exclusive). */
export function analyticsFileName(period: ResolvedPeriod, suffix = ''): string {
  const first = period.from.slice(0, 10);
  const last = new Date(Date.parse(period.to) - 1).toISOString().slice(0, 10);
  const days = first === last ? first : `${first}-to-${last}`;
  return `analytics-${days}${suffix}.csv`;
}
