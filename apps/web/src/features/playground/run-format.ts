/** "850 ms" under a second, "1.24 s" above: latency badges stay short. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const integer = new Intl.NumberFormat('en-US');

export function formatTokens(tokens: number, exact = true): string {
  return `${exact ? '' : '≈'}${integer.format(tokens)} token${tokens === 1 ? '' : 's'}`;
}

/** First line of a run's output for history lists. */
export function previewText(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
