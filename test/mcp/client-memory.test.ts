/**
 * The remembered client name of a stateless caller, in the process's cache and in Redis: per
 * principal, User-Agent and address, a safe slug only, and for a while.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createClientMemory } from '../../src/mcp/client-memory.js';
import { createMemoryCache } from '../../src/store/memory-cache.js';
import { createStore } from '../../src/store/create-store.js';
import type { KeyedCache } from '../../src/store/types.js';
import { deleteKeys, keysUnder, testPrefix, TEST_REDIS_URL } from '../store/redis-fixture.js';

const caller = { fingerprint: 'fp-1', userAgent: 'node', ip: '10.0.0.1' };

const prefix = testPrefix();
const redis = await createStore({
  config: { store: TEST_REDIS_URL, storePrefix: prefix },
  connectTimeoutMs: 3_000,
});
afterAll(async () => {
  await deleteKeys(prefix);
  await redis.close();
});

describe.each<[string, () => KeyedCache]>([
  ['memory', () => createMemoryCache()],
  ['redis', () => redis.cache],
])('createClientMemory({ cache: %s })', (_kind, cache) => {
  it('recalls the client an initialize named, for the same caller only', async () => {
    const memory = createClientMemory({ cache: cache() });
    await memory.remember(caller, 'claude-ai (via mcp-remote 0.1.29)');
    expect(await memory.recall(caller)).toBe('claude');
    expect(await memory.recall({ ...caller, fingerprint: 'fp-2' })).toBeUndefined();
    expect(await memory.recall({ ...caller, userAgent: 'undici' })).toBeUndefined();
    expect(await memory.recall({ ...caller, ip: '10.0.0.2' })).toBeUndefined();
  });

  it('keeps a name only as a short slug, and nothing for a name that says nothing', async () => {
    const memory = createClientMemory({ cache: cache() });
    const other = { ...caller, fingerprint: 'fp-3' };
    await memory.remember(other, 'Evil\r\nX-Header: 1 and a very long name indeed');
    expect(await memory.recall(other)).toBe('evil');
    const none = { ...caller, fingerprint: 'fp-4' };
    await memory.remember(none, 'node');
    expect(await memory.recall(none)).toBeUndefined();
  });
});

it('checks what the shared store holds before using it as a name', async () => {
  const memory = createClientMemory({ cache: redis.cache });
  const tampered = { ...caller, fingerprint: 'fp-5' };
  await memory.remember(tampered, 'cursor');
  const keys = (await keysUnder(prefix)).filter((key) => key.includes('client-name:'));
  expect(keys.length).toBeGreaterThan(0);
  // The key is a hash: neither the User-Agent nor the address is readable in the store.
  for (const key of keys) expect(key).not.toMatch(/node|10\.0\.0/);
  for (const key of keys)
    await redis.cache.set(key.slice(`${prefix}cache:`.length), 'x y\r\nz', 60_000);
  // As another replica reads it (this one keeps what it stored for a minute).
  expect(await createClientMemory({ cache: redis.cache }).recall(tampered)).toBe('x');
});

it('forgets a name after its time to live', async () => {
  let now = 1_000_000;
  const memory = createClientMemory({
    cache: createMemoryCache({ now: () => now }),
    ttlMs: 1000,
    now: () => now,
  });
  await memory.remember(caller, 'cursor');
  // The cache reads its clock at most once a millisecond; the pauses let it read the new time.
  now += 999;
  await sleep(5);
  expect(await memory.recall(caller)).toBe('cursor');
  now += 2;
  await sleep(5);
  expect(await memory.recall(caller)).toBeUndefined();
});

it('reads the store once for a caller’s calls, not on every call', async () => {
  const store = createMemoryCache();
  let reads = 0;
  const counting: KeyedCache = { ...store, get: (key) => (reads++, store.get(key)) };
  await createClientMemory({ cache: store }).remember(caller, 'cursor');
  const replica = createClientMemory({ cache: counting });
  for (let i = 0; i < 5; i++) expect(await replica.recall(caller)).toBe('cursor');
  const unknown = { ...caller, fingerprint: 'fp-6' };
  for (let i = 0; i < 5; i++) expect(await replica.recall(unknown)).toBeUndefined();
  expect(reads).toBe(2);
  // Once read, a caller's name is answered at once, without a promise; so is a known absence.
  expect(replica.recall(caller)).toBe('cursor');
  expect(replica.recall(unknown)).toBeUndefined();
});

it('remembers a caller whose User-Agent is long, as any other', async () => {
  const memory = createClientMemory({ cache: createMemoryCache() });
  const long = { ...caller, userAgent: `agent/${'x'.repeat(4000)}` };
  await memory.remember(long, 'cursor');
  expect(memory.recall(long)).toBe('cursor');
  expect(await memory.recall({ ...long, userAgent: `agent/${'x'.repeat(3999)}y` })).toBeUndefined();
});
