import { createContext, useContext } from 'react';
import { hasPermission, type Membership, type Permission } from '@promptops/contracts';

/** The membership of the organization in the URL; provided by the app layout. */
export const CurrentOrgContext = createContext<Membership | null>(null);

export function useCurrentOrg(): Membership {
  const membership = useContext(CurrentOrgContext);
  if (membership === null) throw new Error('useCurrentOrg must be used under /orgs/:orgId');
  return membership;
}

/** Whether the user's role in the current organization grants `permission` (UI hint; the server enforces). */
export function useCan(permission: Permission): boolean {
  return hasPermission(useCurrentOrg().role, permission);
}
