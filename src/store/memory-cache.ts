import { LRUCache } from 'lru-cache';
import type { KeyedCache } from './types.js';
import { CLOCK_AT_EVERY_CHECK, entryBound } from './lru-bound.js';

/**
 * The keyed cache of one process; beyond `max` entries the least recently used goes first. Values
 * are kept as JSON, as in Redis, so a caller changing an object after `set` or `get` does not
 * change the cached value.
 */
export function createMemoryCache({
  max = 10_000,
  now,
}: { max?: number; now?: () => number } = {}): KeyedCache {
  const cache = new LRUCache<string, string>({
    ...entryBound(max),
    ...CLOCK_AT_EVERY_CHECK,
    ...(now ? { perf: { now } } : {}),
  });
  return {
    async get<T>(key: string) {
      const json = cache.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async set(key, value, ttlMs) {
      cache.set(key, JSON.stringify(value), { ttl: Math.max(1, Math.ceil(ttlMs)) });
    },
    async delete(key) {
      cache.delete(key);
    },
  };
}
