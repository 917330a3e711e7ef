import type { AppContext } from '../../platform/app-context.js';
import { systemMeta } from '../../platform/context.js';
import { recordAudit } from '../audit/audit.service.js';
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
  };
  for (const orgId of await repo.orgsWithKeysNotUnder(app.db, current)) {
    let afterId: string | null = null;
    let rotatedInOrg = 0;
    for (;;) {
      const batch: { lastId: string | null; rotated: number } = await app.db.transaction(async (tx) => {
        const rows = await repo.lockKeysNotUnder(tx, orgId, current, afterId, ROTATION_BATCH);
        const done: { id: string; name: string; from: string | undefined }[] = [];
        for (const row of rows) {
          const from = app.secrets.keyIdOf(row.ciphertext!);
          try {
            const plaintext = app.secrets.decrypt(row.ciphertext!);
            await repo.setKeyCiphertext(tx, orgId, row.id, app.secrets.encrypt(plaintext));
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
  return summary;
}
