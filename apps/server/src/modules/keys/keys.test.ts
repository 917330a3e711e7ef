import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { closeAppContext, createAppContext } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import type { AppContext } from '../../platform/app-context.js';
import { SecretBox, masterKeyFromBase64 } from '../../platform/crypto.js';
import { api, createPostgresDatabase, signup, sql } from '../../../test/harness.js';
import { rotateProviderKeys } from './keys.service.js';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');
const KEY_C = randomBytes(32).toString('base64');
const idA = masterKeyFromBase64(KEY_A).id;
const idB = masterKeyFromBase64(KEY_B).id;
const idC = masterKeyFromBase64(KEY_C).id;

// Several servers must open the same database one after the other, so this suite uses a
// file-backed embedded database (or its own PostgreSQL database) instead of the in-memory one.
const usePostgres = process.env.PROMPTOPS_TEST_DB === 'postgres';
const dataDir = `/tmp/promptops-keys-test-${randomUUID()}`;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

async function openContext(env: Record<string, string>): Promise<AppContext> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PROMPTOPS_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  return createAppContext(config);
}

async function withContext<T>(env: Record<string, string>, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(env);
  try {
    return await fn(ctx);
  } finally {
    await closeAppContext(ctx);
  }
}

const ciphertexts = (ctx: AppContext) =>
  sql<{ id: string; org_id: string; api_key_ciphertext: string }>(
    ctx,
    'SELECT id, org_id, api_key_ciphertext FROM providers WHERE api_key_ciphertext IS NOT NULL ORDER BY id',
  );

const secrets = new Map<string, string>();

