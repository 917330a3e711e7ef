import { hasPermission, type Permission, type Role } from '@promptops/contracts';

/** One entry of the organization navbar. Later modules append theirs to NAV_ITEMS (nav-items.tsx). */
export interface NavEntry {
  label: string;
  /** Relative to /orgs/:orgId; '' is the overview. */
  path: string;
  /** The permission a role needs to see the entry (and to open the page). */
  permission: Permission;
  testId: string;
}

export function visibleNavItems<T extends NavEntry>(items: readonly T[], role: Role): T[] {
  return items.filter((item) => hasPermission(role, item.permission));
}

export function orgPath(orgId: string, path: string): string {
  return path === '' ? `/orgs/${orgId}` : `/orgs/${orgId}/${path}`;
}

/** The entry a pathname belongs to: the longest matching path, so '' only matches the overview. */
export function activeNavPath(items: readonly NavEntry[], orgId: string, pathname: string): string | null {
  let best: string | null = null;
  for (const item of items) {
    const target = orgPath(orgId, item.path);
    const matches =
      item.path === ''
        ? pathname === target || pathname === `${target}/`
        : pathname === target || pathname.startsWith(`${target}/`);
    if (matches && (best === null || item.path.length > best.length)) best = item.path;
  }
  return best;
}
