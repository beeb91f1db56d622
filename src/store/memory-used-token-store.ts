import type { UsedTokenStore } from './types.js';

export const DEFAULT_USED_TOKEN_CAPACITY = 100_000;

/**
 * Used confirmation tokens in this process only (the default store): single use holds on one
 * replica. Ids are kept until their own expiry; when `capacity` unexpired ids are held, `claim`
 * rejects (the caller refuses the confirmation) rather than forget one that could be replayed.
 */
export function createMemoryUsedTokenStore({
  capacity = DEFAULT_USED_TOKEN_CAPACITY,
  now = Date.now,
}: { capacity?: number; now?: () => number } = {}): UsedTokenStore {
  const used = new Map<string, number>();
  const purgeExpired = (at: number) => {
    for (const [id, expiresAt] of used) if (expiresAt <= at) used.delete(id);
  };
  return {
    async claim(id, ttlMs) {
      const at = now();
      const expiresAt = used.get(id);
      if (expiresAt !== undefined && expiresAt > at) return false;
      if (used.size >= capacity) purgeExpired(at);
      if (used.size >= capacity) {
        throw new Error(
          `the memory of used confirmation tokens is full (${capacity} within their lifetime)`,
        );
      }
      used.set(id, at + ttlMs);
      return true;
    },
  };
}
