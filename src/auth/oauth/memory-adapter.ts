/**
 * In-memory storage of the built-in authorization server (oidc-provider's `Adapter`: upsert, find,
 * consume, destroy, revoke by grant): the memory store's. One process only; the Redis store
 * implements the same interface (src/store/redis-oidc-adapter.ts) and both pass the same contract.
 */
import type { AdapterPayload } from 'oidc-provider';
import { AlreadyConsumedError } from '../../store/oidc-adapter.js';
import type { AdapterFactory } from '../../store/oidc-adapter.js';

export type { AdapterFactory } from '../../store/oidc-adapter.js';

interface Entry {
  payload: AdapterPayload;
  expiresAt?: number;
}

/** A factory whose adapters share one map (so that revoking a grant reaches every token model). */
export function memoryAdapterFactory({
  now = Date.now,
}: { now?: () => number } = {}): AdapterFactory {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  // Expired entries are swept now and then, so that abandoned sign-ins do not pile up.
  const sweep = setInterval(() => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= time) entries.delete(key);
    }
  }, 60_000);
  sweep.unref();

  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        entries.set(key(id), {
          payload: { ...payload },
          ...(expiresIn ? { expiresAt: now() + expiresIn * 1000 } : {}),
        });
        if (payload.grantId) {
          let keys = byGrant.get(payload.grantId);
          if (!keys) byGrant.set(payload.grantId, (keys = new Set()));
          keys.add(key(id));
        }
        if (payload.uid) byUid.set(`${model}:${payload.uid}`, id);
        if (payload.userCode) byUserCode.set(`${model}:${payload.userCode}`, id);
      },
      async find(id) {
        const entry = live(key(id));
        return entry && { ...entry.payload };
      },
      async findByUid(uid) {
        const id = byUid.get(`${model}:${uid}`);
        return id === undefined ? undefined : this.find(id);
      },
      async findByUserCode(userCode) {
        const id = byUserCode.get(`${model}:${userCode}`);
        return id === undefined ? undefined : this.find(id);
      },
      // Nothing is awaited between the test and the mark: of two uses, exactly one goes on.
      async consume(id) {
        const entry = live(key(id));
        if (!entry) throw new AlreadyConsumedError(model, true);
        if (entry.payload.consumed !== undefined) throw new AlreadyConsumedError(model);
        entry.payload.consumed = Math.floor(now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const stored of byGrant.get(grantId) ?? []) entries.delete(stored);
        byGrant.delete(grantId);
      },
    };
  };
}
