import { createHash } from 'node:crypto';
import type { ExperimentVariant } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import * as repo from './experiments.repository.js';

/** What the hot paths need of a running experiment. */
export interface RunningExperiment {
  id: string;
  variants: ExperimentVariant[];
}

export interface ChosenVariant {
  experimentId: string;
  variant: ExperimentVariant;
}

const TWO_POW_48 = 2 ** 48;

/**
 * The subject's point in [0, 1): the first 48 bits of SHA-256(experiment id, subject). The same
 * pair gives the same point on every server and after every restart, and different experiments
 * give independent points for one subject, so nothing has to be stored to keep assignments sticky.
 */
export function subjectPoint(experimentId: string, subject: string): number {
  const digest = createHash('sha256').update(experimentId).update('\0').update(subject).digest();
  return digest.readUIntBE(0, 6) / TWO_POW_48;
}

/** The variant whose share of [0, 1) (in order, sized by weight) holds the subject's point. */
export function assignVariant<V extends { weight: number }>(
  experimentId: string,
  variants: readonly V[],
  subject: string,
): V {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const target = subjectPoint(experimentId, subject) * total;
  let upper = 0;
  for (const v of variants) {
    upper += v.weight;
    if (target < upper) return v;
  }
  // Floating-point sums can leave the last edge a hair short of the total.
  return variants[variants.length - 1]!;
}

const cacheKey = (orgId: string, promptName: string) => `${orgId}\0${promptName}`;

/** The prompt's running experiment, from the process cache (dropped on every start and stop). */
export async function runningExperiment(
  app: AppContext,
  orgId: string,
  promptName: string,
): Promise<RunningExperiment | null> {
  const key = cacheKey(orgId, promptName);
  const cached = app.caches.experiments.get(key) as RunningExperiment | null | undefined;
  if (cached !== undefined) return cached;
  const row = await repo.findRunningByPrompt(app.db, orgId, promptName);
  const found = row ? { id: row.id, variants: row.variants as unknown as ExperimentVariant[] } : null;
  app.caches.experiments.set(key, found);
  return found;
}

export function forgetRunningExperiment(app: AppContext, orgId: string, promptName: string): void {
  app.caches.experiments.delete(cacheKey(orgId, promptName));
}

/**
 * Counts the subject as served by the variant. Each process writes a pair once (then remembers
 * it), so a subject that fetches its prompt on every request costs one insert, not one per fetch.
 */
export async function recordExposure(app: AppContext, chosen: ChosenVariant, subject: string): Promise<void> {
  const key = `${chosen.experimentId}\0${subject}`;
  if (app.caches.exposures.get(key)) return;
  await repo.recordExposure(app.db, chosen.experimentId, subject, chosen.variant.name);
  app.caches.exposures.set(key, true);
}

/**
 * The variant a running experiment on the prompt serves to the subject (recorded as served), or
 * null when the prompt has no running experiment. Used by prompt fetches and runs with `subject`.
 */
export async function variantForSubject(
  app: AppContext,
  orgId: string,
  promptName: string,
  subject: string,
): Promise<ChosenVariant | null> {
  const experiment = await runningExperiment(app, orgId, promptName);
  if (!experiment) return null;
  const chosen = {
    experimentId: experiment.id,
    variant: assignVariant(experiment.id, experiment.variants, subject),
  };
  await recordExposure(app, chosen, subject);
  return chosen;
}
