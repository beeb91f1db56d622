import type { Redis } from 'ioredis';
import type { UsedTokenStore } from './types.js';

/**
 * Used confirmation tokens in Redis, shared by every replica: one `SET key 1 NX PX ttl` per claim,
 * so of any number of concurrent claims of one id exactly one succeeds. The key expires with the
 * token. A claim rejects when Redis cannot answer; the caller refuses the confirmation.
 */
export function createRedisUsedTokenStore({
  client,
  prefix,
}: {
  client: Redis;
  /** The store prefix plus this store's namespace, e.g. `jcmcp:used:`. */
  prefix: string;
}): UsedTokenStore {
  return {
    async claim(id, ttlMs) {
      const answer = await client.set(
        `${prefix}${id}`,
        '1',
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
        'NX',
      );
      return answer === 'OK';
    },
  };
}
