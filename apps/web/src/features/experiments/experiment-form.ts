import { CreateExperimentRequest, type MetricKind, type PromptSummary } from '@promptops/contracts';
import { humanMessage } from '../../app/human-messages';
import { bodyFieldSegments } from '../../app/problem';

/**
 * The new-experiment form as people fill it in (strings and '' where they type) and its
 * conversion to the request the contract fixes, validated with the contract's own schema.
 */

export type VariantPin = 'version' | 'label';

export interface ExperimentVariantDraft {
  name: string;
  pin: VariantPin;
  version: number | '';
  label: string;
  weight: number | '';
}

export interface ExperimentDraft {
  name: string;
  description: string;
  promptName: string;
  variants: ExperimentVariantDraft[];
  metricName: string;
  metricKind: MetricKind;
  higherIsBetter: boolean;
  minSamples: number | '';
  /** '' for the default (binary metrics only). */
  maxExpectedLoss: string;
}

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 8;
/** The contract's default for binary metrics: a winner may be worse by at most half a percentage point. */
export const DEFAULT_BINARY_LOSS = 0.005;

const VARIANT_NAMES = ['control', 'treatment', 'c', 'd', 'e', 'f', 'g', 'h'];

export function newVariantDraft(index: number, version: number | '' = ''): ExperimentVariantDraft {
  return { name: VARIANT_NAMES[index] ?? `v${index + 1}`, pin: 'version', version, label: '', weight: 1 };
}

/**
 * A draft for a prompt: the control serves what production serves now (its label, else the
 * version before the latest) and the treatment the latest version, half the traffic each.
 */
export function draftForPrompt(
  prompt: Pick<PromptSummary, 'name' | 'latestVersion' | 'labels'> | null,
): ExperimentDraft {
  const base: ExperimentDraft = {
    name: '',
    description: '',
    promptName: prompt?.name ?? '',
    variants: [newVariantDraft(0), newVariantDraft(1)],
    metricName: 'conversion',
    metricKind: 'binary',
    higherIsBetter: true,
    minSamples: 100,
    maxExpectedLoss: '',
  };
  if (!prompt) return base;
  const latest = prompt.latestVersion;
  const production = prompt.labels.production;
  const control: ExperimentVariantDraft =
    production !== undefined && production !== latest
      ? { ...newVariantDraft(0), pin: 'label', label: 'production' }
      : newVariantDraft(0, latest > 1 ? latest - 1 : latest);
  return {
    ...base,
    name: `${prompt.name} v${latest}`,
    variants: [control, newVariantDraft(1, latest)],
  };
}

/**
 * Each variant's share of subjects in percent, as the server computes it (weight / sum), with
 * one decimal, rounded so the shown shares add up to exactly 100. A variant without a usable
 * weight has no share (null) and takes none.
 */
export function trafficSplit(weights: readonly (number | '')[]): (number | null)[] {
  const usable = weights.map((w) => (typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : null));
  const sum = usable.reduce<number>((s, w) => s + (w ?? 0), 0);
  if (sum === 0) return usable.map(() => null);
  // Largest remainder on tenths of a percent.
  const exact = usable.map((w) => (w === null ? null : (w / sum) * 1000));
  const floors = exact.map((e) => (e === null ? null : Math.floor(e)));
  let left = 1000 - floors.reduce<number>((s, f) => s + (f ?? 0), 0);
  const order = exact
    .map((e, i) => ({ i, rest: e === null ? -1 : e - Math.floor(e) }))
    .filter((x) => x.rest >= 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  const tenths = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    tenths[i] = (tenths[i] ?? 0) + 1;
    left--;
  }
  return tenths.map((t) => (t === null ? null : t / 10));
}

/** "50 %", "33.3 %". */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return `${Number.isInteger(share) ? share : share.toFixed(1)} %`;
}

type Errors = Record<string, string>;

const PATH_LABELS: Record<string, string> = {
  promptName: 'Prompt',
  minSamples: 'Minimum samples',
  maxExpectedLoss: 'Largest expected loss',
  weight: 'Weight',
};

