import type { Model, ProviderType } from '@promptops/contracts';

export const PROVIDER_TYPE_LABELS: Record<ProviderType, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  huggingface: 'Hugging Face',
  'openai-compatible': 'OpenAI-compatible',
  mock: 'Mock (built in)',
};

/** Which fields the add-provider form asks for, per type. */
export function providerFields(type: ProviderType): {
  baseUrl: 'required' | 'optional' | 'none';
  apiKey: boolean;
} {
  switch (type) {
    case 'mock':
      return { baseUrl: 'none', apiKey: false };
    case 'openai-compatible':
      return { baseUrl: 'required', apiKey: true };
    case 'huggingface':
      return { baseUrl: 'optional', apiKey: true };
    default:
      return { baseUrl: 'optional', apiKey: true };
  }
}

/** Types whose new providers come with default models; the others list their own (see PickModelsModal). */
export function seedsDefaultModels(type: ProviderType): boolean {
  return type === 'openai' || type === 'anthropic' || type === 'mock';
}

/** The address hint of the base URL field: each type's own default endpoint. */
export const BASE_URL_PLACEHOLDERS: Record<ProviderType, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  huggingface: 'https://router.huggingface.co/v1',
  'openai-compatible': 'http://localhost:11434/v1',
  mock: '',
};

export interface ModelGroup<M extends Model = Model> {
  providerId: string;
  providerName: string;
  providerType: ProviderType;
  models: M[];
}

/**
 * Models grouped by provider for the model selector: providers by name, models by display
 * name; inactive models only when asked for (the settings page shows them, the selector not).
 */
export function groupModelsByProvider<M extends Model>(
  models: readonly M[],
  includeInactive = false,
): ModelGroup<M>[] {
  const groups = new Map<string, ModelGroup<M>>();
  for (const model of models) {
    if (!model.active && !includeInactive) continue;
    let group = groups.get(model.providerId);
    if (!group) {
      group = {
        providerId: model.providerId,
        providerName: model.providerName,
        providerType: model.providerType,
        models: [],
      };
      groups.set(model.providerId, group);
    }
    group.models.push(model);
  }
  const sorted = [...groups.values()].sort((a, b) => a.providerName.localeCompare(b.providerName));
  for (const group of sorted) group.models.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return sorted;
}

/** Trims a decimal string for display without going through floating point: "2.500000" → "2.5". */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** "$2.5 / $10 per 1M tokens" style price for a model, from its exact decimal strings. */
export function formatModelPrice(model: Pick<Model, 'inputPricePerMTok' | 'outputPricePerMTok'>): string {
  return `$${trimDecimal(model.inputPricePerMTok)} in · $${trimDecimal(model.outputPricePerMTok)} out / 1M`;
}

/** The smallest amount written out; anything below it shows as "< $0.00000001". */
const SMALLEST_USD = 0.00000001;

/**
 * A cost in USD for people, from an exact decimal string: cents for larger amounts, three
 * significant digits written out for fractions of a cent ("$0.00000095", never "9.5e-7").
 * `exactUsd` gives the full value for a tooltip.
 */
export function formatUsd(decimal: string): string {
  const value = Number(decimal);
  if (!Number.isFinite(value)) return `$${decimal}`;
  if (value === 0) return '$0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 0.01) return `${sign}$${abs.toFixed(abs >= 100 ? 2 : 4).replace(/0{1,2}$/, '')}`;
  if (abs < SMALLEST_USD) return `${sign ? '> -' : '< '}$0.00000001`;
  const decimals = Math.min(20, 2 - Math.floor(Math.log10(abs)));
  return `${sign}$${trimDecimal(abs.toFixed(decimals))}`;
}

/** The exact amount, every digit the server stored ("$0.000000950000" → "$0.00000095"). */
export function exactUsd(decimal: string): string {
  return `$${trimDecimal(decimal)}`;
}

/** Whether a string is a price the API accepts (non-negative decimal, ≤ 6 decimals). */
export function isValidPrice(value: string): boolean {
  return /^\d{1,12}(\.\d{1,6})?$/.test(value.trim());
}
