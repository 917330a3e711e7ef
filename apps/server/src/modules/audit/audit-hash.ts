import { sha256Hex } from '../../platform/crypto.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on how jsonb reorders object keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  id: string;
  orgId: string | null;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** hash = SHA-256(previous hash ‖ canonical content): changing, removing or reordering a row breaks every later link. */
export function auditHash(prevHash: string, e: HashedFields): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        id: e.id,
        orgId: e.orgId,
        seq: e.seq,
        at: e.at.toISOString(),
        actorType: e.actorType,
        actorId: e.actorId,
        actorEmail: e.actorEmail,
        action: e.action,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        ip: e.ip,
        userAgent: e.userAgent,
        details: e.details,
      }),
  );
}
