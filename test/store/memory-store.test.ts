/**
 * The in-process store: the keyed cache, the authorization server's storage and health (its used
 * tokens: test/store/memory.test.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryAdapterFactory } from '../../src/auth/oauth/memory-adapter.js';
import { createMemoryStore } from '../../src/store/create-store.js';
import { oidcAdapterContract } from './oidc-adapter.contract.js';

oidcAdapterContract('memory adapters', async () => {
  let clock = Date.now();
  const adapters = memoryAdapterFactory({ now: () => clock });
  return {
    adapters,
    peer: async () => adapters,
    advance: async (ms) => void (clock += ms),
  };
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

  it('oidcAdapters: one shared state for every model of this process', async () => {
    const { oidcAdapters } = createMemoryStore();
    await oidcAdapters('Grant').upsert('g', { jti: 'g', accountId: 'a' }, 60);
    expect(await oidcAdapters('Grant').find('g')).toEqual({ jti: 'g', accountId: 'a' });
  });

  it('ping() is always ok', async () => {
    expect(await createMemoryStore().ping()).toEqual({ ok: true });
  });
});
