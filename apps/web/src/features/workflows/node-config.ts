import type { PromptRefDraft } from '../evaluations/evaluation-form';

/**
 * Small pure edits of a node's data, used by the inspector forms. Each returns a new object and
 * drops optional keys rather than storing empty values the schema would refuse.
 */

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A prompt node's `prompt` reference as the picker's draft. */
export function promptDraftOf(config: Record<string, unknown>): PromptRefDraft {
  const ref = asRecord(config.prompt);
  const name = typeof ref.name === 'string' ? ref.name : '';
  if (typeof ref.version === 'number') return { name, pin: 'version', version: ref.version, label: '' };
  if (typeof ref.label === 'string' && ref.label)
    return { name, pin: 'label', version: '', label: ref.label };
  return { name, pin: 'latest', version: '', label: '' };
}

export function withPromptDraft(
  config: Record<string, unknown>,
  draft: PromptRefDraft,
): Record<string, unknown> {
  const prompt: Record<string, unknown> = { name: draft.name };
  if (draft.pin === 'version' && draft.version !== '') prompt.version = draft.version;
  if (draft.pin === 'label' && draft.label) prompt.label = draft.label;
  return { ...config, prompt };
}

/** The version whose variables the form lists: the pinned one, the label's, or the latest (null). */
export function pinnedVersion(
  draft: PromptRefDraft,
  labels: Record<string, number> | undefined,
): number | null {
  if (draft.pin === 'version' && draft.version !== '') return draft.version;
  if (draft.pin === 'label' && draft.label) return labels?.[draft.label] ?? null;
  return null;
}

/** Variables to fill: the prompt's, then any the node maps that the prompt no longer has. */
export function variableNames(promptVariables: readonly string[], mapped: Record<string, unknown>): string[] {
  return [...new Set([...promptVariables, ...Object.keys(mapped)])];
}

export function stringRecord(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Sets or (with undefined / '') removes one optional key. */
export function withOptional(
  config: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const next = { ...config };
  if (value === undefined || value === '' || value === null) delete next[key];
  else next[key] = value;
  return next;
}

/** Header rows (kept while being typed, blank names included) to the stored record. */
export function headersFromRows(
  rows: readonly { name: string; value: string }[],
): Record<string, string> | undefined {
  const entries = rows.filter((r) => r.name.trim() !== '').map((r) => [r.name.trim(), r.value] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Switching a tool between HTTP and code keeps nothing of the other kind (the schema is strict per kind). */
export function toolOfKind(kind: 'http' | 'code'): Record<string, unknown> {
  return kind === 'http'
    ? { kind: 'http', method: 'GET', url: 'https://example.com' }
    : { kind: 'code', code: 'function run(state) {\n  return state.input;\n}\n' };
}
