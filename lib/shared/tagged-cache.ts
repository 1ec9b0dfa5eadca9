/** An in-process cache of computed values, each under a key with tags and a lifetime. Built for reads that many
 * visitors share (a doctor's page, the search results) and that change only when something is written:
 * whoever learns of a write calls `invalidate(tag)`. Loads of the same key at once share one computation.
 * A load that began before an invalidation is handed to its callers but not kept: it may have read the
 * database before the write committed. */

export type TaggedCache = {
  /** The value under `key`, computed by `load` when missing or expired. `ttlMs` (or the `expiresAt` the loader
   * gives back, if sooner) bounds how long it is kept without an invalidation. */
  get<T>(key: string, options: GetOptions<T>, load: () => Promise<T>): Promise<T>;
  /** The kept value under `key` if it has not expired; never loads. */
  peek<T>(key: string): T | undefined;
  /** Drops every value carrying `tag`. */
  invalidate(tag: string): void;
  /** Drops everything (when invalidations may have been missed). */
  clear(): void;
  readonly size: number;
};

export type GetOptions<T> = {
  tags: readonly string[];
  ttlMs: number;
  /** When the value stops being true of itself (a free slot that starts); null: only `ttlMs` bounds it. */
  expiresAt?: (value: T) => number | null;
  /** False: hand the value to its callers but keep nothing — an answer of "not found" or a page that could not
   * be rendered must not stand in for the next one. */
  keep?: (value: T) => boolean;
};

type Entry = { value: unknown; tags: readonly string[]; expiresAt: number };

export function taggedCache(options: { maxEntries: number; now?: () => number }): TaggedCache {
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<unknown>>();
  /** Bumped by every invalidation: a load keeps its value only if none came while it ran. */
  let generation = 0;

  const evict = (key: string) => entries.delete(key);
  return {
    async get<T>(key: string, opts: GetOptions<T>, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value as T;
      if (hit) evict(key);
      const running = loading.get(key);
      if (running) return running as Promise<T>;
      const startedAt = generation;
      const done = () => {
        if (loading.get(key) === pending) loading.delete(key);
      };
      const pending: Promise<T> = load().then(
        (value) => {
          done();
          if (startedAt === generation && (opts.keep?.(value) ?? true)) {
            const bound = opts.expiresAt?.(value);
            const expiresAt = Math.min(now() + opts.ttlMs, bound ?? Infinity);
            // Already stale (a slot that has started) takes no room.
            if (expiresAt <= now()) return value;
            // The oldest entry makes room (Map keeps insertion order).
            if (entries.size >= options.maxEntries) evict(entries.keys().next().value!);
            entries.set(key, { value, tags: opts.tags, expiresAt });
          }
          return value;
        },
        (error: unknown) => {
          done();
          throw error;
        },
      );
      loading.set(key, pending);
      return pending;
    },
    peek<T>(key: string): T | undefined {
      const hit = entries.get(key);
      return hit && hit.expiresAt > now() ? (hit.value as T) : undefined;
    },
    invalidate(tag) {
      generation++;
      // Loads under way may have read before the write: later callers start their own.
      loading.clear();
      for (const [key, entry] of entries) if (entry.tags.includes(tag)) evict(key);
    },
    clear() {
      generation++;
      loading.clear();
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
