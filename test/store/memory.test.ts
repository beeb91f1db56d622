import { describe, expect, it } from 'vitest';
import {
  createMemoryUsedTokenStore,
  UsedTokenStoreFullError,
} from '../../src/store/memory-used-tokens.js';
import { usedTokenStoreContract } from './used-token-store.contract.js';

usedTokenStoreContract('createMemoryUsedTokenStore', async () => {
  let clock = 1_000_000;
  const now = () => clock;
  return {
    store: createMemoryUsedTokenStore({ maxEntries: 1_000, now }),
    advance: async (ms) => void (clock += ms),
    failing: async () => {
      const full = createMemoryUsedTokenStore({ maxEntries: 1, now });
      await full.claim('occupant', 60_000);
      return full;
    },
  };
});

describe('createMemoryUsedTokenStore({ maxEntries })', () => {
  it('when full, rejects new ids rather than forget a used one, and makes room as ids expire', async () => {
    let clock = 0;
    const store = createMemoryUsedTokenStore({ maxEntries: 2, now: () => clock });
    expect(await store.claim('a', 300_000)).toBe(true);
    expect(await store.claim('b', 300_000)).toBe(true);
    await expect(store.claim('c', 300_000)).rejects.toBeInstanceOf(UsedTokenStoreFullError);
    // 'a' is still remembered as used.
    expect(await store.claim('a', 300_000)).toBe(false);
    clock += 300_001;
    expect(await store.claim('c', 300_000)).toBe(true);
  });
});