beforeAll(async () => {
  if (usePostgres) {
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  // Two organizations store provider keys while only key A exists.
  await withContext({ PROMPTOPS_MASTER_KEY: KEY_A }, async (ctx) => {
    const app = await buildApp(ctx, { logger: false });
    for (const org of ['Rotation One', 'Rotation Two']) {
      const admin = await signup(app, org);
      for (const name of ['OpenAI', 'Anthropic']) {
        const apiKey = `sk-${org.replace(' ', '-')}-${name}-${randomBytes(4).toString('hex')}`;
        const res = await api(app, {
          method: 'POST',
          url: `/api/v1/orgs/${admin.orgId}/providers`,
          token: admin.accessToken,
          payload: { name, type: name === 'OpenAI' ? 'openai' : 'anthropic', apiKey, seedModels: false },
        });
        expect(res.status).toBe(201);
        secrets.set(res.body.id, apiKey);
      }
      const keyless = await api(app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/providers`,
        token: admin.accessToken,
        payload: {
          name: 'Local',
          type: 'openai-compatible',
          baseUrl: 'http://127.0.0.1:1/v1',
          seedModels: false,
        },
      });
      expect(keyless.status).toBe(201);
    }
    await app.close();
  });
}, 120_000);

afterAll(async () => {
  await dropDatabase?.();
  await rm(dataDir, { recursive: true, force: true });
});

describe('promptops keys rotate', () => {
  it('reads PROMPTOPS_PREVIOUS_MASTER_KEYS, rejecting keys that are not 32 bytes', () => {
    const config = loadConfig({ PROMPTOPS_PREVIOUS_MASTER_KEYS: ` ${KEY_A} ,${KEY_C}` });
    expect(config.PROMPTOPS_PREVIOUS_MASTER_KEYS).toEqual([KEY_A, KEY_C]);
    expect(loadConfig({}).PROMPTOPS_PREVIOUS_MASTER_KEYS).toEqual([]);
    expect(() => loadConfig({ PROMPTOPS_PREVIOUS_MASTER_KEYS: `${KEY_A},c2hvcnQ=` })).toThrow(
      /PROMPTOPS_PREVIOUS_MASTER_KEYS/,
    );
  });

  it('re-encrypts every key under the new master key while the old one still decrypts', async () => {
    await withContext({ PROMPTOPS_MASTER_KEY: KEY_B, PROMPTOPS_PREVIOUS_MASTER_KEYS: KEY_A }, async (ctx) => {
      const before = await ciphertexts(ctx);
      expect(before).toHaveLength(4);
      expect(before.every((r) => r.api_key_ciphertext.startsWith(`v1.${idA}.`))).toBe(true);
      // No downtime: a server started with B and the previous key A reads A's ciphertexts...
      for (const r of before) expect(ctx.secrets.decrypt(r.api_key_ciphertext)).toBe(secrets.get(r.id));
      // ...which a server with only B could not.
      expect(() => new SecretBox(masterKeyFromBase64(KEY_B)).decrypt(before[0]!.api_key_ciphertext)).toThrow(
        `No master key with id ${idA}`,
      );

      const summary = await rotateProviderKeys(ctx);
      expect(summary).toMatchObject({ currentKeyId: idB, rotated: 4, organizations: 2, failed: [] });
      expect(summary.keysByKeyId).toEqual({ [idB]: 4 });

      const after = await ciphertexts(ctx);
      for (const r of after) {
        expect(r.api_key_ciphertext.startsWith(`v1.${idB}.`)).toBe(true);
        expect(ctx.secrets.decrypt(r.api_key_ciphertext)).toBe(secrets.get(r.id));
      }
      const audit = await sql<{ org_id: string; actor_type: string; details: any }>(
        ctx,
        `SELECT org_id, actor_type, details FROM audit_events WHERE action = 'provider.key_rotated' ORDER BY org_id`,
      );
      expect(audit).toHaveLength(2);
      for (const event of audit) {
        expect(event.actor_type).toBe('system');
        expect(event.details).toMatchObject({ toKeyId: idB, fromKeyIds: [idA] });
        expect(event.details.providers).toHaveLength(2);
        expect(JSON.stringify(event.details)).not.toMatch(/sk-/);
      }
      const verify = await sql<{ org_id: string }>(ctx, `SELECT DISTINCT org_id FROM providers`);
      expect(new Set(audit.map((a) => a.org_id))).toEqual(new Set(verify.map((v) => v.org_id)));

      // Idempotent: nothing left to do, nothing audited.
      const again = await rotateProviderKeys(ctx);
      expect(again).toMatchObject({ rotated: 0, organizations: 0, failed: [] });
      expect(await sql(ctx, `SELECT 1 FROM audit_events WHERE action = 'provider.key_rotated'`)).toHaveLength(
        2,
      );
    });
  });

  it('after rotation a server with only the new key decrypts every provider key', async () => {
    await withContext({ PROMPTOPS_MASTER_KEY: KEY_B }, async (ctx) => {
      const rows = await ciphertexts(ctx);
      expect(rows).toHaveLength(4);
      for (const r of rows) expect(ctx.secrets.decrypt(r.api_key_ciphertext)).toBe(secrets.get(r.id));
    });
  });

  it('reports keys under a master key it does not have, and rotates them once the key is given', async () => {
    await withContext({ PROMPTOPS_MASTER_KEY: KEY_C }, async (ctx) => {
      // Rotate to C without listing B: nothing can be read, everything is reported, nothing changes.
      const summary = await rotateProviderKeys(ctx);
      expect(summary.rotated).toBe(0);
      expect(summary.failed).toHaveLength(4);
      expect(summary.failed[0]).toMatchObject({
        keyId: idB,
        error: `No master key with id ${idB} is configured`,
      });
      expect(summary.keysByKeyId).toEqual({ [idB]: 4 });
    });
    await withContext(
      { PROMPTOPS_MASTER_KEY: KEY_C, PROMPTOPS_PREVIOUS_MASTER_KEYS: `${KEY_A},${KEY_B}` },
      async (ctx) => {
        const summary = await rotateProviderKeys(ctx);
        expect(summary).toMatchObject({ rotated: 4, failed: [], keysByKeyId: { [idC]: 4 } });
        for (const r of await ciphertexts(ctx))
          expect(ctx.secrets.decrypt(r.api_key_ciphertext)).toBe(secrets.get(r.id));
      },
    );
  });
});
