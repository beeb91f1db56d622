/**
 * Which MCP client a stateless caller is. Stateless requests carry no session, so after
 * `initialize` the server sees only the HTTP User-Agent, and bridges (`mcp-remote`) and the MCP
 * Inspector send a plain `node` or undici one. The client's name from its last `initialize` is
 * remembered for a while, per principal, User-Agent and client address, in the shared store's
 * cache (so every replica knows it), and later requests of that caller take it.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KeyedCache } from '../store/types.js';
import { normalizeClientName } from './client-name.js';
import { entryBound } from '../store/lru-bound.js';

/** How long a client's name is remembered after its `initialize`. */
export const CLIENT_NAME_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * How long this process keeps what it read from the store, so that a stateless client's calls
 * do not each cost a store round trip; a client that names itself anew on another replica is
 * known here at most this much later.
 */
const LOCAL_TTL_MS = 60_000;

/** Who is calling, as far as HTTP tells: the principal's fingerprint, User-Agent and address. */
export interface Caller {
  fingerprint: string;
  userAgent?: string;
  ip?: string;
}

export interface ClientMemory {
  /** Remembers the client an `initialize` of this caller named (its clientInfo name). */
  remember(caller: Caller, clientInfoName: string): Promise<void>;
  /** The client name remembered for this caller, already a safe slug, or undefined. */
  recall(caller: Caller): Promise<string | undefined>;
}

/** The cache key: a hash, so that neither the User-Agent nor the address is stored readable. */
function cacheKey({ fingerprint, userAgent = '', ip = '' }: Caller): string {
  const digest = createHash('sha256').update(`${fingerprint}\n${userAgent}\n${ip}`).digest();
  return `client-name:${digest.toString('base64url').slice(0, 32)}`;
}

export function createClientMemory({
  cache,
  ttlMs = CLIENT_NAME_TTL_MS,
  now = Date.now,
}: {
  cache: KeyedCache;
  ttlMs?: number;
  /** The clock of the local copy (the store keeps its own). */
  now?: () => number;
}): ClientMemory {
  // '' stands for "the store knows no name" (an LRUCache holds no undefined).
  const local = new LRUCache<string, string>({
    ...entryBound(10_000),
    ttl: Math.min(ttlMs, LOCAL_TTL_MS),
    perf: { now },
  });
  return {
    async remember(caller, clientInfoName) {
      const name = normalizeClientName(clientInfoName);
      if (!name) return;
      const key = cacheKey(caller);
      await cache.set(key, name, ttlMs);
      local.set(key, name);
    },
    async recall(caller) {
      const key = cacheKey(caller);
      const known = local.get(key);
      if (known !== undefined) return known || undefined;
      const stored = await cache.get<unknown>(key);
      // Whatever the store holds is checked again: only a slug is ever used as a name.
      const name = typeof stored === 'string' ? normalizeClientName(stored) : undefined;
      local.set(key, name ?? '');
      return name;
    },
  };
}
