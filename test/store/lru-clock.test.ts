/**
 * The in-process caches a tool call reads (the access verdicts, the remembered client names, the
 * memory store) check their times to live against the clock itself: a lookup sets no timer. With
 * lru-cache's default resolution of 1 ms, a lookup more than 1 ms after the last set one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryVerdictCache } from '../../src/auth/access-check.js';
import { createClientMemory } from '../../src/mcp/client-memory.js';
import { createMemoryCache } from '../../src/store/memory-cache.js';

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('lookups in the caches of a tool call', () => {
  afterEach(() => vi.restoreAllMocks());

  it('set no timer, and entries still expire', async () => {
    const verdicts = memoryVerdictCache();
    const store = createMemoryCache();
    const names = createClientMemory({ cache: store });
    const caller = { fingerprint: 'key_0123456789ab', userAgent: 'claude-code/2.0', ip: '::1' };
    await verdicts.set('key', 'valid', 60_000);
    await verdicts.set('short', 'valid', 20);
    await store.set('kept', { a: 1 }, 60_000);
    await names.remember(caller, 'claude-code');
    await names.recall(caller);
    await later();

    const timers = vi.spyOn(globalThis, 'setTimeout');
    for (let round = 0; round < 3; round += 1) {
      expect(verdicts.known?.('key')).toBe('valid');
      expect(await store.get('kept')).toEqual({ a: 1 });
      expect(await names.recall(caller)).toBe('claude');
      // Each round more than lru-cache's default resolution of 1 ms after the one before.
      await new Promise<void>((resolve) => {
        const start = performance.now();
        while (performance.now() - start < 3);
        resolve();
      });
    }
    expect(timers).not.toHaveBeenCalled();
    timers.mockRestore();

    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(verdicts.known?.('short')).toBeUndefined();
  });
});
