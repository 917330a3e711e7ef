import type { AppContext } from '../../platform/app-context.js';
import type { LlmClient } from '../../platform/llm/types.js';
import { openHeaders } from './provider-secrets.js';
import * as repo from './providers.repository.js';
import type { ProviderRow } from './providers.repository.js';

/**
 * The SDK client for a stored provider; the key and header values are decrypted only here, in
 * memory, per client. Every connection it makes is checked by the egress policy.
 */
export async function clientForProvider(app: AppContext, provider: ProviderRow): Promise<LlmClient> {
  return app.llm.client(provider.id, provider.updatedAt, provider.type, Boolean(provider.baseUrl), () => ({
    type: provider.type,
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKeyCiphertext ? app.secrets.decrypt(provider.apiKeyCiphertext) : null,
    headers: openHeaders(app.secrets, provider),
  }));
}

type ModelForCall = NonNullable<Awaited<ReturnType<typeof repo.findModelForCall>>>;

/** The model and its provider for a call, from a short-lived cache (executions are the hot path). */
export async function modelForCall(
  app: AppContext,
  orgId: string,
  modelId: string,
): Promise<ModelForCall | undefined> {
  const key = `${orgId}:${modelId}`;
  const cached = app.caches.models.get(key) as ModelForCall | undefined;
  if (cached) return cached;
  const found = await repo.findModelForCall(app.db, orgId, modelId);
  if (found) app.caches.models.set(key, found);
  return found;
}

/** Called after any change to an organization's providers or models. */
export function invalidateModels(app: AppContext, orgId: string): void {
  app.caches.models.deletePrefix(`${orgId}:`);
}

/**
 * The model a caller means by its name (the OpenAI-compatible endpoint's `model`): the active one
 * when several providers have a model of that name, the first provider by name among equals.
 */
export async function modelIdByName(
  app: AppContext,
  orgId: string,
  name: string,
): Promise<string | undefined> {
  // Same cache (and invalidation, by the org prefix) as modelForCall: this is on every call's path.
  const key = `${orgId}:name:${name}`;
  const cached = app.caches.models.get(key) as string | undefined;
  if (cached) return cached;
  const [first] = await repo.findModelsByName(app.db, orgId, name);
  if (first) app.caches.models.set(key, first.model.id);
  return first?.model.id;
}

/** The organization's active models with their provider's name, for a model list. */
export async function activeModels(app: AppContext, orgId: string) {
  const rows = await repo.listModels(app.db, orgId);
  return rows.filter((r) => r.model.active);
}
