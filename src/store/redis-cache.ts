import type { Redis } from 'ioredis';
import type { KeyedCache } from './types.js';

/** The keyed cache in Redis: one JSON string per key, expiring on its own (`SET ... PX`). */
export function createRedisCache({
  client,
  prefix,
}: {
  client: Redis;
  prefix: string;
}): KeyedCache {
  return {
    async get<T>(key: string) {
      const json = await client.get(`${prefix}${key}`);
      return json === null ? undefined : (JSON.parse(json) as T);
    },
    async set(key, value, ttlMs) {
      const json = JSON.stringify(value);
      if (json === undefined) {
        await client.del(`${prefix}${key}`);
        return;
      }
      await client.set(`${prefix}${key}`, json, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async delete(key) {
      await client.del(`${prefix}${key}`);
    },
  };
}
