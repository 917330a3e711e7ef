import type { Problem } from '@promptops/contracts';

export type RunFailureKind = 'rate-limit' | 'circuit-open' | 'timeout' | 'provider' | 'other';

export interface RunFailure {
  kind: RunFailureKind;
  title: string;
  message: string;
  /** Alert color: a rate limit or an open circuit is a wait, not a bug. */
  color: string;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The "since <ISO>" the server puts in its circuit-open detail, as a local time of day. */
function openedSince(detail: string | undefined): string | null {
  const match = /since (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(detail ?? '');
  if (!match?.[1]) return null;
  const date = new Date(match[1]);
  return Number.isNaN(date.getTime()) ? null : timeOfDay.format(date);
}

function retryIn(problem: Problem): string | null {
  if (problem.retryAfterSeconds === undefined) return null;
  return `${Math.max(1, Math.ceil(problem.retryAfterSeconds))} s`;
}

/**
 * What the playground says about a failed run, from the problem the API answered with (a 429
 * before the call, or the `problem` of a stream's `error` event).
 */
export function describeRunFailure(problem: Problem, fallbackMessage?: string | null): RunFailure {
  const detail = problem.detail ?? problem.title;
  const wait = retryIn(problem);
  switch (problem.status) {
    case 429:
      return {
        kind: 'rate-limit',
        title: wait ? `Rate limit reached, retry in ${wait}` : 'Rate limit reached',
        // The title already says when; drop the server's own "; retry in N s" tail.
        message: wait ? detail.replace(/[;,.]?\s*retry in \d+ ?s\.?$/i, '.') : detail,
        color: 'orange',
      };
    case 503: {
      const since = openedSince(problem.detail);
      const retry = wait
        ? `Retry in ${wait}.`
        : 'After the breaker’s wait (30 s by default) the next run goes through as a probe; if it succeeds the circuit closes.';
      return {
        kind: 'circuit-open',
        title: 'Circuit open — failing fast',
        message: `The provider failed repeatedly${since ? ` (circuit open since ${since})` : ''}, so runs fail at once without calling it. ${retry}`,
        color: 'orange',
      };
    }
    case 504:
      return {
        kind: 'timeout',
        title: 'Timed out',
        message: `${detail} Raise the provider's timeouts in its settings if the model is just slow.`,
        color: 'red',
      };
    case 502:
      return { kind: 'provider', title: 'The provider failed', message: detail, color: 'red' };
    default:
      // Other problems (validation, permissions) keep the fuller message the client composed.
      return {
        kind: 'other',
        title: 'Run failed',
        message: fallbackMessage ?? (wait ? `${detail} Try again in ${wait}.` : detail),
        color: 'red',
      };
  }
}

/** A failure without a problem (a stored failed run, a dropped connection). */
export function plainFailure(message: string): RunFailure {
  return { kind: 'other', title: 'Run failed', message, color: 'red' };
}
