/**
 * A small in-process cache with a time-to-live and a size bound (oldest entries go first).
 * Used on the request hot path for lookups that change rarely; writers invalidate locally, and
 * the TTL bounds how long another instance can serve a stale value.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (e.g. a key found by id rather than by hash). */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, e] of this.entries) if (matches(e.value)) this.entries.delete(key);
  }
  /** Drops every entry whose key starts with `prefix` (e.g. all of one organization). */
  deletePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
