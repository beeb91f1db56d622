/**
 * The shared store behind one setting (`--store`): `memory` keeps everything in this process, a
 * `redis://` or `rediss://` URL shares it between replicas. Key namespaces under the prefix:
 * `used:` (confirmation tokens), `cache:` (the keyed cache), `rl:` (rate limits), `oidc:` (the
 * built-in authorization server's clients, grants, sessions, codes and tokens).
 */
import { memoryAdapterFactory } from '../auth/oauth/memory-adapter.js';
import type { AdapterFactory } from './oidc-adapter.js';
import { createMemoryCache } from './memory-cache.js';
import { createMemoryUsedTokenStore } from './memory-used-tokens.js';
import { createMemoryRateLimits, createRedisRateLimits } from './rate-limit-backend.js';
import type { KeyedCache, SharedStore, UsedTokenStore } from './types.js';

export const DEFAULT_STORE_PREFIX = 'jcmcp:';

/** What the store reports about itself: failures it met, for the logs and metrics. */
export interface StoreObserver {
  /** A store operation failed (`claim`, `cache`, `rate_limit`, `oauth`, `connection`). */
  error(operation: StoreOperation, message?: string): void;
}
export type StoreOperation = 'claim' | 'cache' | 'rate_limit' | 'oauth' | 'connection';

export interface StoreConfig {
  /** `memory`, or a `redis://` / `rediss://` URL. */
  store: string;
  storePrefix: string;
}

/** The in-process store (no I/O, so it is built synchronously). */
export function createMemoryStore({
  prefix = DEFAULT_STORE_PREFIX,
  usedTokenCapacity = 100_000,
}: { prefix?: string; usedTokenCapacity?: number } = {}): SharedStore {
  // Made on first use: a server without OAuth sign-in keeps no authorization-server state.
  let adapters: AdapterFactory | undefined;
  return {
    kind: 'memory',
    description: 'memory',
    prefix,
    usedTokens: createMemoryUsedTokenStore({ maxEntries: usedTokenCapacity }),
    rateLimits: createMemoryRateLimits(),
    cache: createMemoryCache(),
    oidcAdapters: (model) => (adapters ??= memoryAdapterFactory())(model),
    ping: async () => ({ ok: true }),
    close: async () => {},
  };
}

/** Failures of a used-token claim or a cache call are counted, then passed on to the caller. */
function observedUsedTokens(inner: UsedTokenStore, observer?: StoreObserver): UsedTokenStore {
  return {
    claim: (id, ttlMs) =>
      inner.claim(id, ttlMs).catch((error: unknown) => {
        observer?.error('claim', (error as Error).message);
        throw error;
      }),
  };
}

function observedCache(inner: KeyedCache, observer?: StoreObserver): KeyedCache {
  const fail = (error: unknown): never => {
    observer?.error('cache', (error as Error).message);
    throw error;
  };
  return {
    get: <T>(key: string) => inner.get<T>(key).catch(fail),
    set: (key, value, ttlMs) => inner.set(key, value, ttlMs).catch(fail),
    delete: (key) => inner.delete(key).catch(fail),
  };
}

/**
 * Builds the store the configuration names. With Redis it waits up to `connectTimeoutMs` for the
 * first connection and then returns either way: until Redis answers, confirmations are refused,
 * reads go on and /readyz reports why; the client keeps reconnecting.
 */
export async function createStore({
  config,
  observer,
  connectTimeoutMs = 3_000,
}: {
  config: StoreConfig;
  observer?: StoreObserver;
  connectTimeoutMs?: number;
}): Promise<SharedStore> {
  const prefix = config.storePrefix;
  if (config.store === 'memory') return createMemoryStore({ prefix });
  // The Redis client (ioredis) loads only when the store is Redis.
  const [
    { createRedisCache },
    { connectRedis, describeRedisUrl },
    { createRedisUsedTokenStore },
    { redisAdapterFactory },
  ] = await Promise.all([
    import('./redis-cache.js'),
    import('./redis-client.js'),
    import('./redis-used-token-store.js'),
    import('./redis-oidc-adapter.js'),
  ]);
  const connection = connectRedis({
    url: config.store,
    onError: (message) => observer?.error('connection', message),
  });
  const { client } = connection;
  await connection.whenReady(connectTimeoutMs);
  return {
    kind: 'redis',
    description: describeRedisUrl(config.store),
    prefix,
    usedTokens: observedUsedTokens(
      createRedisUsedTokenStore({ client, prefix: `${prefix}used:` }),
      observer,
    ),
    rateLimits: createRedisRateLimits({
      client,
      prefix: `${prefix}rl:`,
      onError: () => observer?.error('rate_limit'),
    }),
    cache: observedCache(createRedisCache({ client, prefix: `${prefix}cache:` }), observer),
    oidcAdapters: redisAdapterFactory({
      client,
      prefix: `${prefix}oidc:`,
      onError: (message) => observer?.error('oauth', message),
    }),
    redis: client,
    ping: connection.health,
    close: async () => {
      if (client.status === 'ready') await client.quit().catch(() => {});
      client.disconnect(false);
    },
  };
}
