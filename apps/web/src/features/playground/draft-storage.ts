import type { Model } from '@promptops/contracts';
import { healthOf } from '../providers/ops-status';
import { toDraftMessages, type PlaygroundDraft } from './playground-draft';

/**
 * Unsaved playground work, kept in this browser per user, organization and prompt, so a reload
 * or a wrong click does not lose it. A draft remembers the version it was started from and is
 * offered again only on that version.
 */
export interface StoredDraft {
  baseVersion: number | null;
  draft: PlaygroundDraft;
  savedAt: string;
}

export interface DraftScope {
  userId: string;
  orgId: string;
  /** The prompt's name, or null for the scratch playground. */
  promptName: string | null;
  /** Scratch drafts are kept per type (a new chat and a new text prompt are different pages). */
  type: 'text' | 'chat';
}

/** The small part of the Storage API used here; tests pass a Map-backed fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftKey(scope: DraftScope): string {
  const prompt = scope.promptName === null ? `~scratch:${scope.type}` : `prompt:${scope.promptName}`;
  return `promptops:draft:${scope.userId}:${scope.orgId}:${prompt}`;
}

export function saveDraft(
  store: KeyValueStore,
  scope: DraftScope,
  draft: PlaygroundDraft,
  baseVersion: number | null,
  now = new Date(),
): void {
  const record: StoredDraft = { baseVersion, draft, savedAt: now.toISOString() };
  try {
    store.setItem(draftKey(scope), JSON.stringify(record));
  } catch {
    // Full or disabled storage: the warning before leaving still protects the work.
  }
}

export function clearDraft(store: KeyValueStore, scope: DraftScope): void {
  store.removeItem(draftKey(scope));
}

function isDraft(value: unknown): value is PlaygroundDraft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<PlaygroundDraft>;
  return (
    (d.type === 'text' || d.type === 'chat') &&
    typeof d.template === 'string' &&
    Array.isArray(d.messages) &&
    typeof d.values === 'object' &&
    d.values !== null &&
    typeof d.params === 'object' &&
    d.params !== null
  );
}

/** The stored draft for this scope and version, or null (none, another version, or unreadable). */
export function loadDraft(
  store: KeyValueStore,
  scope: DraftScope,
  baseVersion: number | null,
): StoredDraft | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(draftKey(scope)) ?? 'null');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Partial<StoredDraft>;
  if (!isDraft(record.draft) || record.baseVersion !== baseVersion) return null;
  // Fresh keys for React rows; the stored ones may collide with this session's.
  const draft = { ...record.draft, messages: toDraftMessages(record.draft.messages) };
  return { baseVersion, draft, savedAt: String(record.savedAt ?? '') };
}

export function lastModelKey(userId: string, orgId: string, promptName: string | null): string {
  return `promptops:last-model:${userId}:${orgId}:${promptName ?? '~scratch'}`;
}

const HEALTH_RANK = { healthy: 0, unknown: 1, degraded: 2, down: 3 } as const;

/** Total price per million tokens (input + output) as a number, for ordering only. */
function priceOf(model: Model): number {
  return Number(model.inputPricePerMTok) + Number(model.outputPricePerMTok);
}

/**
 * The model a prompt opens with: the one it was saved with, else the one this user last ran it
 * with, else a healthy and cheap one (never "the first alphabetically", which may be the most
 * expensive model or one whose provider is down).
 */
export function chooseModel(
  active: readonly Model[],
  preferred: readonly (string | null | undefined)[],
): string | null {
  for (const id of preferred) {
    if (id && active.some((m) => m.id === id)) return id;
  }
  const ranked = [...active].sort(
    (a, b) =>
      HEALTH_RANK[healthOf(a).status] - HEALTH_RANK[healthOf(b).status] ||
      priceOf(a) - priceOf(b) ||
      a.displayName.localeCompare(b.displayName),
  );
  return ranked[0]?.id ?? null;
}
