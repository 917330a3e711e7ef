import type { z } from 'zod';
import type {
  CreatedShareLink,
  CreateShareLinkRequest,
  ShareLink,
  ShareLinkList,
  SharedPromptVersion,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext, RequestMeta } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { notFound, tooManyRequests, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { resolvePromptSelectors, resolvePromptVersion } from '../prompts/prompts.service.js';
import * as repo from './sharing.repository.js';

const DAY_MS = 86_400_000;
const DEFAULT_LIFETIME_MS = 30 * DAY_MS;
const MAX_LIFETIME_MS = 366 * DAY_MS;
/** Views of shared pages per client address and minute: enough for people, not for guessing. */
const SHARED_VIEWS_PER_MINUTE = 60;

type CreateInput = z.output<typeof CreateShareLinkRequest>;

function toShareLink(row: repo.ShareLinkRow, promptName: string): ShareLink {
  return {
    id: row.id,
    promptName,
    version: row.version,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdBy: { id: row.createdBy, email: row.createdByEmail },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The address a link opens at: under PUBLIC_URL when configured, else relative to the app. */
function shareUrl(app: AppContext, token: string): string {
  return `${app.config.PUBLIC_URL ?? ''}/shared/${token}`;
}

/** The prompt (404) and, when asked, its version (400 on the field): within the caller's organization. */
async function findPromptVersion(db: Executor, orgId: string, name: string, version?: number) {
  const found = await resolvePromptSelectors(db, orgId, name, [version === undefined ? {} : { version }]);
  if (!found) throw notFound('Prompt');
  const chosen = found.versions[0];
  if (!chosen)
    throw validationFailed([
      { path: 'version', message: `Version ${version} does not exist (latest is ${found.latestVersion})` },
    ]);
  return { promptId: found.promptId, version: chosen };
}

/**
 * Creates a read-only link to one version. The token is 32 random bytes, returned once; only its
 * SHA-256 is stored, so the table cannot be turned back into working links.
 */
export async function createShareLink(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  input: CreateInput,
): Promise<z.output<typeof CreatedShareLink>> {
  const now = Date.now();
  const expiresAt = new Date(input?.expiresAt ?? now + DEFAULT_LIFETIME_MS);
  if (expiresAt.getTime() <= now)
    throw validationFailed([{ path: 'expiresAt', message: 'Must be in the future' }]);
  if (expiresAt.getTime() > now + MAX_LIFETIME_MS)
    throw validationFailed([{ path: 'expiresAt', message: 'At most one year ahead' }]);
  const token = randomToken('', 32);
  return app.db.transaction(async (tx) => {
    const { promptId, version } = await findPromptVersion(tx, ctx.orgId, name, input?.version);
    const row = await repo.insertShareLink(tx, {
      orgId: ctx.orgId,
      promptId,
      version: version.version,
      tokenHash: hashToken(token),
      expiresAt,
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      createdByEmail: ctx.actor.type === 'user' ? ctx.actor.email : null,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'share_link.created',
      resourceType: 'share_link',
      resourceId: row.id,
      // Never the token: the audit log is readable by every admin.
      details: { name, version: row.version, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...toShareLink(row, version.name), token, url: shareUrl(app, token) };
  });
}

export async function listShareLinks(
  app: AppContext,
  ctx: OrgContext,
  name: string,
): Promise<z.output<typeof ShareLinkList>> {
  const { promptId, version } = await findPromptVersion(app.db, ctx.orgId, name);
  const rows = await repo.listShareLinks(app.db, ctx.orgId, promptId);
  return { items: rows.map((r) => toShareLink(r, version.name)) };
}

/** Revokes a link at once; revoking it again changes nothing. */
export async function revokeShareLink(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  id: string,
): Promise<void> {
  await app.db.transaction(async (tx) => {
    const { promptId } = await findPromptVersion(tx, ctx.orgId, name);
    const link = await repo.findShareLink(tx, ctx.orgId, promptId, id);
    if (!link) throw notFound('Share link');
    if (link.revokedAt) return;
    await repo.revokeShareLink(tx, ctx.orgId, id, new Date());
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'share_link.revoked',
      resourceType: 'share_link',
      resourceId: id,
      details: { name, version: link.version },
    });
  });
}

/**
 * The public page's data. SECURITY-CRITICAL: an unknown, revoked or expired token gets the same
 * 404, and the answer carries no ids or email addresses.
 */
export async function viewSharedVersion(
  app: AppContext,
  meta: RequestMeta,
  token: string,
): Promise<SharedPromptVersion> {
  const limit = await app.rateLimiter.hit(`shared:ip:${meta.ip ?? 'unknown'}`, SHARED_VIEWS_PER_MINUTE, 60);
  if (!limit.allowed) throw tooManyRequests('Too many requests for shared prompts', limit.retryAfterSeconds);
  const link = await repo.findActiveShareLinkByHash(app.db, hashToken(token), new Date());
  if (!link) throw notFound('Shared prompt');
  const version = await resolvePromptVersion(app.db, link.orgId, link.promptName, { version: link.version });
  return {
    name: version.name,
    version: version.version,
    type: version.type,
    description: version.description,
    template: version.template,
    messages: version.messages,
    variables: version.variables,
    params: version.params,
    model: version.modelId ? await repo.findModelName(app.db, link.orgId, version.modelId) : null,
    commitMessage: version.commitMessage,
    createdAt: version.createdAt,
    expiresAt: link.expiresAt.toISOString(),
  };
}
