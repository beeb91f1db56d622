/** The Redis store against a real Redis: the used-token contract, the cache, limits, health. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { createStore } from '../../src/store/create-store.js';
import type { SharedStore } from '../../src/store/types.js';
import { RECORD_TTL_CEILING_SECONDS } from '../../src/store/redis-oidc-adapter.js';
import { oidcAdapterContract } from './oidc-adapter.contract.js';
import { usedTokenStoreContract } from './used-token-store.contract.js';
import { TEST_REDIS_URL, deleteKeys, keysUnder, testPrefix } from './redis-fixture.js';
import { freePort } from '../free-port.js';

const prefix = testPrefix();
const opened: SharedStore[] = [];

async function open(url = TEST_REDIS_URL, connectTimeoutMs = 3_000): Promise<SharedStore> {
  const store = await createStore({
    config: { store: url, storePrefix: prefix },
    connectTimeoutMs,
  });
  opened.push(store);
  return store;
}

async function unreachable(): Promise<SharedStore> {
  return open(`redis://127.0.0.1:${await freePort()}`, 200);
}

afterAll(async () => {
  for (const store of opened) await store.close();
  await deleteKeys(prefix);
  expect(await keysUnder(prefix)).toEqual([]);
});

// Each test gets its own namespace under the prefix, and Redis's own clock: `advance` waits.
usedTokenStoreContract('Redis used-token store', async () => {
  const store = await createStore({
    config: { store: TEST_REDIS_URL, storePrefix: `${prefix}${randomUUID()}:` },
  });
  opened.push(store);
  return {
    store: store.usedTokens,
    advance: (ms) => sleep(ms),
    failing: async () => (await unreachable()).usedTokens,
  };
});

// Two stores on one namespace play two replicas; Redis's own clock: `advance` waits.
oidcAdapterContract('Redis adapters', async () => {
  const config = { store: TEST_REDIS_URL, storePrefix: `${prefix}${randomUUID()}:` };
  const store = await createStore({ config });
  opened.push(store);
  return {
    adapters: store.oidcAdapters,
    peer: async () => {
      const other = await createStore({ config });
      opened.push(other);
      return other.oidcAdapters;
    },
    advance: (ms) => sleep(ms),
    failing: async () => (await unreachable()).oidcAdapters,
  };
});

describe('createStore({ store: redis:// })', () => {
  it('keeps the authorization server under <prefix>oidc:, every key expiring on its own', async () => {
    const store = await open();
    const grants = store.oidcAdapters('RefreshToken');
    await grants.upsert('ttl-rt', { jti: 'ttl-rt', grantId: 'ttl-grant', uid: 'ttl-uid' }, 600);
    await store.oidcAdapters('Client').upsert('ttl-client', { client_id: 'ttl-client' }, 0);
    const keys = [
      `${prefix}oidc:RefreshToken:ttl-rt`,
      `${prefix}oidc:grant:ttl-grant`,
      `${prefix}oidc:uid:RefreshToken:ttl-uid`,
    ];
    for (const key of keys) {
      const ttl = await store.redis!.ttl(key);
      expect(ttl, key).toBeGreaterThan(590);
      expect(ttl, key).toBeLessThanOrEqual(600);
    }
    // A registered client has no lifetime of its own: it expires after the ceiling.
    const clientTtl = await store.redis!.ttl(`${prefix}oidc:Client:ttl-client`);
    expect(clientTtl).toBeGreaterThan(RECORD_TTL_CEILING_SECONDS - 10);
    expect(clientTtl).toBeLessThanOrEqual(RECORD_TTL_CEILING_SECONDS);
    // The grant index lives as long as its longest record.
    await store
      .oidcAdapters('AccessToken')
      .upsert('ttl-at', { jti: 'at', grantId: 'ttl-grant' }, 60);
    expect(await store.redis!.ttl(`${prefix}oidc:grant:ttl-grant`)).toBeGreaterThan(590);
  });

  it('keeps used tokens under the prefix, each key expiring on its own', async () => {
    const store = await open();
    await store.usedTokens.claim('expiring-id', 30_000);
    const ttl = await store.redis!.pttl(`${prefix}used:expiring-id`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('two stores on one Redis see the same used tokens and cache', async () => {
    const [a, b] = [await open(), await open()];
    expect(await a.usedTokens.claim('shared-id', 30_000)).toBe(true);
    expect(await b.usedTokens.claim('shared-id', 30_000)).toBe(false);
    await a.cache.set('key-valid:key_abc', { valid: true, role: 'admin' }, 30_000);
    expect(await b.cache.get('key-valid:key_abc')).toEqual({ valid: true, role: 'admin' });
    await b.cache.delete('key-valid:key_abc');
    expect(await a.cache.get('key-valid:key_abc')).toBeUndefined();
  });

  it('cache entries expire after their ttl', async () => {
    const store = await open();
    await store.cache.set('short', 'value', 50);
    expect(await store.cache.get('short')).toBe('value');
    await sleep(250);
    expect(await store.cache.get('short')).toBeUndefined();
  });

  it('rate limiters count across stores sharing the Redis', async () => {
    const [a, b] = [await open(), await open()];
    const options = { name: 'contract-limit', points: 3, durationSeconds: 60 };
    const [la, lb] = [a.rateLimits.create(options), b.rateLimits.create(options)];
    await la.consume('k');
    await lb.consume('k');
    await la.consume('k');
    const over = await lb.consume('k').catch((rejection: unknown) => rejection);
    expect(over).toBeInstanceOf(RateLimiterRes);
    expect((over as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
  });

  it('ping() is ok while Redis answers', async () => {
    expect(await (await open()).ping()).toEqual({ ok: true });
  });

  it('an unreachable Redis: ping says why without credentials, the cache rejects, limits go on per process', async () => {
    const port = await freePort();
    const store = await open(`redis://user:hunter2-secret@127.0.0.1:${port}/0`, 200);
    const health = await store.ping();
    expect(health.ok).toBe(false);
    const reason = (health as { reason: string }).reason;
    expect(reason).toContain(`redis://127.0.0.1:${port}/0`);
    expect(reason).not.toContain('hunter2');
    expect(store.description).not.toContain('hunter2');
    await expect(store.cache.get('anything')).rejects.toThrow();
    const limiter = store.rateLimits.create({ name: 'down', points: 1, durationSeconds: 60 });
    await expect(limiter.consume('k')).resolves.toBeInstanceOf(RateLimiterRes);
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});
