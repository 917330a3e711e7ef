import { describe, expect, it } from 'vitest';
import { PromptCache, cacheKey, type LoadedPrompt, type PromptSelector } from '../src/cache.js';
import { NotFoundError, NetworkError } from '../src/errors.js';
import type { FetchedPrompt } from '../src/prompt.js';

/** A loader whose answers the test controls: each call waits until the test resolves it. */
function controlledLoader() {
  const calls: {
    name: string;
    selector: PromptSelector;
    resolve: (v: LoadedPrompt) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const load = (name: string, selector: PromptSelector) =>
    new Promise<LoadedPrompt>((resolve, reject) => calls.push({ name, selector, resolve, reject }));
  return { calls, load };
}

const version = (name: string, n: number) =>
  ({ name, version: n, fallback: false }) as unknown as FetchedPrompt;
const loaded = (name: string, n: number, composed = false): LoadedPrompt => ({
  prompt: version(name, n),
  composed,
});
const settle = () => new Promise((r) => setImmediate(r));

describe('PromptCache', () => {
  it('keys by name and selector; a subject only counts when neither label nor version is given', () => {
    expect(cacheKey('a', { label: 'production', subject: 'u1' })).toBe(
      cacheKey('a', { label: 'production' }),
    );
    expect(cacheKey('a', { version: 2, subject: 'u1' })).toBe(cacheKey('a', { version: 2 }));
    expect(cacheKey('a', { subject: 'u1' })).not.toBe(cacheKey('a', { subject: 'u2' }));
    expect(cacheKey('a', { subject: 'u1' })).not.toBe(cacheKey('a', {}));
    expect(cacheKey('a/b', {})).not.toBe(cacheKey('a', { label: 'b' }));
  });

  it('shares one load between concurrent misses, then serves from memory', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 1000, maxEntries: 10 });
    const key = cacheKey('a', {});
    const both = Promise.all([cache.fetch(key, 'a', {}), cache.fetch(key, 'a', {})]);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(loaded('a', 1));
    const [x, y] = await both;
    expect(x).toBe(y);
    expect(cache.peek(key)?.version).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('serves a stale entry at once and refreshes it in the background', async () => {
    let now = 0;
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 100, maxEntries: 10, now: () => now });
    const key = cacheKey('a', {});
    const first = cache.fetch(key, 'a', {});
    calls[0]!.resolve(loaded('a', 1));
    await first;
    now = 150;
    expect(cache.peek(key)?.version).toBe(1);
    expect(cache.peek(key)?.version).toBe(1);
    expect(calls).toHaveLength(2); // one refresh, not one per lookup
    calls[1]!.resolve(loaded('a', 2));
    await settle();
    expect(cache.peek(key)?.version).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('refreshes again when an invalidation arrives while a refresh is in flight', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 60_000, maxEntries: 10 });
    const key = cacheKey('a', { label: 'production' });
    const first = cache.fetch(key, 'a', { label: 'production' });
    calls[0]!.resolve(loaded('a', 1));
    await first;
    cache.invalidatePrompt('a');
    expect(calls).toHaveLength(2);
    cache.invalidatePrompt('a'); // the label moved again before the first refresh answered
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(loaded('a', 2)); // may predate the second move
    await settle();
    expect(calls).toHaveLength(3);
    calls[2]!.resolve(loaded('a', 3));
    await settle();
    expect(cache.peek(key)?.version).toBe(3);
    expect(calls).toHaveLength(3);
  });

  it('refreshes a load that raced an invalidation as soon as it lands', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 60_000, maxEntries: 10 });
    const key = cacheKey('a', {});
    const pending = cache.fetch(key, 'a', {});
    cache.invalidatePrompt('a');
    calls[0]!.resolve(loaded('a', 1));
    await pending;
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(loaded('a', 2));
    await settle();
    expect(cache.peek(key)?.version).toBe(2);
  });

  it('invalidates other prompts only when composed from includes', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 60_000, maxEntries: 10 });
    for (const [name, composed] of [
      ['plain', false],
      ['composed', true],
    ] as const) {
      const p = cache.fetch(cacheKey(name, {}), name, {});
      calls.at(-1)!.resolve(loaded(name, 1, composed));
      await p;
    }
    cache.invalidatePrompt('shared/footer');
    expect(calls.slice(2).map((c) => c.name)).toEqual(['composed']);
  });

  it('keeps the last good copy while the server is down, backing off; drops one that is gone', async () => {
    let now = 0;
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 10, maxEntries: 10, now: () => now });
    const key = cacheKey('a', {});
    const first = cache.fetch(key, 'a', {});
    calls[0]!.resolve(loaded('a', 1));
    await first;
    now = 20;
    expect(cache.peek(key)?.version).toBe(1);
    calls[1]!.reject(new NetworkError('down'));
    await settle();
    expect(cache.peek(key)?.version).toBe(1);
    expect(calls).toHaveLength(2); // waits 1 s before trying again
    now = 1_100;
    expect(cache.peek(key)?.version).toBe(1);
    expect(calls).toHaveLength(3);
    calls[2]!.reject(new NotFoundError({ type: 'about:blank', title: 'Not Found', status: 404 }));
    await settle();
    expect(cache.peek(key)).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 60_000, maxEntries: 2 });
    for (const name of ['a', 'b']) {
      const p = cache.fetch(cacheKey(name, {}), name, {});
      calls.at(-1)!.resolve(loaded(name, 1));
      await p;
    }
    cache.peek(cacheKey('a', {})); // a is now more recent than b
    const c = cache.fetch(cacheKey('c', {}), 'c', {});
    calls.at(-1)!.resolve(loaded('c', 1));
    await c;
    expect(cache.size).toBe(2);
    expect(cache.peek(cacheKey('b', {}))).toBeUndefined();
    expect(cache.peek(cacheKey('a', {}))).toBeDefined();
  });

  it('marks everything stale after a reconnect: each entry refreshes on its next use', async () => {
    const { calls, load } = controlledLoader();
    const cache = new PromptCache(load, { ttlMs: 60_000, maxEntries: 10 });
    const p = cache.fetch(cacheKey('a', {}), 'a', {});
    calls[0]!.resolve(loaded('a', 1));
    await p;
    cache.markAllStale();
    expect(calls).toHaveLength(1);
    expect(cache.peek(cacheKey('a', {}))?.version).toBe(1);
    expect(calls).toHaveLength(2);
  });
});
