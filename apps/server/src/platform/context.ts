import type { Role } from '@promptops/contracts';

export type Actor =
  | { type: 'user'; id: string; email: string }
  | { type: 'api_key'; id: string; name: string }
  | { type: 'system' }
  | { type: 'anonymous'; email?: string };

/** What a service needs to know about the caller, free of HTTP objects. */
export interface RequestMeta {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
}

/** An authorised call into one organization. */
export interface OrgContext extends RequestMeta {
  orgId: string;
  role: Role;
}

export const systemMeta: RequestMeta = { actor: { type: 'system' }, ip: null, userAgent: null };
