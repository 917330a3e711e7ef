import type { Membership } from '@promptops/contracts';

export const LAST_ORG_KEY = 'promptops.lastOrgId';

/** The organization `/` opens: the one used last if the user still belongs to it, else the first. */
export function pickDefaultOrgId(
  memberships: readonly Membership[],
  lastOrgId: string | null,
): string | null {
  if (lastOrgId !== null && memberships.some((m) => m.organization.id === lastOrgId)) return lastOrgId;
  return memberships[0]?.organization.id ?? null;
}

export function findMembership(
  memberships: readonly Membership[],
  orgId: string | undefined,
): Membership | null {
  if (orgId === undefined) return null;
  return memberships.find((m) => m.organization.id === orgId) ?? null;
}

/**
 * Keeps the user on the same section (members, audit, …) when switching organization. Deeper
 * paths name resources of the old organization, so only the first segment is kept.
 */
export function switchOrgPath(pathname: string, currentOrgId: string, nextOrgId: string): string {
  const prefix = `/orgs/${currentOrgId}/`;
  const section = pathname.startsWith(prefix) ? pathname.slice(prefix.length).split('/')[0] : '';
  return section ? `/orgs/${nextOrgId}/${section}` : `/orgs/${nextOrgId}`;
}

export function readLastOrgId(): string | null {
  try {
    return window.localStorage.getItem(LAST_ORG_KEY);
  } catch {
    return null;
  }
}

export function rememberOrgId(orgId: string): void {
  try {
    window.localStorage.setItem(LAST_ORG_KEY, orgId);
  } catch {
    // Not remembering the last organization only costs a click.
  }
}
