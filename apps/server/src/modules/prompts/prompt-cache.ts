import type { PlatformEvent } from '@promptops/contracts';

export interface PromptSelectorKey {
  version?: number | undefined;
  label?: string | undefined;
  /** With includes expanded (`?resolve=true`). */
  resolve?: boolean | 'true' | 'false' | undefined;
}

interface Entry {
  body: string;
  expires: number;
}

/**
 * Prompt versions as the API returns them (serialised JSON), by organization, name and selector.
 * It holds answers only, never permissions: callers are authorised on every request before they
 * reach it.
 *
 * Every change to a prompt (a new version, a moved label) publishes a platform event; each API
 * process drops that prompt's entries when the event arrives, and the process that made the
 * change drops them as soon as it commits. The time-to-live only bounds staleness when events
 * cannot arrive (the event bus is down).
 *
 * A body with includes expanded (`resolve`) depends on other prompts too: those bodies are kept
 * in one group per organization that every prompt change there drops.
 *
 * A lookup that misses reads the database and then stores its answer, but only if no
 * invalidation happened in between (`begin` hands out the generation it started from): an answer
 * read just before a change must not be stored after the change's event has been handled.
 */
export class PromptCache {
  /** `orgId \0 name` → selector → entry; Map order is insertion order, oldest first. */
  private readonly prompts = new Map<string, Map<string, Entry>>();
  private generation = 0;
  private entries = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(orgId: string, name: string, selector: PromptSelectorKey): string | undefined {
    const [pk, key] = keysOf(orgId, name, selector);
    const group = this.prompts.get(pk);
    const entry = group?.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      group!.delete(key);
      this.entries--;
      return undefined;
    }
    return entry.body;
  }

  /** The generation to pass to `set` once the database has answered. */
  begin(): number {
    return this.generation;
  }

  set(startedAt: number, orgId: string, name: string, selector: PromptSelectorKey, body: string): void {
    if (!this.enabled || startedAt !== this.generation) return;
    const [pk, key] = keysOf(orgId, name, selector);
    let group = this.prompts.get(pk);
    if (!group) {
      while (this.entries >= this.maxEntries && this.prompts.size > 0)
        this.dropGroup(this.prompts.keys().next().value!);
      group = new Map();
      this.prompts.set(pk, group);
    }
    if (!group.has(key)) this.entries++;
    group.set(key, { body, expires: Date.now() + this.ttlMs });
  }

  /**
   * Drops every cached version of one prompt (any change can move `latest` or a label) and every
   * resolved body of its organization (any of them may include this prompt).
   */
  invalidatePrompt(orgId: string, name: string): void {
    this.generation++;
    this.dropGroup(promptKey(orgId, name));
    this.dropGroup(resolvedKey(orgId));
  }

  invalidateOrg(orgId: string): void {
    this.generation++;
    const prefix = `${orgId}\0`;
    for (const pk of [...this.prompts.keys()]) if (pk.startsWith(prefix)) this.dropGroup(pk);
  }

  /** Event-bus listener: every prompt event names the prompt it changed. */
  handleEvent(event: PlatformEvent): void {
    if (!event.type.startsWith('prompt.')) return;
    const name = (event.payload as { name?: unknown }).name;
    if (typeof name === 'string') this.invalidatePrompt(event.orgId, name);
    else this.invalidateOrg(event.orgId);
  }

  clear(): void {
    this.generation++;
    this.prompts.clear();
    this.entries = 0;
  }

  private dropGroup(pk: string): void {
    const group = this.prompts.get(pk);
    if (!group) return;
    this.entries -= group.size;
    this.prompts.delete(pk);
  }
}

const promptKey = (orgId: string, name: string) => `${orgId}\0${name}`;
// Prompt names never contain NUL, so this group cannot collide with a prompt's.
const resolvedKey = (orgId: string) => `${orgId}\0\0resolved`;

/** The group and the key within it of one lookup. */
function keysOf(orgId: string, name: string, s: PromptSelectorKey): [string, string] {
  return s.resolve === true || s.resolve === 'true'
    ? [resolvedKey(orgId), `${name}\0${selectorKey(s)}`]
    : [promptKey(orgId, name), selectorKey(s)];
}

const selectorKey = (s: PromptSelectorKey) =>
  s.version !== undefined
    ? `v${s.version}`
    : s.label !== undefined && s.label !== 'latest'
      ? `l${s.label}`
      : '';
