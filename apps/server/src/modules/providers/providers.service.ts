import type { z } from 'zod';
import type {
  Model,
  ModelSettings,
  Provider,
  ProviderSettings,
  UpdateProviderRequest,
} from '@promptops/contracts';
import type {
  CreateModelRequest,
  CreateProviderRequest,
  ProviderHealth,
  UpdateModelRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { EgressRefusedError } from '../../platform/egress.js';
import type { OrgContext } from '../../platform/context.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { latestHealth } from '../health/health.service.js';
import { DEFAULT_MODELS } from './default-models.js';
import { modelUsage } from './model-ops.js';
import {
  legacyHeaders,
  mergeHeaders,
  openHeaders,
  sealHeaders,
  secretHint,
  withoutHeaders,
} from './provider-secrets.js';
import { invalidateModels } from './provider-client.js';
import * as repo from './providers.repository.js';

/** "…a1b2" for keys of 16 characters or more: enough to recognise a key, never enough to use it. */
export const keyHint = secretHint;

const isAdmin = (ctx: OrgContext) => ctx.role === 'admin';

async function toProvider(
  app: AppContext,
  ctx: OrgContext,
  p: repo.ProviderRow,
  health?: ProviderHealth,
): Promise<Provider> {
  const limits = await app.llm.rateLimits.get(p.id);
  health ??= (await latestHealth(app.db, p.orgId, [p.id], isAdmin(ctx))).get(p.id)!;
  // Rows not yet sealed at start-up: names only, never values.
  const headers = p.headersCiphertext
    ? p.headerHints
    : Object.keys(legacyHeaders(p)).map((name) => ({ name, hint: null }));
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    baseUrl: p.baseUrl,
    keyHint: p.keyHint,
    settings: withoutHeaders(p.settings) as ProviderSettings,
    headers,
    health,
    breaker: app.llm.breakers.state(p.id),
    rateLimits: { requests: limits?.requests ?? null, tokens: limits?.tokens ?? null },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function toModel(
  app: AppContext,
  ctx: OrgContext,
  r: { model: repo.ModelRow; providerName: string; providerType: Provider['type'] },
  health?: ProviderHealth,
): Promise<Model> {
  const m = r.model;
  const orgId = ctx.orgId;
  const settings = m.settings as ModelSettings;
  health ??= (await latestHealth(app.db, orgId, [m.providerId], isAdmin(ctx))).get(m.providerId)!;
  return {
    id: m.id,
    providerId: m.providerId,
    providerName: r.providerName,
    providerType: r.providerType,
    name: m.name,
    displayName: m.displayName,
    inputPricePerMTok: normalizeDecimal(m.inputPricePerMTok),
    outputPricePerMTok: normalizeDecimal(m.outputPricePerMTok),
    contextWindow: m.contextWindow,
    active: m.active,
    isTestModel: r.providerType === 'mock',
    settings,
    health,
    usage: await modelUsage(app, orgId, m.id, settings),
    createdAt: m.createdAt.toISOString(),
  };
}

function checkBaseUrl(type: Provider['type'], baseUrl: string | null | undefined) {
  if (type === 'openai-compatible' && !baseUrl) {
    throw validationFailed([{ path: 'baseUrl', message: 'An openai-compatible provider needs a base URL' }]);
  }
}

/** The egress policy's verdict on a base URL (a DNS lookup: call it outside any transaction). */
async function checkEgress(app: AppContext, baseUrl: string | null | undefined) {
  if (!baseUrl) return;
  try {
    await app.egress.checkUrl(baseUrl);
  } catch (err) {
    if (!(err instanceof EgressRefusedError)) throw err;
    throw validationFailed([{ path: 'baseUrl', message: `Refused by the egress policy: ${err.message}` }]);
  }
}

export async function listProviders(app: AppContext, ctx: OrgContext) {
  const rows = await repo.listProviders(app.db, ctx.orgId);
  const health = await latestHealth(
    app.db,
    ctx.orgId,
    rows.map((p) => p.id),
    isAdmin(ctx),
  );
  return { items: await Promise.all(rows.map((p) => toProvider(app, ctx, p, health.get(p.id)))) };
}

export async function getProvider(app: AppContext, ctx: OrgContext, id: string): Promise<Provider> {
  const row = await repo.findProvider(app.db, ctx.orgId, id);
  if (!row) throw notFound('Provider');
  return toProvider(app, ctx, row);
}

export async function createProvider(
  app: AppContext,
  ctx: OrgContext,
  input: z.output<typeof CreateProviderRequest>,
): Promise<Provider> {
  checkBaseUrl(input.type, input.baseUrl);
  await checkEgress(app, input.baseUrl);
  const { headers, ...settings } = input.settings ?? {};
  const sealed = sealHeaders(app.secrets, mergeHeaders({}, headers ?? {}));
  const result = await app.db.transaction(async (tx) => {
    if (await repo.findProviderByName(tx, ctx.orgId, input.name)) {
      throw conflict(`A provider named "${input.name}" exists`, [
        { path: 'name', message: 'Name already used' },
      ]);
    }
    const row = await repo.insertProvider(tx, {
      orgId: ctx.orgId,
      name: input.name,
      type: input.type,
      baseUrl: input.baseUrl ?? null,
      apiKeyCiphertext: input.apiKey ? app.secrets.encrypt(input.apiKey) : null,
      keyHint: input.apiKey ? keyHint(input.apiKey) : null,
      settings,
      ...sealed,
    });
    const seeded = input.seedModels
      ? await repo.insertModels(
          tx,
          DEFAULT_MODELS[input.type].map((m) => ({ ...m, orgId: ctx.orgId, providerId: row.id })),
        )
      : [];
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'provider.created',
      resourceType: 'provider',
      resourceId: row.id,
      details: {
        name: row.name,
        type: row.type,
        baseUrl: row.baseUrl,
        hasKey: Boolean(input.apiKey),
        headers: sealed.headerHints.map((h) => h.name),
        seededModels: seeded.map((m) => m.name),
      },
    });
    return row;
  });
  return toProvider(app, ctx, result);
}

