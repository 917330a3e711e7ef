import type {
  ModelSettings,
  ProviderHeader,
  ProviderSettings,
  ProviderSettingsInput,
} from '@promptops/contracts';
import type { FieldErrors } from '../../app/problem';

/** The server's documented defaults (ARCHITECTURE.md §6); shown as placeholders, never sent. */
export const PROVIDER_SETTINGS_DEFAULTS = {
  connectMs: 10_000,
  ttftMs: 60_000,
  totalMs: 600_000,
  maxRetries: 2,
  consecutiveFailures: 5,
  halfOpenAfterMs: 30_000,
} as const;

/**
 * A custom header in the form. Stored headers come back as a name and a hint only (values are
 * secrets the server never returns): their name is fixed and an empty value means "unchanged".
 */
export interface HeaderRow {
  key: string;
  value: string;
  stored?: { hint: string | null };
}

/**
 * The settings form. Durations are edited in seconds (friendlier than ms); an empty field
 * means "use the default" and is left out of the request.
 */
export interface ProviderSettingsForm {
  connectSeconds: number | '';
  ttftSeconds: number | '';
  totalSeconds: number | '';
  maxRetries: number | '';
  consecutiveFailures: number | '';
  halfOpenAfterSeconds: number | '';
  headers: HeaderRow[];
}

type NumberField = Exclude<keyof ProviderSettingsForm, 'headers'>;

/** Ranges mirror the ProviderSettings schema, converted to the form's units. */
const RANGES: Record<NumberField, { min: number; max: number; integer: boolean; unit: string }> = {
  connectSeconds: { min: 0.1, max: 600, integer: false, unit: 's' },
  ttftSeconds: { min: 0.1, max: 600, integer: false, unit: 's' },
  totalSeconds: { min: 0.1, max: 3600, integer: false, unit: 's' },
  maxRetries: { min: 0, max: 10, integer: true, unit: '' },
  consecutiveFailures: { min: 1, max: 1000, integer: true, unit: '' },
  halfOpenAfterSeconds: { min: 0.1, max: 3600, integer: false, unit: 's' },
};

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;
const MAX_HEADER_VALUE = 2000;

const toSeconds = (ms: number | undefined): number | '' => (ms === undefined ? '' : ms / 1000);
const toMs = (seconds: number): number => Math.round(seconds * 1000);

/** The placeholder of each field: the default, in the form's units. */
export const PROVIDER_SETTINGS_PLACEHOLDERS: Record<NumberField, string> = {
  connectSeconds: `${PROVIDER_SETTINGS_DEFAULTS.connectMs / 1000} (default)`,
  ttftSeconds: `${PROVIDER_SETTINGS_DEFAULTS.ttftMs / 1000} (default)`,
  totalSeconds: `${PROVIDER_SETTINGS_DEFAULTS.totalMs / 1000} (default)`,
  maxRetries: `${PROVIDER_SETTINGS_DEFAULTS.maxRetries} (default)`,
  consecutiveFailures: `${PROVIDER_SETTINGS_DEFAULTS.consecutiveFailures} (default)`,
  halfOpenAfterSeconds: `${PROVIDER_SETTINGS_DEFAULTS.halfOpenAfterMs / 1000} (default)`,
};

export function settingsToForm(
  settings: ProviderSettings | null | undefined,
  headers: ProviderHeader[] = [],
): ProviderSettingsForm {
  const s = settings ?? {};
  return {
    connectSeconds: toSeconds(s.timeoutMs?.connect),
    ttftSeconds: toSeconds(s.timeoutMs?.ttft),
    totalSeconds: toSeconds(s.timeoutMs?.total),
    maxRetries: s.maxRetries ?? '',
    consecutiveFailures: s.breaker?.consecutiveFailures ?? '',
    halfOpenAfterSeconds: toSeconds(s.breaker?.halfOpenAfterMs),
    headers: headers.map((h) => ({ key: h.name, value: '', stored: { hint: h.hint } })),
  };
}

function checkNumber(field: NumberField, value: number | ''): string | null {
  if (value === '') return null;
  const range = RANGES[field];
  if (!Number.isFinite(value)) return 'Must be a number';
  if (range.integer && !Number.isInteger(value)) return 'Must be a whole number';
  if (value < range.min || value > range.max) return `Between ${range.min} and ${range.max}${range.unit}`;
  return null;
}

/** The value the server will use: the form's, or the default. */
function effectiveSeconds(value: number | '', defaultMs: number): number {
  return value === '' ? defaultMs / 1000 : value;
}

/**
 * Validates the form and builds the request's `settings`: numbers replace the stored ones (empty
 * fields are left out so the server's defaults apply); headers are sent as changes to merge —
 * new values, null for stored headers removed from the form, nothing for stored ones left
 * unchanged. Blank new rows are dropped.
 */
