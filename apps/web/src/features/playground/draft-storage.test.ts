import { describe, expect, it } from 'vitest';
import type { Model } from '@promptops/contracts';
import { chooseModel, clearDraft, draftKey, loadDraft, saveDraft, type KeyValueStore } from './draft-storage';
import { emptyDraft } from './playground-draft';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const scope = { userId: 'u1', orgId: 'o1', promptName: 'support/reply', type: 'text' as const };

describe('draft storage', () => {
  it('keeps a draft per user, organization and prompt, for the version it started from', () => {
    const store = memoryStore();
    const draft = { ...emptyDraft('text'), template: 'Hello {{name}}', values: { name: 'Ada' } };
    saveDraft(store, scope, draft, 3);
    const loaded = loadDraft(store, scope, 3);
    expect(loaded?.draft.template).toBe('Hello {{name}}');
    expect(loaded?.draft.values).toEqual({ name: 'Ada' });
    expect(loadDraft(store, scope, 4)).toBeNull();
    expect(loadDraft(store, { ...scope, userId: 'u2' }, 3)).toBeNull();
    expect(loadDraft(store, { ...scope, orgId: 'o2' }, 3)).toBeNull();
    expect(loadDraft(store, { ...scope, promptName: 'other' }, 3)).toBeNull();
    clearDraft(store, scope);
    expect(loadDraft(store, scope, 3)).toBeNull();
  });

  it('keeps scratch drafts per type and ignores unreadable entries', () => {
    const store = memoryStore();
    const chat = { ...scope, promptName: null, type: 'chat' as const };
    saveDraft(store, chat, emptyDraft('chat'), null);
    expect(loadDraft(store, chat, null)?.draft.type).toBe('chat');
    expect(loadDraft(store, { ...chat, type: 'text' }, null)).toBeNull();
    store.map.set(draftKey(scope), '{not json');
    expect(loadDraft(store, scope, 3)).toBeNull();
    store.map.set(draftKey(scope), JSON.stringify({ baseVersion: 3, draft: { type: 'text' } }));
    expect(loadDraft(store, scope, 3)).toBeNull();
  });

  it('survives a store that refuses writes', () => {
    const store: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => saveDraft(store, scope, emptyDraft('text'), 1)).not.toThrow();
  });
});

const model = (id: string, name: string, input: string, output: string, health = 'healthy') =>
  ({
    id,
    displayName: name,
    inputPricePerMTok: input,
    outputPricePerMTok: output,
    active: true,
    health: { status: health, checkedAt: null, latencyMs: null },
  }) as unknown as Model;

describe('chooseModel', () => {
  const opus = model('opus', 'Claude 3 Opus', '15', '75');
  const mini = model('mini', 'GPT-4o mini', '0.15', '0.6');
  const mock = model('mock', 'Mock Fast', '0.1', '0.2', 'down');
  const sonnet = model('sonnet', 'Claude 3.5 Sonnet', '3', '15', 'unknown');

  it('keeps the saved model, then the last one used, when still active', () => {
    expect(chooseModel([opus, mini], ['opus', 'mini'])).toBe('opus');
    expect(chooseModel([opus, mini], ['gone', 'mini'])).toBe('mini');
  });

  it('otherwise prefers a healthy, cheap model over the first alphabetically', () => {
    expect(chooseModel([opus, sonnet, mini, mock], [null, null])).toBe('mini');
    expect(chooseModel([opus, sonnet], [])).toBe('opus');
    expect(chooseModel([sonnet, mock], [])).toBe('sonnet');
    expect(chooseModel([], ['opus'])).toBeNull();
  });
});
