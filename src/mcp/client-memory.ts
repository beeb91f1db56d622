/**
 * Which MCP client a stateless caller is. Stateless requests carry no session, so after
 * `initialize` the server sees only the HTTP User-Agent, and bridges (`mcp-remote`) and the MCP
 * Inspector send a plain `node` or undici one. The client's name from its last `initialize` is
 * remembered for a while, per principal, User-Agent and client address, in the shared store's
 * cache (so every replica knows it), and later requests of that caller take it.
 */
import { createHash } from 'node:crypto';
import type { KeyedCache } from '../store/types.js';
import { normalizeClientName } from './client-name.js';

/** How long a client's name is remembered after its `initialize`. */
export const CLIENT_NAME_TTL_MS = 12 * 60 * 60 * 1000;

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
}: {
  cache: KeyedCache;
  ttlMs?: number;
}): ClientMemory {
  return {
    async remember(caller, clientInfoName) {
      const name = normalizeClientName(clientInfoName);
      if (name) await cache.set(cacheKey(caller), name, ttlMs);
    },
    async recall(caller) {
      const name = await cache.get<unknown>(cacheKey(caller));
      // Whatever the store holds is checked again: only a slug is ever used as a name.
      return typeof name === 'string' ? normalizeClientName(name) : undefined;
    },
  };
}
