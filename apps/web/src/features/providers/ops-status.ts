import type { HealthStatus, Provider, ProviderHealth } from '@promptops/contracts';

export interface StatusMeta {
  label: string;
  /** A Mantine color name. */
  color: string;
  description: string;
}

export const HEALTH_META: Record<HealthStatus, StatusMeta> = {
  healthy: { label: 'Healthy', color: 'teal', description: 'Answered the last check quickly.' },
  degraded: { label: 'Degraded', color: 'yellow', description: 'Slow or rate-limited at the last check.' },
  down: { label: 'Down', color: 'red', description: 'Failed or timed out at the last check.' },
  unknown: { label: 'Unknown', color: 'gray', description: 'Not checked yet.' },
};

export const UNKNOWN_HEALTH: ProviderHealth = { status: 'unknown', checkedAt: null, latencyMs: null };

/**
 * The latest health of a provider or model. Tolerates a server without health checks (the
 * field is missing) or an unexpected status, so the UI shows "unknown" instead of crashing.
 */
export function healthOf(entity: object | null | undefined): ProviderHealth {
  const health = (entity as { health?: ProviderHealth | null } | null | undefined)?.health;
  if (!health || !(health.status in HEALTH_META)) return UNKNOWN_HEALTH;
  return health;
}

export type BreakerState = Provider['breaker']['state'];

export const BREAKER_META: Record<BreakerState, StatusMeta> = {
  closed: { label: 'Closed', color: 'teal', description: 'Calls go through normally.' },
  'half-open': {
    label: 'Half-open',
    color: 'yellow',
    description: 'The next call is a probe; success closes the circuit.',
  },
  open: {
    label: 'Open',
    color: 'red',
    description: 'The provider failed repeatedly; calls fail fast until a probe succeeds.',
  },
};

/** The breaker's state, "closed" when the server does not report one. */
export function breakerOf(provider: { breaker?: Provider['breaker'] | null }): {
  state: BreakerState;
  openedAt: string | null;
} {
  const state = provider.breaker?.state;
  if (!state || !(state in BREAKER_META)) return { state: 'closed', openedAt: null };
  return { state, openedAt: provider.breaker?.openedAt ?? null };
}

/**
 * The line under the breaker badge: when it opened and when the next call may probe the
 * provider (openedAt + the half-open wait), or what "closed" means.
 */
export function describeBreaker(
  breaker: { state: BreakerState; openedAt: string | null },
  halfOpenAfterMs: number,
  now: number = Date.now(),
): string {
  if (breaker.state === 'closed' || breaker.openedAt === null) return BREAKER_META[breaker.state].description;
  const opened = `Opened ${formatAgo(breaker.openedAt, now)}`;
  if (breaker.state === 'half-open') return `${opened} · the next call probes the provider`;
  const probe = formatIn(new Date(Date.parse(breaker.openedAt) + halfOpenAfterMs).toISOString(), now);
  return probe === null || probe === 'now'
    ? `${opened} · the next call probes the provider`
    : `${opened} · probe allowed ${probe}`;
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" without a time. */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'never';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** "in 12 s", "in 3 min", "now" for a time that has passed; null without a time. */
export function formatIn(iso: string | null | undefined, now: number = Date.now()): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 120) return `in ${seconds} s`;
  if (seconds < 7200) return `in ${Math.round(seconds / 60)} min`;
  return `in ${Math.round(seconds / 3600)} h`;
}

/** The health line under a badge: "checked 2 min ago · 140 ms". */
export function describeHealth(health: ProviderHealth, now: number = Date.now()): string {
  if (health.checkedAt === null) return 'Never checked';
  const latency = health.latencyMs === null ? '' : ` · ${Math.round(health.latencyMs)} ms`;
  return `Checked ${formatAgo(health.checkedAt, now)}${latency}`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });
const integer = new Intl.NumberFormat('en-US');

/**
 * "12 / 60" for a bar label. Both numbers share one notation, chosen by the larger: exact below
 * 100,000, compact above (limits can be millions of tokens), so "9,999 / 10,000" never reads
 * "9,999 / 10K".
 */
export function formatPair(value: number, limit: number): string {
  const format = Math.max(Math.abs(value), Math.abs(limit)) < 100_000 ? integer : compact;
  return `${format.format(value)} / ${format.format(limit)}`;
}

/** Above this share used, a bar turns yellow; at or above 100 % it turns red. */
const WARN_AT = 0.8;

export interface Progress {
  /** 0–100, for a progress bar. */
  percent: number;
  color: string;
  /** "12 / 60" style text. */
  label: string;
  /** When the window resets, e.g. "resets in 12 s"; null when unknown. */
  reset: string | null;
}

function colorFor(usedShare: number): string {
  if (usedShare >= 1) return 'red';
  if (usedShare >= WARN_AT) return 'yellow';
  return 'teal';
}

function clampPercent(share: number): number {
  if (!Number.isFinite(share)) return 0;
  return Math.min(100, Math.max(0, share * 100));
}

/**
 * A provider's own limit from its headers, as the share still *remaining* (the bar empties as
 * the window is used up). Null when the provider sent no such header.
 */
export function providerLimitProgress(
  window: { limit: number | null; remaining: number | null; resetAt: string | null } | null | undefined,
  now: number = Date.now(),
): Progress | null {
  if (!window || window.limit === null || window.remaining === null || window.limit <= 0) return null;
  const remaining = Math.max(0, window.remaining);
  const share = remaining / window.limit;
  const reset = formatIn(window.resetAt, now);
  return {
    percent: clampPercent(share),
    color: colorFor(1 - share),
    label: `${formatPair(remaining, window.limit)} left`,
    reset: reset === null ? null : `resets ${reset}`,
  };
}

/**
 * This organization's use of a model in the current minute against its limit (the bar fills).
 * Without a limit the bar stays empty and the label says so.
 */
export function modelUsageProgress(
  window: { used: number; limit: number | null; resetAt: string } | null | undefined,
  now: number = Date.now(),
  /** The server counts refused requests too; beyond the limit the rest were refused. */
  countsRefused = false,
): Progress {
  const used = Math.max(0, window?.used ?? 0);
  const reset = window ? formatIn(window.resetAt, now) : null;
  if (!window || window.limit === null || window.limit <= 0) {
    return { percent: 0, color: 'gray', label: `${integer.format(used)} / no limit`, reset: null };
  }
  const share = used / window.limit;
  const refused = countsRefused ? Math.max(0, used - window.limit) : 0;
  return {
    percent: clampPercent(share),
    color: colorFor(share),
    label:
      refused > 0
        ? `${formatPair(window.limit, window.limit)} · ${refused} refused`
        : formatPair(used, window.limit),
    reset: reset === null ? null : `resets ${reset}`,
  };
}

/** The last `max` checks of a history (API order: newest first), oldest first for a left-to-right strip. */
export function recentChecks<T extends { checkedAt: string }>(items: readonly T[], max = 24): T[] {
  return items.slice(0, max).reverse();
}