function label(path: readonly string[]): string {
  const last = path.filter((s) => !/^\d+$/.test(s)).at(-1) ?? 'form';
  if (path[0] === 'metric' && last === 'name') return 'Metric';
  return PATH_LABELS[last] ?? last;
}

/**
 * Field errors keyed like the draft ("variants.1.weight", "metric.name"), from the client-side
 * check or from a refused request (whose paths may start with `body`, with dots or slashes).
 */
export function experimentFieldErrors(issues: readonly { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const segments = bodyFieldSegments(issue.path);
    // "Give a version or a label" is about the variant's pin as a whole.
    const key = segments.join('.') || 'form';
    errors[key] ??= humanMessage(label(segments), issue.message);
  }
  return errors;
}

export type ExperimentDraftResult =
  { ok: true; request: CreateExperimentRequest } | { ok: false; errors: Errors };

export function draftToRequest(draft: ExperimentDraft): ExperimentDraftResult {
  const errors: Errors = {};
  const body: Record<string, unknown> = {
    name: draft.name.trim(),
    promptName: draft.promptName.trim(),
    variants: draft.variants.map((v) => {
      const variant: Record<string, unknown> = {
        name: v.name.trim(),
        weight: v.weight === '' ? 0 : v.weight,
      };
      if (v.pin === 'version' && v.version !== '') variant.version = v.version;
      if (v.pin === 'label' && v.label.trim() !== '') variant.label = v.label.trim();
      return variant;
    }),
    metric: { name: draft.metricName.trim(), kind: draft.metricKind, higherIsBetter: draft.higherIsBetter },
    minSamples: draft.minSamples === '' ? 0 : draft.minSamples,
  };
  if (draft.description.trim() !== '') body.description = draft.description.trim();
  const loss = draft.maxExpectedLoss.trim();
  if (loss !== '') {
    const value = Number(loss);
    if (!Number.isFinite(value) || value < 0) errors.maxExpectedLoss = 'A number of 0 or more';
    else body.maxExpectedLoss = value;
  }
  if (draft.promptName.trim() === '') errors.promptName = 'Pick a prompt';
  draft.variants.forEach((v, i) => {
    if (v.pin === 'version' && v.version === '') errors[`variants.${i}.version`] = 'Pick a version';
    if (v.pin === 'label' && v.label.trim() === '') errors[`variants.${i}.label`] = 'Pick a label';
    if (v.weight === '' || v.weight <= 0) errors[`variants.${i}.weight`] = 'A weight above 0';
  });
  const parsed = CreateExperimentRequest.safeParse(body);
  if (!parsed.success) {
    const fromSchema = experimentFieldErrors(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
    for (const [path, message] of Object.entries(fromSchema)) errors[path] ??= message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: body as CreateExperimentRequest };
}

/** The errors of one variant card ("variants.2.weight" → "weight"). */
export function variantErrors(errors: Errors, index: number): Errors {
  const prefix = `variants.${index}.`;
  const out: Errors = {};
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}

/** The error keys each draft field answers for (a kind change can settle the expected-loss rule). */
const ERROR_KEYS: Record<keyof ExperimentDraft, readonly string[]> = {
  name: ['name'],
  description: ['description'],
  promptName: ['promptName', 'form'],
  variants: ['variants'],
  metricName: ['metric.name'],
  metricKind: ['metric.kind', 'maxExpectedLoss'],
  higherIsBetter: ['metric.higherIsBetter'],
  minSamples: ['minSamples'],
  maxExpectedLoss: ['maxExpectedLoss'],
};

/**
 * The errors left once the user edits the fields in `patch`: an edited field's message goes
 * (the next submit checks again), so the form does not keep pointing at what was fixed.
 */
export function clearEditedErrors(errors: Errors, patch: Partial<ExperimentDraft>): Errors {
  const stale = new Set(
    Object.keys(patch).flatMap((field) => ERROR_KEYS[field as keyof ExperimentDraft] ?? []),
  );
  const out: Errors = {};
  for (const [key, message] of Object.entries(errors)) {
    const variantKey = key.startsWith('variants.') && stale.has('variants');
    if (!stale.has(key) && !variantKey) out[key] = message;
  }
  return out;
}
