import { NotFoundError } from './errors.js';
import type { FetchedPrompt } from './prompt.js';

/** Which version of a prompt: a label, a number, or (neither) the latest or a subject's experiment variant. */
export interface PromptSelector {
  label?: string | undefined;
  version?: number | undefined;
  subject?: string | undefined;
}

/** What the loader brings back: the version, and whether its text came from other prompts too. */
export interface LoadedPrompt {
  prompt: FetchedPrompt;
  /** It had `{{> other}}` includes: a change to any prompt may change it. */
  composed: boolean;
}

export interface PromptCacheOptions {
  /** After this long an entry is stale: still served, refreshed in the background. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  key: string;
  name: string;
  selector: PromptSelector;
  prompt: FetchedPrompt;
  composed: boolean;
  fetchedAt: number;
  stale: boolean;
  /** Bumped by every invalidation: a refresh that started before one must run again. */
  generation: number;
  refreshing: boolean;
  failures: number;
  /** No background refresh before this time after failures (the server is down). */
  retryAt: number;
}

/**
 * The selector a request actually depends on. The server reads `subject` only when neither
 * version nor label is given, so a subject is part of the key only then; otherwise every subject
 * shares one entry.
 */
export function cacheKey(name: string, s: PromptSelector): string {
  if (s.version !== undefined) return `${name}\0v\0${s.version}`;
  if (s.label !== undefined) return `${name}\0l\0${s.label}`;
  if (s.subject !== undefined) return `${name}\0s\0${s.subject}`;
  return `${name}\0latest`;
}

/**
 * Prompt versions in memory, stale-while-revalidate: a lookup never waits on the network while
 * an entry exists. A stale entry (past its time-to-live, invalidated by the change feed, or
 * everything after the feed reconnects) is served and refreshed in the background; an
 * invalidation refreshes the affected entries right away so the next lookup sees the change.
 * Entries are evicted least-recently-used beyond `maxEntries`.
 */
export class PromptCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<FetchedPrompt>>();
  /** Counts invalidations, so a load that raced one is known to be possibly outdated. */
  private epoch = 0;
  private readonly now: () => number;
  /** The last background refresh failure (for diagnostics; the cached copy keeps being served). */
  lastRefreshError: unknown = undefined;

  constructor(
    private readonly load: (name: string, selector: PromptSelector) => Promise<LoadedPrompt>,
    private readonly options: PromptCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached copy (refreshing it in the background when stale), or undefined on a miss. */
  peek(key: string): FetchedPrompt | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: re-inserting moves it to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (entry.stale || this.now() - entry.fetchedAt >= this.options.ttlMs) {
      entry.stale = true;
      if (this.now() >= entry.retryAt) void this.refresh(entry);
    }
    return entry.prompt;
  }

  /** Loads a missing entry; concurrent callers for one key share one request. */
  fetch(key: string, name: string, selector: PromptSelector): Promise<FetchedPrompt> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const startedAt = this.epoch;
    const promise = this.load(name, selector)
      .then(({ prompt, composed }) => {
        const entry = this.store(key, name, selector, prompt, composed);
        // Something changed while this was loading: it may predate the change.
        if (this.epoch !== startedAt) {
          entry.stale = true;
          void this.refresh(entry);
        }
        return prompt;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /** A prompt changed: its entries (and every composed one) are refreshed now. */
  invalidatePrompt(name: string): void {
    this.epoch++;
    for (const entry of this.entries.values()) {
      if (entry.name !== name && !entry.composed) continue;
      entry.stale = true;
      entry.generation++;
      entry.retryAt = 0;
      void this.refresh(entry);
    }
  }

  /** Events may have been missed: every entry is refreshed on its next use. */
  markAllStale(): void {
    this.epoch++;
    for (const entry of this.entries.values()) {
      entry.stale = true;
      entry.generation++;
      entry.retryAt = 0;
    }
  }

  clear(): void {
    this.entries.clear();
  }

  private store(
    key: string,
    name: string,
    selector: PromptSelector,
    prompt: FetchedPrompt,
    composed: boolean,
  ): Entry {
    const existing = this.entries.get(key);
    if (existing) {
      Object.assign(existing, { prompt, composed, fetchedAt: this.now(), failures: 0, retryAt: 0 });
      return existing;
    }
    const entry: Entry = {
      key,
      name,
      selector,
      prompt,
      composed,
      fetchedAt: this.now(),
      stale: false,
      generation: 0,
      refreshing: false,
      failures: 0,
      retryAt: 0,
    };
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }

  /** One refresh per entry at a time; one that raced an invalidation runs again. */
  private async refresh(entry: Entry): Promise<void> {
    if (entry.refreshing) return;
    entry.refreshing = true;
    try {
      for (;;) {
        const generation = entry.generation;
        try {
          const { prompt, composed } = await this.load(entry.name, entry.selector);
          Object.assign(entry, { prompt, composed, fetchedAt: this.now(), failures: 0, retryAt: 0 });
          if (entry.generation === generation) {
            entry.stale = false;
            return;
          }
        } catch (error) {
          this.lastRefreshError = error;
          // Gone on the server (a label removed): serving it would hide the change.
          if (error instanceof NotFoundError) {
            if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
            return;
          }
          // Down or failing: keep serving the last good copy, try again later (1 s, 2 s, … ≤ ttl).
          entry.failures++;
          const wait = Math.min(Math.max(this.options.ttlMs, 1_000), 1_000 * 2 ** (entry.failures - 1));
          entry.retryAt = this.now() + wait;
          return;
        }
      }
    } finally {
      entry.refreshing = false;
    }
  }
}
