/**
 * Storage seams. The in-memory implementations are the default; a shared store (Redis) implements
 * the same interfaces so that replicas agree. Every implementation passes the same contract tests
 * (test/store/*.contract.ts).
 */
import type { Redis } from 'ioredis';
import type { AdapterFactory } from './oidc-adapter.js';
import type { RateLimitBackend } from './rate-limit-backend.js';

/** Remembers used confirmation tokens so that each confirms one call, on any replica. */
export interface UsedTokenStore {
  /**
   * Atomically marks `id` used for `ttlMs`. Resolves true for the first claim of an id (the call may
   * go ahead), false when it was already claimed. Rejects when the store cannot answer: the caller
   * must then refuse the confirmation (fail closed), never proceed.
   * One `SET key 1 NX PX ttlMs` implements it.
   */
  claim(id: string, ttlMs: number): Promise<boolean>;
}

/**
 * A small shared cache of JSON values, each with its own time to live (the key-validity cache, a
 * service-account token cache). `get` answers undefined for a missing or expired key. Every method
 * rejects when the store cannot answer; a caller that can do without the cache treats that as a
 * miss.
 */
export interface KeyedCache {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Whether the store can answer now, and if not why (for /readyz and the logs; never a secret). */
export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * Everything replicas share, from one `--store` setting: `memory` (this process only, the
 * default) or a Redis URL. Every key is under `prefix` and expires on its own.
 */
export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  /** Safe to log: `memory`, or the Redis URL without user or password. */
  readonly description: string;
  /** The key prefix (`--store-prefix`), e.g. `jcmcp:`. */
  readonly prefix: string;
  usedTokens: UsedTokenStore;
  rateLimits: RateLimitBackend;
  cache: KeyedCache;
  /**
   * The built-in authorization server's storage (oidc-provider adapters): in this process's memory,
   * or in Redis under `${prefix}oidc:`, where every replica sees the same clients, grants, codes
   * and tokens. Calls reject with StoreUnavailableError while Redis cannot answer.
   */
  oidcAdapters: AdapterFactory;
  /**
   * The Redis client; undefined in memory mode. It fails fast while disconnected and reconnects
   * on its own. Do not close it: `close()` does.
   */
  redis?: Redis;
  /** Whether the store answers now (/readyz). */
  ping(): Promise<StoreHealth>;
  close(): Promise<void>;
}
