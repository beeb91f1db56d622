/**
 * The service-account token on the shared store: replicas (two credentials on two stores sharing
 * one Redis) fetch one token between them and refresh it shortly before it expires; the store
 * holds it sealed, so reading Redis does not give a JumpCloud token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccountCredential } from '../../src/auth/service-account.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createStore } from '../../src/store/create-store.js';
import type { SharedStore } from '../../src/store/types.js';
import { TEST_REDIS_URL, deleteKeys, keysUnder, testPrefix } from '../store/redis-fixture.js';

const prefix = testPrefix();
let sandbox: Sandbox;
const stores: SharedStore[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({});
  for (let i = 0; i < 2; i += 1) {
    stores.push(await createStore({ config: { store: TEST_REDIS_URL, storePrefix: prefix } }));
  }
});

afterAll(async () => {
  for (const store of stores) await store.close();
  await sandbox?.close();
  await deleteKeys(prefix);
});

describe('serviceAccountCredential({ cache: store.cache })', () => {
  it('two replicas share one token until shortly before it expires; the store holds it sealed', async () => {
    let now = Date.now();
    const replica = (store: SharedStore, clientSecret = sandbox.serviceAccount.clientSecret) =>
      serviceAccountCredential({
        clientId: sandbox.serviceAccount.clientId,
        clientSecret,
        tokenUrl: sandbox.serviceAccount.tokenUrl,
        cache: store.cache,
        now: () => now,
      });
    const [a, b] = [replica(stores[0]!), replica(stores[1]!)];
    const first = await a.headers();
    const onB = await Promise.all(Array.from({ length: 10 }, () => b.headers()));
    expect(onB.every((h) => h.authorization === first.authorization)).toBe(true);
    expect(a.tokenRequests + b.tokenRequests).toBe(1);
    expect(sandbox.serviceAccount.tokensIssued).toBe(1);

    // Redis holds one entry under the prefix, and not the token itself.
    const keys = await keysUnder(`${prefix}cache:sa-token:`);
    expect(keys).toHaveLength(1);
    const stored = await stores[0]!.redis!.get(keys[0]!);
    const token = String(first.authorization).replace(/^Bearer /, '');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(sandbox.serviceAccount.clientSecret);
    const ttl = await stores[0]!.redis!.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000 - 60_000);

    // A replica with another secret (a rotation half done) cannot read it and fetches its own.
    const other = replica(stores[1]!, 'another-secret-not-the-sandbox-one');
    await expect(other.headers()).rejects.toThrow(/HTTP 401/);

    // A minute before expiry the token is refreshed once, and the new one is shared again.
    now += 3_550_000;
    const renewed = await b.headers();
    expect(renewed.authorization).not.toBe(first.authorization);
    expect(await a.headers()).toEqual(renewed);
    expect(sandbox.serviceAccount.tokensIssued).toBe(2);
  });

  it('a store that cannot answer is a cache miss: the token is fetched and used', async () => {
    const broken = await createStore({
      config: { store: 'redis://127.0.0.1:1', storePrefix: prefix },
      connectTimeoutMs: 100,
    });
    try {
      const credential = serviceAccountCredential({
        clientId: sandbox.serviceAccount.clientId,
        clientSecret: sandbox.serviceAccount.clientSecret,
        tokenUrl: sandbox.serviceAccount.tokenUrl,
        cache: broken.cache,
      });
      expect((await credential.headers()).authorization).toMatch(/^Bearer /);
      expect(credential.tokenRequests).toBe(1);
    } finally {
      await broken.close();
    }
  });
});