export async function updateProvider(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  input: UpdateProviderRequest,
): Promise<Provider> {
  await checkEgress(app, input.baseUrl);
  const result = await app.db.transaction(async (tx) => {
    const current = await repo.findProvider(tx, ctx.orgId, id);
    if (!current) throw notFound('Provider');
    const baseUrl = input.baseUrl === undefined ? current.baseUrl : input.baseUrl;
    checkBaseUrl(current.type, baseUrl);
    if (
      input.name &&
      input.name !== current.name &&
      (await repo.findProviderByName(tx, ctx.orgId, input.name))
    ) {
      throw conflict(`A provider named "${input.name}" exists`, [
        { path: 'name', message: 'Name already used' },
      ]);
    }
    const keyChange =
      input.apiKey === undefined
        ? {}
        : input.apiKey === null
          ? { apiKeyCiphertext: null, keyHint: null }
          : { apiKeyCiphertext: app.secrets.encrypt(input.apiKey), keyHint: keyHint(input.apiKey) };
    const { headers: headerChanges, ...settings } = input.settings ?? {};
    const headerChange = headerChanges
      ? sealHeaders(app.secrets, mergeHeaders(openHeaders(app.secrets, current), headerChanges))
      : {};
    const row = await repo.updateProvider(tx, ctx.orgId, id, {
      ...(input.name ? { name: input.name } : {}),
      baseUrl,
      ...keyChange,
      ...(input.settings ? { settings } : {}),
      ...headerChange,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'provider.updated',
      resourceType: 'provider',
      resourceId: id,
      details: {
        ...(input.name ? { name: input.name } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl } : {}),
        ...(input.apiKey !== undefined ? { key: input.apiKey === null ? 'removed' : 'replaced' } : {}),
        ...(input.settings ? { settings: { ...settings, headers: Object.keys(headerChanges ?? {}) } } : {}),
      },
    });
    return row!;
  });
  invalidateModels(app, ctx.orgId);
  return toProvider(app, ctx, result);
}

export async function deleteProvider(app: AppContext, ctx: OrgContext, id: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const row = await repo.deleteProvider(tx, ctx.orgId, id);
    if (!row) throw notFound('Provider');
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'provider.deleted',
      resourceType: 'provider',
      resourceId: id,
      details: { name: row.name },
    });
  });
  invalidateModels(app, ctx.orgId);
}

export async function listModels(app: AppContext, ctx: OrgContext) {
  const rows = await repo.listModels(app.db, ctx.orgId);
  const health = await latestHealth(
    app.db,
    ctx.orgId,
    rows.map((r) => r.model.providerId),
    isAdmin(ctx),
  );
  return {
    items: await Promise.all(rows.map((m) => toModel(app, ctx, m, health.get(m.model.providerId)))),
  };
}

export async function createModel(
  app: AppContext,
  ctx: OrgContext,
  input: z.output<typeof CreateModelRequest>,
): Promise<Model> {
  const result = await app.db.transaction(async (tx) => {
    const provider = await repo.findProvider(tx, ctx.orgId, input.providerId);
    if (!provider)
      throw validationFailed([{ path: 'providerId', message: 'No such provider in this organization' }]);
    if (await repo.findModelByName(tx, ctx.orgId, provider.id, input.name)) {
      throw conflict(`Model ${input.name} already exists for ${provider.name}`, [
        { path: 'name', message: 'Already exists' },
      ]);
    }
    const [row] = await repo.insertModels(tx, [
      {
        orgId: ctx.orgId,
        providerId: provider.id,
        name: input.name,
        displayName: input.displayName ?? input.name,
        inputPricePerMTok: input.inputPricePerMTok,
        outputPricePerMTok: input.outputPricePerMTok,
        contextWindow: input.contextWindow ?? null,
        active: input.active ?? true,
        settings: input.settings ?? {},
      },
    ]);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'model.created',
      resourceType: 'model',
      resourceId: row!.id,
      details: {
        provider: provider.name,
        name: input.name,
        inputPricePerMTok: input.inputPricePerMTok,
        outputPricePerMTok: input.outputPricePerMTok,
      },
    });
    return { model: row!, providerName: provider.name, providerType: provider.type };
  });
  return toModel(app, ctx, result);
}

export async function updateModel(
  app: AppContext,
  ctx: OrgContext,
  id: string,
  input: z.output<typeof UpdateModelRequest>,
): Promise<Model> {
  const result = await app.db.transaction(async (tx) => {
    const current = await repo.findModel(tx, ctx.orgId, id);
    if (!current) throw notFound('Model');
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    // Nothing to change: answer with the model as it is, without an empty UPDATE or an audit event.
    if (Object.keys(changes).length === 0) return current;
    const row = await repo.updateModel(tx, ctx.orgId, id, changes);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'model.updated',
      resourceType: 'model',
      resourceId: id,
      details: { name: current.model.name, changes },
    });
    return { model: row!, providerName: current.providerName, providerType: current.providerType };
  });
  invalidateModels(app, ctx.orgId);
  return toModel(app, ctx, result);
}
