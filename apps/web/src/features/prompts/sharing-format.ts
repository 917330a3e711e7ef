import type { ShareLink } from '@promptops/contracts';

/** Lifetimes the share dialog offers, in days (the server allows up to a year). */
export const EXPIRY_CHOICES = [
  { value: '1', label: '1 day' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
] as const;

export function expiryFromNow(days: number, now: number): string {
  return new Date(now + days * 86_400_000).toISOString();
}

export type ShareLinkState = 'active' | 'revoked' | 'expired';

export function shareLinkState(
  link: Pick<ShareLink, 'revokedAt' | 'expiresAt'>,
  now: number,
): ShareLinkState {
  if (link.revokedAt) return 'revoked';
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'active';
}

/** An absolute address for a link the server gave relative (no public URL configured). */
export function absoluteShareUrl(url: string, origin: string): string {
  return /^https?:\/\//.test(url) ? url : `${origin}${url}`;
}

export interface PromptUsageGroup {
  name: string;
  usages: { version: number; labels: string[]; reference: string }[];
}

/** "Used by" rows grouped per including prompt, in the server's order (by name, then version). */
export function groupUsages(
  items: readonly { name: string; version: number; labels: string[]; reference: string }[],
): PromptUsageGroup[] {
  const groups = new Map<string, PromptUsageGroup>();
  for (const { name, ...usage } of items) {
    const group = groups.get(name) ?? { name, usages: [] };
    group.usages.push(usage);
    groups.set(name, group);
  }
  return [...groups.values()];
}
