/** The in-process store: the keyed cache and health (its used tokens: test/store/memory.test.ts). */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/create-store.js';

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
