/**
 * The contract every UsedTokenStore passes (src/store/types.ts): run it with
 * `describeUsedTokenStoreContract({ name, create, unavailable })` from a test file.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { UsedTokenStore } from '../../src/store/types.js';

export interface UsedTokenStoreSubject {
  /** Names the implementation in the test titles. */
  name: string;
  /** A working store (a fresh one, or one with its own namespace). */
  create(): Promise<UsedTokenStore> | UsedTokenStore;
  /** A store that cannot answer (its backend is gone or refuses). */
  unavailable(): Promise<UsedTokenStore> | UsedTokenStore;
  /** Releases what create/unavailable opened. */
  cleanup?(): Promise<void>;
}

const TTL_MS = 60_000;

export function describeUsedTokenStoreContract(subject: UsedTokenStoreSubject): void {
  describe(`UsedTokenStore contract: ${subject.name}`, () => {
    afterAll(() => subject.cleanup?.());
    const id = () => `contract-${randomUUID()}`;

    it('claim(id): true the first time, false the second', async () => {
      const store = await subject.create();
      const token = id();
      expect(await store.claim(token, TTL_MS)).toBe(true);
      expect(await store.claim(token, TTL_MS)).toBe(false);
    });

    it('100 concurrent claims of one id: exactly one is true', async () => {
      const store = await subject.create();
      const token = id();
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => store.claim(token, TTL_MS)),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('ids are independent: claiming one leaves the others free', async () => {
      const store = await subject.create();
      const [a, b] = [id(), id()];
      expect(await store.claim(a, TTL_MS)).toBe(true);
      expect(await store.claim(b, TTL_MS)).toBe(true);
      expect(await store.claim(a, TTL_MS)).toBe(false);
      expect(await store.claim(b, TTL_MS)).toBe(false);
    });

    it('an id is forgotten once its ttl has passed, and not before', async () => {
      const store = await subject.create();
      const [short, long] = [id(), id()];
      expect(await store.claim(short, 50)).toBe(true);
      expect(await store.claim(long, TTL_MS)).toBe(true);
      // Waiting longer than the ttl: a lower bound, so a slow machine cannot make it fail.
      await sleep(250);
      expect(await store.claim(short, TTL_MS)).toBe(true);
      expect(await store.claim(long, TTL_MS)).toBe(false);
    });

    it('rejects when the store cannot answer (the caller then refuses)', async () => {
      const store = await subject.unavailable();
      await expect(store.claim(id(), TTL_MS)).rejects.toThrow();
    });
  });
}
