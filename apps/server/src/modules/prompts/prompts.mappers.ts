import type {
  ChatMessage,
  PromptParams,
  PromptSummary,
  PromptVersion,
  VariableSpec,
} from '@promptops/contracts';
import type { Actor } from '../../platform/context.js';
import type { LabelRow, PromptRow, PromptVersionRow } from './prompts.repository.js';

/**
 * Versions record their author in `created_by` (a user id) and `created_by_email`. An API key
 * has no user row, so its name is kept in the email column behind this prefix (an email
 * address cannot contain it), which keeps "made by key X" visible in the version history.
 */
const API_KEY_AUTHOR = 'api-key:';

export function authorColumns(actor: Actor): { createdBy: string | null; createdByEmail: string | null } {
  if (actor.type === 'user') return { createdBy: actor.id, createdByEmail: actor.email };
  if (actor.type === 'api_key') return { createdBy: null, createdByEmail: `${API_KEY_AUTHOR}${actor.name}` };
  return { createdBy: null, createdByEmail: null };
}

function toAuthor(row: PromptVersionRow): PromptVersion['createdBy'] {
  if (row.createdByEmail?.startsWith(API_KEY_AUTHOR))
    return { id: null, email: null, apiKeyName: row.createdByEmail.slice(API_KEY_AUTHOR.length) };
  return { id: row.createdBy, email: row.createdByEmail, apiKeyName: null };
}

/** Label names pointing at `version`, `latest` first when it is the newest. */
export function labelsOf(prompt: PromptRow, labels: readonly LabelRow[], version: number): string[] {
  const named = labels.filter((l) => l.promptId === prompt.id && l.version === version).map((l) => l.label);
  return version === prompt.latestVersion ? ['latest', ...named] : named;
}

export function labelMap(promptId: string, labels: readonly LabelRow[]): Record<string, number> {
  return Object.fromEntries(labels.filter((l) => l.promptId === promptId).map((l) => [l.label, l.version]));
}

export function toPromptVersion(
  prompt: PromptRow,
  row: PromptVersionRow,
  labels: readonly LabelRow[],
): PromptVersion {
  return {
    id: row.id,
    promptId: prompt.id,
    name: prompt.name,
    description: prompt.description,
    type: prompt.type,
    version: row.version,
    template: row.template,
    messages: row.messages as ChatMessage[] | null,
    variables: row.variables as VariableSpec[],
    modelId: row.modelId,
    params: row.params as PromptParams,
    commitMessage: row.commitMessage,
    labels: labelsOf(prompt, labels, row.version),
    createdBy: toAuthor(row),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPromptSummary(prompt: PromptRow, labels: readonly LabelRow[]): PromptSummary {
  return {
    id: prompt.id,
    name: prompt.name,
    description: prompt.description,
    type: prompt.type,
    latestVersion: prompt.latestVersion,
    labels: labelMap(prompt.id, labels),
    updatedAt: prompt.updatedAt.toISOString(),
  };
}
