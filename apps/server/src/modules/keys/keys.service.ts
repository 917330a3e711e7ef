import type { AppContext } from '../../platform/app-context.js';
import { systemMeta } from '../../platform/context.js';
import { recordAudit, signCheckpoints } from '../audit/audit.service.js';
import { legacyHeaders, sealHeaders, secretHint, withoutHeaders } from '../providers/provider-secrets.js';
import * as repo from './keys.repository.js';

/** Keys re-encrypted per transaction: short transactions never hold many rows locked. */
const ROTATION_BATCH = 50;

export interface RotationFailure {
  orgId: string;
  providerId: string;
  keyId: string | undefined;
  error: string;
}

export interface RotationSummary {
  currentKeyId: string;
  rotated: number;
  organizations: number;
  failed: RotationFailure[];
  /** Stored keys per master key id once the rotation has run. */
  keysByKeyId: Record<string, number>;
  /** Audit checkpoints re-signed under the current master key. */
  checkpointsSigned: number;
}

/**
 * Re-encrypts every provider key that is not under the current master key. Servers started with
 * the old key in PROMPTOPS_PREVIOUS_MASTER_KEYS read both formats, so this runs while they serve
 * traffic. Idempotent: a second run finds nothing to do. A key that cannot be decrypted (its
 * master key is not configured) is reported and left as it is.
 */
export async function rotateProviderKeys(app: AppContext): Promise<RotationSummary> {
  const current = app.secrets.keyId;
  const summary: RotationSummary = {
    currentKeyId: current,
    rotated: 0,
    organizations: 0,
    failed: [],
    keysByKeyId: {},
    checkpointsSigned: 0,
  };
  for (const orgId of await repo.orgsWithKeysNotUnder(app.db, current)) {
    let afterId: string | null = null;
    let rotatedInOrg = 0;
    for (;;) {
      const batch: { lastId: string | null; rotated: number } = await app.db.transaction(async (tx) => {
        const rows = await repo.lockKeysNotUnder(tx, orgId, current, afterId, ROTATION_BATCH);
        const done: { id: string; name: string; from: string | undefined }[] = [];
        for (const row of rows) {
          const stale = [row.ciphertext, row.headersCiphertext].find(
            (c) => c !== null && app.secrets.keyIdOf(c) !== current,
          );
          const from = stale ? app.secrets.keyIdOf(stale) : undefined;
          try {
            // The key and the custom header values (often credentials too) move together.
            const reencrypt = (c: string | null) =>
              c !== null && app.secrets.keyIdOf(c) !== current
                ? app.secrets.encrypt(app.secrets.decrypt(c))
                : undefined;
            const apiKeyCiphertext = reencrypt(row.ciphertext);
            const headersCiphertext = reencrypt(row.headersCiphertext);
            await repo.setCiphertexts(tx, orgId, row.id, {
              ...(apiKeyCiphertext ? { apiKeyCiphertext } : {}),
              ...(headersCiphertext ? { headersCiphertext } : {}),
            });
            done.push({ id: row.id, name: row.name, from });
          } catch (err) {
            summary.failed.push({
              orgId,
              providerId: row.id,
              keyId: from,
              error: err instanceof Error ? err.message : String(err),
            });
          }
        }
        if (done.length > 0) {
          await recordAudit(tx, systemMeta, {
            orgId,
            action: 'provider.key_rotated',
            resourceType: 'provider',
            details: {
              toKeyId: current,
              fromKeyIds: [...new Set(done.map((d) => d.from))],
              providers: done.map((d) => ({ id: d.id, name: d.name })),
            },
          });
        }
        return { lastId: rows.at(-1)?.id ?? null, rotated: done.length };
      });
      rotatedInOrg += batch.rotated;
      if (batch.lastId === null) break;
      afterId = batch.lastId;
    }
    summary.rotated += rotatedInOrg;
    if (rotatedInOrg > 0) summary.organizations += 1;
  }
  summary.keysByKeyId = await repo.countKeysByKeyId(app.db);
  summary.checkpointsSigned = await signCheckpoints(app.db, app.secrets);
  return summary;
}

/**
 * Start-up upgrade of secrets stored before header encryption: plain header values in provider
 * settings are encrypted in place (and removed from settings), and key hints are recomputed under
 * the rule that short keys get none. Also signs audit checkpoints the migration left unsigned.
 * Idempotent; each provider is its own short transaction.
 */
export async function upgradeStoredSecrets(
  app: AppContext,
): Promise<{ providers: number; checkpoints: number }> {
  let upgraded = 0;
  for (const row of await repo.listProvidersToUpgrade(app.db)) {
    const change: Parameters<typeof repo.setUpgradedSecrets>[3] = {};
    const plain = legacyHeaders(row);
    if ('headers' in row.settings) {
      Object.assign(change, sealHeaders(app.secrets, plain), { settings: withoutHeaders(row.settings) });
    }
    if (row.apiKeyCiphertext) {
      try {
        const hint = secretHint(app.secrets.decrypt(row.apiKeyCiphertext));
        if (hint !== row.keyHint) change.keyHint = hint;
      } catch {
        // Under a master key this server does not hold: no hint rather than a possibly whole key.
        if (row.keyHint !== null) change.keyHint = null;
      }
    }
    if (Object.keys(change).length === 0) continue;
    await repo.setUpgradedSecrets(app.db, row.orgId, row.id, change);
    upgraded += 1;
  }
  return { providers: upgraded, checkpoints: await signCheckpoints(app.db, app.secrets) };
}
