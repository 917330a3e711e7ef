import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { models, providers } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type ProviderRow = typeof providers.$inferSelect;
export type NewProviderRow = typeof providers.$inferInsert;
export type ModelRow = typeof models.$inferSelect;

export async function listProviders(db: Executor, orgId: string): Promise<ProviderRow[]> {
  return db.select().from(providers).where(tenantFilter(providers, orgId)).orderBy(asc(providers.name));
}

export async function findProvider(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(providers)
    .where(and(tenantFilter(providers, orgId), eq(providers.id, id)))
    .limit(1);
  return row;
}

export async function findProviderByName(db: Executor, orgId: string, name: string) {
  const [row] = await db
    .select({ id: providers.id })
    .from(providers)
    .where(and(tenantFilter(providers, orgId), eq(providers.name, name)))
    .limit(1);
  return row;
}

export async function insertProvider(db: Executor, values: NewProviderRow): Promise<ProviderRow> {
  const [row] = await db.insert(providers).values(values).returning();
  return row!;
}

export async function updateProvider(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<NewProviderRow>,
) {
  const [row] = await db
    .update(providers)
    .set({ ...values, updatedAt: new Date() })
    .where(and(tenantFilter(providers, orgId), eq(providers.id, id)))
    .returning();
  return row;
}

export async function deleteProvider(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .delete(providers)
    .where(and(tenantFilter(providers, orgId), eq(providers.id, id)))
    .returning({ id: providers.id, name: providers.name });
  return row;
}

const modelWithProvider = {
  model: models,
  providerName: providers.name,
  providerType: providers.type,
};

export async function listModels(db: Executor, orgId: string) {
  return db
    .select(modelWithProvider)
    .from(models)
    .innerJoin(providers, eq(providers.id, models.providerId))
    .where(tenantFilter(models, orgId))
    .orderBy(asc(providers.name), asc(models.displayName));
}

export async function findModel(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select(modelWithProvider)
    .from(models)
    .innerJoin(providers, eq(providers.id, models.providerId))
    .where(and(tenantFilter(models, orgId), eq(models.id, id)))
    .limit(1);
  return row;
}

/** A model with everything needed to call it (the provider row carries the encrypted key). */
export async function findModelForCall(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select({ model: models, provider: providers })
    .from(models)
    .innerJoin(providers, eq(providers.id, models.providerId))
    .where(and(tenantFilter(models, orgId), eq(models.id, id)))
    .limit(1);
  return row;
}

export async function findModelByName(db: Executor, orgId: string, providerId: string, name: string) {
  const [row] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(tenantFilter(models, orgId), eq(models.providerId, providerId), eq(models.name, name)))
    .limit(1);
  return row;
}

/** The organization's models called `name` (one per provider at most), active first. */
export async function findModelsByName(db: Executor, orgId: string, name: string) {
  return db
    .select({ model: models, providerName: providers.name })
    .from(models)
    .innerJoin(providers, eq(providers.id, models.providerId))
    .where(and(tenantFilter(models, orgId), eq(models.name, name)))
    .orderBy(desc(models.active), asc(providers.name));
}

export async function insertModels(
  db: Executor,
  values: (typeof models.$inferInsert)[],
): Promise<ModelRow[]> {
  if (values.length === 0) return [];
  return db.insert(models).values(values).returning();
}

export async function updateModel(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<typeof models.$inferInsert>,
) {
  const [row] = await db
    .update(models)
    .set(values)
    .where(and(tenantFilter(models, orgId), eq(models.id, id)))
    .returning();
  return row;
}