export function formToSettings(
  form: ProviderSettingsForm,
  storedHeaders: readonly string[] = [],
): { ok: true; settings: ProviderSettingsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const field of Object.keys(RANGES) as NumberField[]) {
    const message = checkNumber(field, form[field]);
    if (message) errors[field] = message;
  }
  const total = effectiveSeconds(form.totalSeconds, PROVIDER_SETTINGS_DEFAULTS.totalMs);
  if (!errors.ttftSeconds && effectiveSeconds(form.ttftSeconds, PROVIDER_SETTINGS_DEFAULTS.ttftMs) > total)
    errors.ttftSeconds = `Must not exceed the total timeout (${total} s)`;
  if (
    !errors.connectSeconds &&
    effectiveSeconds(form.connectSeconds, PROVIDER_SETTINGS_DEFAULTS.connectMs) > total
  )
    errors.connectSeconds = `Must not exceed the total timeout (${total} s)`;

  const headers: Record<string, string | null> = {};
  const seen = new Set<string>();
  form.headers.forEach((row, i) => {
    const key = row.key.trim();
    if (row.stored) {
      seen.add(key.toLowerCase());
      if (row.value !== '') {
        if (row.value.length > MAX_HEADER_VALUE)
          errors[`headers.${i}.value`] = `At most ${MAX_HEADER_VALUE} characters`;
        headers[key] = row.value;
      }
      return;
    }
    if (key === '' && row.value === '') return;
    if (key === '') errors[`headers.${i}.key`] = 'Name required';
    else if (!HEADER_NAME.test(key)) errors[`headers.${i}.key`] = 'Letters, digits and - only';
    else if (seen.has(key.toLowerCase())) errors[`headers.${i}.key`] = 'Duplicate header';
    if (row.value.length > MAX_HEADER_VALUE)
      errors[`headers.${i}.value`] = `At most ${MAX_HEADER_VALUE} characters`;
    seen.add(key.toLowerCase());
    headers[key] = row.value;
  });
  for (const name of storedHeaders) {
    if (!seen.has(name.toLowerCase())) headers[name] = null;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const settings: ProviderSettingsInput = {};
  const timeoutMs: NonNullable<ProviderSettings['timeoutMs']> = {};
  if (form.connectSeconds !== '') timeoutMs.connect = toMs(form.connectSeconds);
  if (form.ttftSeconds !== '') timeoutMs.ttft = toMs(form.ttftSeconds);
  if (form.totalSeconds !== '') timeoutMs.total = toMs(form.totalSeconds);
  if (Object.keys(timeoutMs).length > 0) settings.timeoutMs = timeoutMs;
  if (form.maxRetries !== '') settings.maxRetries = form.maxRetries;
  const breaker: NonNullable<ProviderSettings['breaker']> = {};
  if (form.consecutiveFailures !== '') breaker.consecutiveFailures = form.consecutiveFailures;
  if (form.halfOpenAfterSeconds !== '') breaker.halfOpenAfterMs = toMs(form.halfOpenAfterSeconds);
  if (Object.keys(breaker).length > 0) settings.breaker = breaker;
  if (Object.keys(headers).length > 0) settings.headers = headers;
  return { ok: true, settings };
}

/** The breaker's wait before a probe, stored or default. */
export function halfOpenAfterMs(settings: ProviderSettings | null | undefined): number {
  return settings?.breaker?.halfOpenAfterMs ?? PROVIDER_SETTINGS_DEFAULTS.halfOpenAfterMs;
}

/** One line for the provider card: what differs from the defaults. */
export function summarizeSettings(
  settings: ProviderSettings | null | undefined,
  headers: readonly ProviderHeader[] = [],
): string {
  const s = settings ?? {};
  const parts: string[] = [];
  const d = PROVIDER_SETTINGS_DEFAULTS;
  const t = s.timeoutMs ?? {};
  parts.push(
    `timeouts ${(t.connect ?? d.connectMs) / 1000}/${(t.ttft ?? d.ttftMs) / 1000}/${(t.total ?? d.totalMs) / 1000} s`,
  );
  parts.push(`${s.maxRetries ?? d.maxRetries} retries`);
  parts.push(
    `breaker ${s.breaker?.consecutiveFailures ?? d.consecutiveFailures} failures / ${(s.breaker?.halfOpenAfterMs ?? d.halfOpenAfterMs) / 1000} s`,
  );
  // Header values are never returned: names, with a hint for long values.
  if (headers.length > 0)
    parts.push(`headers ${headers.map((h) => (h.hint ? `${h.name} ${h.hint}` : h.name)).join(', ')}`);
  return parts.join(' · ');
}

export type ModelParamName = NonNullable<ModelSettings['unsupportedParams']>[number];

export const MODEL_PARAMS: readonly { value: ModelParamName; label: string }[] = [
  { value: 'temperature', label: 'Temperature' },
  { value: 'topP', label: 'Top-p' },
  { value: 'maxTokens', label: 'Max tokens' },
  { value: 'stop', label: 'Stop sequences' },
];

export interface ModelSettingsForm {
  requestsPerMinute: number | '';
  tokensPerMinute: number | '';
  unsupportedParams: ModelParamName[];
}

export function modelSettingsToForm(settings: ModelSettings | null | undefined): ModelSettingsForm {
  return {
    requestsPerMinute: settings?.limits?.requestsPerMinute ?? '',
    tokensPerMinute: settings?.limits?.tokensPerMinute ?? '',
    unsupportedParams: [...(settings?.unsupportedParams ?? [])],
  };
}

/** Builds the model's `settings`; an empty limit means "no limit" and is left out. */
export function formToModelSettings(
  form: ModelSettingsForm,
): { ok: true; settings: ModelSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const field of ['requestsPerMinute', 'tokensPerMinute'] as const) {
    const value = form[field];
    if (value === '') continue;
    if (!Number.isInteger(value) || value < 1) errors[field] = 'A whole number of at least 1, or empty';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: ModelSettings = {};
  const limits: NonNullable<ModelSettings['limits']> = {};
  if (form.requestsPerMinute !== '') limits.requestsPerMinute = form.requestsPerMinute;
  if (form.tokensPerMinute !== '') limits.tokensPerMinute = form.tokensPerMinute;
  if (Object.keys(limits).length > 0) settings.limits = limits;
  const known = new Set(MODEL_PARAMS.map((p) => p.value));
  const unsupported = [...new Set(form.unsupportedParams)].filter((p) => known.has(p));
  if (unsupported.length > 0) settings.unsupportedParams = unsupported;
  return { ok: true, settings };
}
