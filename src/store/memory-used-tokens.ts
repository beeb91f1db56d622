/**
 * The default UsedTokenStore: one process's memory. Bounded and expiring: an id is kept until its
 * ttl runs out, never evicted before, so a full store refuses new claims (fail closed) instead of
 * forgetting a used token that could then be replayed. Replicas need a shared store instead.
 */
import type { UsedTokenStore } from './types.js';

export class UsedTokenStoreFullError extends Error {
  constructor(maxEntries: number) {
    super(
      `the memory of used confirmations is full (${maxEntries} within their lifetime); new confirmations are refused until some expire`,
    );
    this.name = 'UsedTokenStoreFullError';
  }
}

export function createMemoryUsedTokenStore({
  maxEntries,
  now = Date.now,
}: {
  /** Most ids remembered at once; a claim beyond it rejects. */
  maxEntries: number;
  /** Clock in milliseconds. */
  now?: () => number;
}): UsedTokenStore {
  // id -> expiry (ms). Insertion order is claim order, so expired ids gather at the front.
  const used = new Map<string, number>();

  function purgeExpired(at: number): void {
    for (const [id, expiresAt] of used) {
      if (expiresAt > at) continue;
      used.delete(id);
    }
  }

  return {
    // Nothing is awaited between the test and the set: concurrent claims of one id cannot both win.
    claim(id: string, ttlMs: number): Promise<boolean> {
      const at = now();
      const expiresAt = used.get(id);
      if (expiresAt !== undefined && expiresAt > at) return Promise.resolve(false);
      if (used.size >= maxEntries) purgeExpired(at);
      if (used.size >= maxEntries) return Promise.reject(new UsedTokenStoreFullError(maxEntries));
      used.delete(id);
      used.set(id, at + Math.max(0, ttlMs));
      return Promise.resolve(true);
    },
  };
}
