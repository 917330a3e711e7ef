import { randomUUID } from 'node:crypto';
import type {
  AuditCheckpoint,
  AuditEvent,
  AuditPage,
  AuditQuery,
  AuditVerifyResponse,
} from '@promptops/contracts';
import type { SecretBox } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/database.js';
import type { RequestMeta } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import * as repo from './audit.repository.js';
import { GENESIS_HASH, auditHash } from './audit-hash.js';
import { NIL_CHAIN, checkpointSignatureValid, signCheckpoint } from './audit-checkpoint.js';

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
  const hash = auditHash(prevHash, fields);
  await repo.insertAuditRow(tx, { ...fields, prevHash, hash });
  // The signed head lives outside the chain, so truncating or re-hashing the chain is detected.
  const chainId = input.orgId ?? NIL_CHAIN;
  await repo.upsertCheckpoint(tx, {
    chainId,
    seq: fields.seq,
    headHash: hash,
    signature: signCheckpoint(chainId, fields.seq, hash),
  });
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

/** The organization's signed checkpoint, for keeping off-site and checking later with `verify`. */
export async function exportCheckpoint(db: Executor, orgId: string): Promise<AuditCheckpoint> {
  const row = await repo.findCheckpoint(db, orgId);
  if (!row?.signature) throw notFound('Audit checkpoint');
  return {
    orgId,
    seq: row.seq,
    headHash: row.headHash,
    signature: row.signature,
    updatedAt: row.updatedAt.toISOString(),
  };
}

type Anchor = { seq: number; hash: string };

/**
 * Recomputes the chain from the first event and reports the first row whose link or content does
 * not match; then compares the head with the signed checkpoint kept outside the chain (so deleted
 * newest rows, a re-hashed chain or a deleted chain are detected) and, when given, with a
 * checkpoint exported earlier (`anchor`: that row must still be there with that hash).
 */
export async function verifyAuditChain(
  db: Executor,
  orgId: string,
  anchor?: Anchor,
): Promise<AuditVerifyResponse> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  let anchorSeen = false;
  const broken = (reason: AuditVerifyResponse['reason'], firstBrokenId: string | null = null) => ({
    ok: false,
    checked,
    firstBrokenId,
    reason,
  });
  for (;;) {
    const rows = await repo.listChainPage(db, orgId, afterSeq, 1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      checked += 1;
      if (r.seq !== expectedSeq || r.prevHash !== prevHash || auditHash(prevHash, r) !== r.hash) {
        return broken('row_tampered', r.id);
      }
      if (anchor && r.seq === anchor.seq) {
        if (r.hash !== anchor.hash) return broken('anchor_mismatch', r.id);
        anchorSeen = true;
      }
      prevHash = r.hash;
      expectedSeq += 1;
    }
    afterSeq = rows[rows.length - 1]!.seq;
  }
  if (anchor && !anchorSeen) return broken('anchor_missing');
  const cp = await repo.findCheckpoint(db, orgId);
  // Every organization records at least its creation, so a chain without a checkpoint was tampered with.
  if (!cp) return broken('checkpoint_missing');
  if (!cp.signature || !checkpointSignatureValid(orgId, cp.seq, cp.headHash, cp.signature)) {
    return broken('checkpoint_signature_invalid');
  }
  if (cp.seq !== checked) return broken(cp.seq > checked ? 'rows_missing' : 'checkpoint_behind');
  if (cp.headHash !== prevHash) return broken('head_mismatch');
  return { ok: true, checked, firstBrokenId: null, reason: null };
}

/**
 * Signs the checkpoints the migration created for chains that existed before checkpoints (trusted
 * as they are, once: only while no checkpoint is signed yet, i.e. at the first start after the
 * upgrade; later an unsigned checkpoint means tampering and stays unverifiable), and re-signs
 * valid checkpoints made under a previous master key. Idempotent; runs at start-up and in
 * `keys rotate`. Returns how many were (re)signed.
 */
export async function signCheckpoints(db: Executor, secrets: SecretBox): Promise<number> {
  const all = await repo.listCheckpointsAllChains(db);
  const firstStart = all.every((cp) => cp.signature === null);
  let signed = 0;
  for (const cp of all) {
    if (cp.signature === null ? !firstStart : cp.signature.split('.')[1] === secrets.keyId) continue;
    if (cp.signature !== null && !checkpointSignatureValid(cp.chainId, cp.seq, cp.headHash, cp.signature)) {
      continue;
    }
    const sig = signCheckpoint(cp.chainId, cp.seq, cp.headHash, secrets);
    if (await repo.setCheckpointSignature(db, cp.chainId, cp.seq, sig)) signed += 1;
  }
  return signed;
}
