/**
 * Does JumpCloud accept this credential, for this organization? Asked once per credential and
 * organization with one cheap upstream read, and the verdict kept for a while, so a refused key is
 * answered with HTTP 401 when the client connects instead of with every tool failing. A check that
 * cannot reach JumpCloud refuses nothing: the request is served and its calls report the failure.
 */
import { LRUCache } from 'lru-cache';
import type { Credential } from './types.js';
import { CLOCK_AT_EVERY_CHECK, entryBound } from '../store/lru-bound.js';

/**
 * What one upstream read answered: its HTTP status, or `undefined` when no answer came (network
 * failure, timeout).
 */
export type Probe = (input: {
  credential: Credential;
  orgId?: string;
}) => Promise<number | undefined>;

/**
 * `valid`: JumpCloud answered the read; `unauthorized`: 401; `forbidden`: 403 (the credential is
 * known but may not read this); `unverified`: no usable answer (network, 429, 5xx).
 */
export type Verdict = 'valid' | 'unauthorized' | 'forbidden' | 'unverified';

/** Where verdicts are kept; async so that a shared store can back it. */
export interface VerdictCache {
  get(key: string): Promise<Verdict | undefined>;
  /** The verdict kept in this process, answered without a promise (an in-process cache). */
  known?(key: string): Verdict | undefined;
  set(key: string, verdict: Verdict, ttlMs: number): Promise<void>;
}

export type Access =
  | { ok: true }
  /** JumpCloud refuses the credential itself. */
  | { ok: false; refused: 'credential' }
  /** The credential is fine, but not for this organization (unknown, or not one it manages). */
  | { ok: false; refused: 'organization' };

export interface AccessCheckTtl {
  validMs: number;
  refusedMs: number;
  /** A check that got no usable answer is repeated after this long. */
  unverifiedMs: number;
}

export const DEFAULT_ACCESS_TTL: AccessCheckTtl = {
  validMs: 5 * 60_000,
  refusedMs: 30_000,
  unverifiedMs: 30_000,
};

/** An in-process LRU of verdicts, each with its own time to live. */
export function memoryVerdictCache({
  max = 10_000,
  clock,
}: { max?: number; clock?: { now(): number } } = {}): VerdictCache {
  const cache = new LRUCache<string, Verdict>({
    ...entryBound(max),
    ttlAutopurge: false,
    ...CLOCK_AT_EVERY_CHECK,
    ...(clock ? { perf: clock } : {}),
  });
  return {
    get: async (key) => cache.get(key),
    known: (key) => cache.get(key),
    set: async (key, verdict, ttlMs) => void cache.set(key, verdict, { ttl: ttlMs }),
  };
}

function verdictOf(status: number | undefined): Verdict {
  if (status === undefined) return 'unverified';
  if (status >= 200 && status < 300) return 'valid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  // Rate limited, a server error, anything unexpected: no verdict on the credential.
  return 'unverified';
}

/** A promise unless the verdicts it needs are kept in this process. */
export type AccessCheck = (input: {
  credential: Credential;
  orgId?: string;
}) => Access | Promise<Access>;

const OK: Access = { ok: true };
const CREDENTIAL_REFUSED: Access = { ok: false, refused: 'credential' };

/**
 * `check({ credential, orgId })`. Only a 401 refuses a credential (a 403 says it is known). With an
 * organization, a 401 or 403 is put down to the organization only when the credential alone is
 * accepted (a second read, without `x-org-id`). Concurrent first requests of one credential and
 * organization share one upstream read.
 */
export function createAccessCheck({
  probe,
  cache = memoryVerdictCache(),
  ttl = DEFAULT_ACCESS_TTL,
}: {
  probe: Probe;
  cache?: VerdictCache;
  ttl?: AccessCheckTtl;
}): AccessCheck {
  const pending = new Map<string, Promise<Verdict>>();

  const keyOf = (credential: Credential, orgId: string | undefined) =>
    orgId ? `${credential.fingerprint}/${orgId}` : credential.fingerprint;

  const verdict = async (credential: Credential, orgId: string | undefined): Promise<Verdict> => {
    const key = keyOf(credential, orgId);
    const known = await cache.get(key);
    if (known) return known;
    let running = pending.get(key);
    if (!running) {
      running = (async () => {
        const found = verdictOf(await probe({ credential, orgId }).catch(() => undefined));
        const ms =
          found === 'valid'
            ? ttl.validMs
            : found === 'unverified'
              ? ttl.unverifiedMs
              : ttl.refusedMs;
        await cache.set(key, found, ms);
        return found;
      })().finally(() => pending.delete(key));
      pending.set(key, running);
    }
    return running;
  };

  const decide = async ({
    credential,
    orgId,
  }: {
    credential: Credential;
    orgId?: string;
  }): Promise<Access> => {
    const found = await verdict(credential, orgId);
    if (!orgId)
      return found === 'unauthorized' ? { ok: false, refused: 'credential' } : { ok: true };
    if (found === 'valid' || found === 'unverified') return { ok: true };
    // Refused with x-org-id: the credential, or the organization? Ask without it.
    const alone = await verdict(credential, undefined);
    if (alone === 'unauthorized') return { ok: false, refused: 'credential' };
    if (alone === 'valid') return { ok: false, refused: 'organization' };
    // The credential cannot read users at all: nothing to tell; let the calls report it.
    return { ok: true };
  };

  // What `decide` answers from a verdict kept in this process, without a promise: every request
  // of a known credential and organization after the first. Only a refusal that needs the
  // credential's own verdict too goes the long way.
  return (input) => {
    const known = cache.known?.(keyOf(input.credential, input.orgId));
    if (known !== undefined) {
      if (!input.orgId) return known === 'unauthorized' ? CREDENTIAL_REFUSED : OK;
      if (known === 'valid' || known === 'unverified') return OK;
    }
    return decide(input);
  };
}
