import type { PlatformEvent } from '@promptops/contracts';
import { describe, expect, it } from 'vitest';
import { PromptCache } from './prompt-cache.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const labelMoved = (orgId: string, name: string): PlatformEvent => ({
  id: 1,
  orgId,
  type: 'prompt.label_moved',
  payload: {
    promptId: '00000000-0000-4000-8000-000000000003',
    name,
    label: 'production',
    version: 2,
    previousVersion: 1,
  },
  createdAt: new Date().toISOString(),
});

describe('prompt cache', () => {
  it('keeps selectors apart and drops every selector of a prompt on its event, only in its organization', () => {
    const cache = new PromptCache(60_000);
    cache.set(cache.begin(), ORG, 'a', { label: 'production' }, 'prod');
    cache.set(cache.begin(), ORG, 'a', { version: 1 }, 'v1');
    cache.set(cache.begin(), ORG, 'a', {}, 'latest');
    cache.set(cache.begin(), ORG, 'b', {}, 'b');
    cache.set(cache.begin(), OTHER, 'a', {}, 'other');
    expect(cache.get(ORG, 'a', { label: 'production' })).toBe('prod');
    expect(cache.get(ORG, 'a', { version: 1 })).toBe('v1');
    expect(cache.get(ORG, 'a', { label: 'latest' })).toBe('latest');
    expect(cache.get(ORG, 'a', { label: 'v1' })).toBeUndefined();

    cache.handleEvent(labelMoved(ORG, 'a'));
    expect(cache.get(ORG, 'a', { label: 'production' })).toBeUndefined();
    expect(cache.get(ORG, 'a', { version: 1 })).toBeUndefined();
    expect(cache.get(ORG, 'a', {})).toBeUndefined();
    expect(cache.get(ORG, 'b', {})).toBe('b');
    expect(cache.get(OTHER, 'a', {})).toBe('other');

    cache.handleEvent({
      id: 2,
      orgId: ORG,
      type: 'access.api_key_revoked',
      payload: { keyId: '00000000-0000-4000-8000-000000000004' },
      createdAt: new Date().toISOString(),
    });
    expect(cache.get(ORG, 'b', {})).toBe('b');
    cache.invalidateOrg(ORG);
    expect(cache.get(ORG, 'b', {})).toBeUndefined();
    expect(cache.get(OTHER, 'a', {})).toBe('other');
  });

  it('does not store an answer read before an invalidation that arrived while it was read', () => {
    const cache = new PromptCache(60_000);
    const startedAt = cache.begin();
    // The database answered with the old version; meanwhile the change's event arrived.
    cache.handleEvent(labelMoved(ORG, 'a'));
    cache.set(startedAt, ORG, 'a', { label: 'production' }, 'stale');
    expect(cache.get(ORG, 'a', { label: 'production' })).toBeUndefined();
    cache.set(cache.begin(), ORG, 'a', { label: 'production' }, 'fresh');
    expect(cache.get(ORG, 'a', { label: 'production' })).toBe('fresh');
  });

  it('expires entries, stays within its size and stores nothing when the TTL is 0', async () => {
    const short = new PromptCache(20);
    short.set(short.begin(), ORG, 'a', {}, 'x');
    expect(short.get(ORG, 'a', {})).toBe('x');
    await new Promise((r) => setTimeout(r, 30));
    expect(short.get(ORG, 'a', {})).toBeUndefined();

    const small = new PromptCache(60_000, 3);
    for (const name of ['a', 'b', 'c', 'd']) small.set(small.begin(), ORG, name, {}, name);
    expect(small.get(ORG, 'a', {})).toBeUndefined();
    expect(['b', 'c', 'd'].map((n) => small.get(ORG, n, {}))).toEqual(['b', 'c', 'd']);

    const off = new PromptCache(0);
    off.set(off.begin(), ORG, 'a', {}, 'x');
    expect(off.get(ORG, 'a', {})).toBeUndefined();
  });
});
