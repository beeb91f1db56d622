/** The in-process store: the same used-token contract as Redis, and the keyed cache. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/create-store.js';
import { createMemoryUsedTokenStore } from '../../src/store/memory-used-token-store.js';
import { describeUsedTokenStoreContract } from './used-token-store.contract.js';

describeUsedTokenStoreContract({
  name: 'memory',
  create: () => createMemoryUsedTokenStore(),
  // This process cannot answer for more unexpired ids than its capacity.
  unavailable: async () => {
    const store = createMemoryUsedTokenStore({ capacity: 1 });
    await store.claim('the-only-room', 60_000);
    return store;
  },
});

describe('createMemoryStore()', () => {
  it('cache: values come back as copies and expire after their ttl', async () => {
    const { cache } = createMemoryStore();
    const value = { roles: ['admin'] };
    await cache.set('k', value, 50);
    value.roles.push('changed');
    expect(await cache.get('k')).toEqual({ roles: ['admin'] });
    await sleep(200);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('ping() is always ok', async () => {
    expect(await createMemoryStore().ping()).toEqual({ ok: true });
  });
});
