/**
 * Single use across replicas: servers that share the confirmation secret and one UsedTokenStore
 * execute one confirmation once, however many of them are asked at once; a store that cannot answer
 * refuses the confirmation and nothing runs.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryUsedTokenStore } from '../../src/store/memory-used-tokens.js';
import type { UsedTokenStore } from '../../src/store/types.js';
import {
  audit,
  call,
  erase,
  eraseMutations,
  safetyWith,
  text,
  tokenIn,
  upstream,
} from './gate-harness.js';

describe('replicas sharing the secret and one UsedTokenStore', () => {
  it('10 concurrent confirmations of one token on two servers: exactly one executes', async () => {
    const usedTokens = createMemoryUsedTokenStore({ maxEntries: 1_000 });
    const replicas = [safetyWith({ usedTokens }), safetyWith({ usedTokens })];
    const token = tokenIn((await call(replicas[0]!, erase())).result);
    const confirm = { tool: 'device_erase', args: { id: 'dev1', confirmation_token: token } };
    const outs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(replicas[i % 2]!, confirm)),
    );
    expect(outs.filter((o) => o.executed)).toHaveLength(1);
    expect(eraseMutations()).toHaveLength(1);
    const refused = outs.filter((o) => !o.executed);
    expect(refused.every((o) => /already used.*Nothing was done/.test(text(o.result)))).toBe(true);
    expect(audit.records.map((r) => r.outcome).sort()).toEqual([
      'executed',
      'previewed',
      ...Array<string>(9).fill('refused'),
    ]);
  });

  it('a token confirmed on one server is refused on the other', async () => {
    const usedTokens = createMemoryUsedTokenStore({ maxEntries: 1_000 });
    const [a, b] = [safetyWith({ usedTokens }), safetyWith({ usedTokens })];
    const token = tokenIn((await call(a, erase())).result);
    const confirm = { tool: 'device_erase', args: { id: 'dev1', confirmation_token: token } };
    expect((await call(b, confirm)).executed).toBe(true);
    const again = await call(a, confirm);
    expect(again.executed).toBe(false);
    expect(text(again.result)).toMatch(/already used/);
    expect(eraseMutations()).toHaveLength(1);
  });
});

describe('a UsedTokenStore that cannot answer', () => {
  const unreachable: UsedTokenStore = {
    claim: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
  };

  it('refuses the confirmation, runs nothing and says confirmations are unavailable', async () => {
    const safety = safetyWith({ usedTokens: unreachable });
    const token = tokenIn((await call(safety, erase())).result);
    const out = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', confirmation_token: token },
    });
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(/confirmations are unavailable right now.*Nothing was done/);
    expect(text(out.result)).not.toContain('ECONNREFUSED');
    expect(upstream.mutations()).toEqual([]);
    expect(audit.records.at(-1)).toMatchObject({ outcome: 'refused', confirmation: 'token' });
  });

  it('a full memory store refuses too (fail closed) rather than forget a used token', async () => {
    const usedTokens = createMemoryUsedTokenStore({ maxEntries: 1 });
    const safety = safetyWith({ usedTokens });
    const first = tokenIn((await call(safety, erase('dev1'))).result);
    const second = tokenIn((await call(safety, erase('dev2'))).result);
    const confirm = (id: string, token: string) =>
      call(safety, { tool: 'device_erase', args: { id, confirmation_token: token } });
    expect((await confirm('dev1', first)).executed).toBe(true);
    const out = await confirm('dev2', second);
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(/confirmations are unavailable right now/);
    expect(eraseMutations().map((r) => r.path)).toEqual([
      '/api/systems/dev1/command/builtin/erase',
    ]);
  });
});
