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
import { CLOCK_AT_EVERY_CHECK, entryBound } from '../store/lru-bound.js';

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
  /**
   * The client name remembered for this caller, already a safe slug, or undefined: at once when
   * this process read it lately, else a promise of what the shared store says.
   */
  recall(caller: Caller): string | undefined | Promise<string | undefined>;
}

/** The caller as one text. */
function callerText({ fingerprint, userAgent = '', ip = '' }: Caller): string {
  return `${fingerprint}\n${userAgent}\n${ip}`;
}

/** Longest caller text this process keeps as its own key; a longer one is kept by its hash. */
const LOCAL_KEY_MAX = 512;

/** The store's key: a hash, so that neither the User-Agent nor the address is stored readable. */
function cacheKey(text: string): string {
  const digest = createHash('sha256').update(text).digest();
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
    ...CLOCK_AT_EVERY_CHECK,
    perf: { now },
  });
  // This process's copy is keyed by the caller's text (it never leaves the process), which spares
  // a hash per call; a User-Agent long enough to weigh on the copy's memory is kept by the store's
  // key, when the caller has it at hand, or by one made for it.
  const localKey = (text: string, storeKey?: string) =>
    text.length <= LOCAL_KEY_MAX ? text : (storeKey ?? cacheKey(text));
  const fromStore = async (text: string) => {
    const key = cacheKey(text);
    const stored = await cache.get<unknown>(key);
    // Whatever the store holds is checked again: only a slug is ever used as a name.
    const name = typeof stored === 'string' ? normalizeClientName(stored) : undefined;
    local.set(localKey(text, key), name ?? '');
    return name;
  };
  return {
    async remember(caller, clientInfoName) {
      const name = normalizeClientName(clientInfoName);
      if (!name) return;
      const text = callerText(caller);
      const key = cacheKey(text);
      await cache.set(key, name, ttlMs);
      local.set(localKey(text, key), name);
    },
    recall(caller) {
      const text = callerText(caller);
      const known = local.get(localKey(text));
      if (known !== undefined) return known || undefined;
      return fromStore(text);
    },
  };
}
