import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditPage, AuditQuery, AuditVerifyResponse } from '@promptops/contracts';
import type { Executor } from '../../platform/db/database.js';
import type { RequestMeta } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import * as repo from './audit.repository.js';
import { GENESIS_HASH, auditHash } from './audit-hash.js';

export interface AuditInput {
  orgId: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends an event to the organization's chain. Must be called inside the transaction of the
 * change it records, so the event and the change commit (or roll back) together.
 */
export async function recordAudit(tx: Executor, meta: RequestMeta, input: AuditInput): Promise<void> {
  await repo.lockChain(tx, input.orgId);
  const head = await repo.findChainHead(tx, input.orgId);
  const actor = meta.actor;
  const fields = {
    id: randomUUID(),
    orgId: input.orgId,
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    actorType: actor.type,
    actorId: actor.type === 'user' || actor.type === 'api_key' ? actor.id : null,
    actorEmail:
      actor.type === 'user' ? actor.email : actor.type === 'anonymous' ? (actor.email ?? null) : null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent ? meta.userAgent.slice(0, 512) : null,
    details: input.details ?? {},
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await repo.insertAuditRow(tx, { ...fields, prevHash, hash: auditHash(prevHash, fields) });
}

function toAuditEvent(r: repo.AuditRow): AuditEvent {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { type: r.actorType as AuditEvent['actor']['type'], id: r.actorId, email: r.actorEmail },
    action: r.action,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    ip: r.ip,
    userAgent: r.userAgent,
    details: r.details,
  };
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw badRequest('Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);
  return seq;
}
const encodeCursor = (seq: number) => Buffer.from(String(seq)).toString('base64url');

function toFilter(q: Omit<AuditQuery, 'limit' | 'cursor'>): repo.AuditFilter {
  return {
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.resourceType ? { resourceType: q.resourceType } : {}),
  };
}

export async function listAudit(db: Executor, orgId: string, q: AuditQuery): Promise<AuditPage> {
  const beforeSeq = decodeCursor(q.cursor);
  const filter = { ...toFilter(q), ...(beforeSeq !== undefined ? { beforeSeq } : {}) };
  const rows = await repo.listAuditRows(db, orgId, filter, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toAuditEvent),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.seq) : null,
  };
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor_type',
  'actor_id',
  'actor_email',
  'action',
  'resource_type',
  'resource_id',
  'ip',
  'user_agent',
  'details',
];

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets don't run it as a formula. */
export function csvCell(value: unknown): string {
  let s =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Streams the filtered log as CSV, newest first, page by page so memory stays flat. */
export async function* exportAuditCsv(
  db: Executor,
  orgId: string,
  q: Omit<AuditQuery, 'limit' | 'cursor'>,
): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  let beforeSeq: number | undefined;
  for (;;) {
    const rows = await repo.listAuditRows(
      db,
      orgId,
      { ...toFilter(q), ...(beforeSeq ? { beforeSeq } : {}) },
      500,
    );
    if (rows.length === 0) return;
    yield rows
      .map(
        (r) =>
          [
            r.id,
            r.at.toISOString(),
            r.actorType,
            r.actorId,
            r.actorEmail,
            r.action,
            r.resourceType,
            r.resourceId,
            r.ip,
            r.userAgent,
            r.details,
          ]
            .map(csvCell)
            .join(',') + '\r\n',
      )
      .join('');
    beforeSeq = rows[rows.length - 1]!.seq;
  }
}

/** Recomputes the chain from the first event; reports the first row whose link or content does not match. */
export async function verifyAuditChain(db: Executor, orgId: string): Promise<AuditVerifyResponse> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await repo.listChainPage(db, orgId, afterSeq, 1000);
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null };
    for (const r of rows) {
      checked += 1;
      if (r.seq !== expectedSeq || r.prevHash !== prevHash || auditHash(prevHash, r) !== r.hash) {
        return { ok: false, checked, firstBrokenId: r.id };
      }
      prevHash = r.hash;
      expectedSeq += 1;
    }
    afterSeq = rows[rows.length - 1]!.seq;
  }
}
