/**
 * The contract every UsedTokenStore keeps, whatever holds the ids (memory, Redis). A test file
 * calls it with a factory; `clock` is the time the store sees, which the tests move.
 */
import { describe, expect, it } from 'vitest';
import type { UsedTokenStore } from '../../src/store/types.js';

export interface ContractStore {
  store: UsedTokenStore;
  /** Lets `ms` pass for the store (a fake clock, or a real wait for a store with its own clock). */
  advance(ms: number): Promise<void>;
  /** A store of the same kind that cannot answer (full, unreachable). */
  failing(): Promise<UsedTokenStore>;
  close?(): Promise<void>;
}

export function usedTokenStoreContract(name: string, factory: () => Promise<ContractStore>): void {
  describe(`${name}: UsedTokenStore contract`, () => {
    const withStore = (test: (s: ContractStore) => Promise<void>) => async () => {
      const s = await factory();
      try {
        await test(s);
      } finally {
        await s.close?.();
      }
    };

    it(
      'claim(id): true the first time, false every time after',
      withStore(async ({ store }) => {
        expect(await store.claim('jti-1', 60_000)).toBe(true);
        expect(await store.claim('jti-1', 60_000)).toBe(false);
        expect(await store.claim('jti-1', 60_000)).toBe(false);
      }),
    );

    it(
      '100 concurrent claims of one id: exactly one is true',
      withStore(async ({ store }) => {
        const results = await Promise.all(
          Array.from({ length: 100 }, () => store.claim('jti-race', 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      }),
    );

    it(
      'ids are independent',
      withStore(async ({ store }) => {
        expect(await store.claim('jti-a', 60_000)).toBe(true);
        expect(await store.claim('jti-b', 60_000)).toBe(true);
        expect(await store.claim('jti-a', 60_000)).toBe(false);
        expect(await store.claim('jti-b', 60_000)).toBe(false);
      }),
    );

    it(
      'an id is forgotten once its ttl has passed, not before',
      withStore(async ({ store, advance }) => {
        expect(await store.claim('jti-ttl', 1_000)).toBe(true);
        await advance(500);
        expect(await store.claim('jti-ttl', 1_000)).toBe(false);
        await advance(1_000);
        expect(await store.claim('jti-ttl', 1_000)).toBe(true);
      }),
    );

    it(
      'a store that cannot answer rejects: it never answers true',
      withStore(async ({ failing }) => {
        const broken = await failing();
        await expect(broken.claim('jti-fail', 60_000)).rejects.toThrow();
      }),
    );
  });
}
