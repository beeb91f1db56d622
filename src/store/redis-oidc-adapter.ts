/**
 * The authorization server's models in Redis, shared by every replica (after oidc-provider's
 * example Redis adapter). Under `<prefix>` (the store prefix plus `oidc:`):
 *
 * - `<Model>:<id>`: a hash with the JSON `payload` and, once used, `consumed` (epoch seconds);
 * - `grant:<grantId>`: the keys of every record of that grant, so that revoking it reaches them all;
 * - `uid:<Model>:<uid>` and `usercode:<Model>:<code>`: the id of the record with that uid or code.
 *
 * Every key expires on its own: after the record's lifetime (oidc-provider's `expiresIn`), or
 * after `RECORD_TTL_CEILING_SECONDS` for a record without one (a dynamically registered client).
 * Each write is one Lua script, so a record is never half written; `consume` is one atomic
 * `HSETNX`, so a code or refresh token is used once across all replicas, and consuming a record
 * that is gone fails too. Every failure to reach Redis rejects with StoreUnavailableError.
 */
import type { Redis } from 'ioredis';
import type { AdapterPayload } from 'oidc-provider';
import { AlreadyConsumedError, StoreUnavailableError } from './oidc-adapter.js';
import type { AdapterFactory } from './oidc-adapter.js';

/** Lifetime of a record oidc-provider gives none (registered clients): 90 days after its write. */
export const RECORD_TTL_CEILING_SECONDS = 90 * 24 * 3600;

// KEYS: record, grant index, uid index, user-code index.
// ARGV: payload JSON, ttl (s), id, has grant, has uid, has user code.
const UPSERT = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'payload', ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('EXPIRE', KEYS[1], ttl)
if ARGV[4] == '1' then
  redis.call('SADD', KEYS[2], KEYS[1])
  if redis.call('TTL', KEYS[2]) < ttl then redis.call('EXPIRE', KEYS[2], ttl) end
end
if ARGV[5] == '1' then redis.call('SET', KEYS[3], ARGV[3], 'EX', ttl) end
if ARGV[6] == '1' then redis.call('SET', KEYS[4], ARGV[3], 'EX', ttl) end
return 1`;

// KEYS: record. ARGV: epoch seconds. -1: no such record, 0: consumed before, 1: consumed now.
const CONSUME = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HSETNX', KEYS[1], 'consumed', ARGV[1])`;

// KEYS: grant index. Deletes every record of the grant, then the index.
const REVOKE = `
local keys = redis.call('SMEMBERS', KEYS[1])
for i = 1, #keys do redis.call('DEL', keys[i]) end
redis.call('DEL', KEYS[1])
return #keys`;

export function redisAdapterFactory({
  client,
  prefix,
  now = Date.now,
  onError,
}: {
  client: Redis;
  /** The store prefix plus this namespace, e.g. `jcmcp:oidc:`. */
  prefix: string;
  now?: () => number;
  /** Hears each failure to reach Redis (for the metrics). */
  onError?: (message: string) => void;
}): AdapterFactory {
  const grantKey = (grantId: string) => `${prefix}grant:${grantId}`;

  /** Runs a Redis call; a failure to answer becomes StoreUnavailableError naming what failed. */
  const attempt = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const message = `the shared store could not ${what} (${(error as Error).message})`;
      onError?.(message);
      throw new StoreUnavailableError(message, { cause: error });
    }
  };

  return (model) => {
    const key = (id: string) => `${prefix}${model}:${id}`;
    const uidKey = (uid: string) => `${prefix}uid:${model}:${uid}`;
    const userCodeKey = (code: string) => `${prefix}usercode:${model}:${code}`;

    const find = async (id: string): Promise<AdapterPayload | undefined> => {
      const stored = await attempt(`read a ${model}`, () => client.hgetall(key(id)));
      if (stored.payload === undefined) return undefined;
      const payload = JSON.parse(stored.payload) as AdapterPayload;
      return stored.consumed === undefined
        ? payload
        : { ...payload, consumed: Number(stored.consumed) };
    };
    const findBy = async (indexKey: string): Promise<AdapterPayload | undefined> => {
      const id = await attempt(`read a ${model}`, () => client.get(indexKey));
      return id === null ? undefined : find(id);
    };

    return {
      async upsert(id, payload, expiresIn) {
        const ttl =
          typeof expiresIn === 'number' && expiresIn > 0
            ? Math.ceil(expiresIn)
            : RECORD_TTL_CEILING_SECONDS;
        const { grantId, uid, userCode } = payload;
        await attempt(`save a ${model}`, () =>
          client.eval(
            UPSERT,
            4,
            key(id),
            grantKey(grantId ?? ''),
            uidKey(uid ?? ''),
            userCodeKey(userCode ?? ''),
            JSON.stringify(payload),
            ttl,
            id,
            grantId ? '1' : '0',
            uid ? '1' : '0',
            userCode ? '1' : '0',
          ),
        );
      },
      find,
      findByUid: (uid) => findBy(uidKey(uid)),
      findByUserCode: (userCode) => findBy(userCodeKey(userCode)),
      async consume(id) {
        const answer = await attempt(`mark a ${model} used`, () =>
          client.eval(CONSUME, 1, key(id), Math.floor(now() / 1000)),
        );
        // A record gone since this request read it was revoked (a second use of it revokes its
        // grant) or expired: using it now would give a second request tokens for one code.
        if (answer === 0) throw new AlreadyConsumedError(model);
        if (answer === -1) throw new AlreadyConsumedError(model, true);
      },
      async destroy(id) {
        await attempt(`delete a ${model}`, () => client.del(key(id)));
      },
      async revokeByGrantId(grantId) {
        await attempt('revoke a grant', () => client.eval(REVOKE, 1, grantKey(grantId)));
      },
    };
  };
}
