import type { SecretBox } from '../../platform/crypto.js';
import type { ProviderRow } from './providers.repository.js';

/** Hints are shown only for values long enough that four characters reveal little of them. */
const MIN_HINTED_LENGTH = 16;

/**
 * "…a1b2" for a secret of at least 16 characters, else null: a hint must help recognise a key,
 * never give a short one away whole.
 */
export function secretHint(value: string): string | null {
  return value.length >= MIN_HINTED_LENGTH ? `…${value.slice(-4)}` : null;
}

export interface SealedHeaders {
  headersCiphertext: string | null;
  headerHints: { name: string; hint: string | null }[];
}

/** Encrypts custom header values (they are often credentials) into one envelope. */
export function sealHeaders(secrets: SecretBox, headers: Record<string, string>): SealedHeaders {
  const names = Object.keys(headers).sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return { headersCiphertext: null, headerHints: [] };
  return {
    headersCiphertext: secrets.encrypt(JSON.stringify(headers)),
    headerHints: names.map((name) => ({ name, hint: secretHint(headers[name]!) })),
  };
}

/**
 * The provider's header values, decrypted in memory for a call. A row written before header
 * encryption may still carry plain values in settings until start-up seals them.
 */
export function openHeaders(secrets: SecretBox, row: ProviderRow): Record<string, string> {
  if (row.headersCiphertext)
    return JSON.parse(secrets.decrypt(row.headersCiphertext)) as Record<string, string>;
  return legacyHeaders(row);
}

/** Plain header values in settings (before header encryption). */
export function legacyHeaders(row: Pick<ProviderRow, 'settings'>): Record<string, string> {
  const headers = (row.settings as { headers?: unknown }).headers;
  return headers && typeof headers === 'object' ? (headers as Record<string, string>) : {};
}

/** Settings as stored and returned: never with header values in them. */
export function withoutHeaders<T extends Record<string, unknown>>(settings: T): Omit<T, 'headers'> {
  const { headers: _headers, ...rest } = settings;
  return rest;
}

/** An update's headers merged into the stored ones: a value replaces, null removes, absent keeps. */
export function mergeHeaders(
  current: Record<string, string>,
  changes: Record<string, string | null>,
): Record<string, string> {
  const merged = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    // Header names are case-insensitive on the wire: one stored spelling per name.
    for (const existing of Object.keys(merged)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    }
    if (value !== null) merged[name] = value;
  }
  return merged;
}
