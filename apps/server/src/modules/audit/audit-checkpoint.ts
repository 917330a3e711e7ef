import type { SecretBox } from '../../platform/crypto.js';

/** The org-less chain (events without an organization) is keyed by the nil uuid. */
export const NIL_CHAIN = '00000000-0000-0000-0000-000000000000';

const PURPOSE = 'audit-checkpoint';

/**
 * SECURITY-CRITICAL. The boxes that sign and verify audit checkpoints. Audit rows are written
 * from many services that only hold a transaction, so the signer is registered once per process
 * when the app context is built; verification accepts any registered box that knows the key id
 * (several contexts live in one test process; a server has exactly one).
 */
const boxes: SecretBox[] = [];

export function useAuditSigner(box: SecretBox): void {
  if (!boxes.includes(box)) boxes.unshift(box);
}

export function releaseAuditSigner(box: SecretBox): void {
  const i = boxes.indexOf(box);
  if (i >= 0) boxes.splice(i, 1);
}

function checkpointData(chainId: string, seq: number, headHash: string) {
  return `${chainId}|${seq}|${headHash}`;
}

export function signCheckpoint(chainId: string, seq: number, headHash: string, box?: SecretBox): string {
  const signer = box ?? boxes[0];
  if (!signer) throw new Error('No audit checkpoint signer is configured');
  return signer.sign(PURPOSE, checkpointData(chainId, seq, headHash));
}

export function checkpointSignatureValid(
  chainId: string,
  seq: number,
  headHash: string,
  signature: string,
): boolean {
  const data = checkpointData(chainId, seq, headHash);
  const keyId = signature.split('.')[1];
  return boxes.some((b) => b.knowsKey(keyId) && b.verifySignature(PURPOSE, data, signature));
}
