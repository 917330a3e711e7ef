import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** A random secret with a recognisable prefix (`po_…` API keys, `rt_…` refresh tokens). */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/**
 * Tokens we hand out are high-entropy random strings, so a plain SHA-256 is the right storage
 * hash (no salt or slow KDF needed, and lookups stay indexable).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Derives purpose-specific keys from the master key so one secret never serves two uses. */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  return createHmac('sha256', masterKey).update(`promptops:${purpose}`).digest();
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Key id: a short fingerprint of the key, stored on every ciphertext so rotation knows which key to use. */
export function masterKeyFromBase64(b64: string): MasterKey {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('PROMPTOPS_MASTER_KEY must decode to exactly 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/**
 * AES-256-GCM envelope encryption: each secret gets its own random data key, which is itself
 * encrypted under the master key. Format: `v1.<keyId>.<wrappedKey>.<iv>.<ciphertext+tag>`.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly masters = new Map<string, Buffer>();
  constructor(
    private readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    for (const k of [current, ...previous]) {
      this.keys.set(k.id, deriveKey(k.key, 'secrets'));
      this.masters.set(k.id, k.key);
    }
  }

  /** HMAC-SHA256 under a key derived from the current master key for `purpose`: `v1.<keyId>.<hex>`. */
  sign(purpose: string, data: string): string {
    const mac = createHmac('sha256', deriveKey(this.current.key, purpose)).update(data).digest('hex');
    return `v1.${this.current.id}.${mac}`;
  }

  /** Checks a signature made by sign() under the current or a previous master key. */
  verifySignature(purpose: string, data: string, signature: string): boolean {
    const [version, keyId, mac] = signature.split('.');
    const master = keyId ? this.masters.get(keyId) : undefined;
    if (version !== 'v1' || !master || !mac) return false;
    const expected = createHmac('sha256', deriveKey(master, purpose)).update(data).digest('hex');
    return safeEqual(mac, expected);
  }

  /** Whether this box holds the master key a signature or envelope names. */
  knowsKey(keyId: string | undefined): boolean {
    return keyId !== undefined && this.masters.has(keyId);
  }

  get keyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const kek = this.keys.get(this.current.id)!;
    const dataKey = randomBytes(32);
    const wrapped = gcm(kek, dataKey);
    const body = gcm(dataKey, Buffer.from(plaintext, 'utf8'));
    return ['v1', this.current.id, wrapped, body].join('.');
  }

  decrypt(envelope: string): string {
    const [version, keyId, wrapped, body] = envelope.split('.');
    if (version !== 'v1' || !keyId || !wrapped || !body) throw new Error('Unrecognised secret format');
    const kek = this.keys.get(keyId);
    if (!kek) throw new Error(`No master key with id ${keyId} is configured`);
    const dataKey = ungcm(kek, wrapped);
    return ungcm(dataKey, body).toString('utf8');
  }

  keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }
}

function gcm(key: Buffer, data: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const enc = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}~${enc.toString('base64url')}`;
}

function ungcm(key: Buffer, packed: string): Buffer {
  const [ivB64, encB64] = packed.split('~');
  if (!ivB64 || !encB64) throw new Error('Corrupt secret');
  const enc = Buffer.from(encB64, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64url'));
  decipher.setAuthTag(enc.subarray(enc.length - 16));
  return Buffer.concat([decipher.update(enc.subarray(0, enc.length - 16)), decipher.final()]);
}
