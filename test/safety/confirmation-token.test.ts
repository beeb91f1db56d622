import { describe, expect, it } from 'vitest';
import { createConfirmationTokens } from '../../src/safety/confirmation-token.js';
import type { TokenBinding } from '../../src/safety/confirmation-token.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

const binding = (id: string): TokenBinding => ({
  tool: 'device_erase',
  argsHash: `hash-of-${id}`.padEnd(64, '0'),
  principalFingerprint: 'key_a',
  orgId: 'org-1',
  targetIds: [id],
});

describe('createConfirmationTokens({ usedCacheSize })', () => {
  it('fails closed when the memory of used tokens is full: no used id is forgotten before it expires', async () => {
    let clock = Date.parse('2026-11-24T01:00:00Z');
    const tokens = createConfirmationTokens({
      secret: SECRET,
      ttlSeconds: 300,
      now: () => clock,
      usedCacheSize: 2,
    });
    const confirm = async (id: string) => {
      const { token } = await tokens.issue(binding(id));
      const check = await tokens.check(token, binding(id));
      if (!check.ok) throw new Error(check.reason);
      return { token, consumed: check.consume() };
    };

    const first = await confirm('dev1');
    expect(first.consumed).toBeUndefined();
    expect((await confirm('dev2')).consumed).toBeUndefined();
    // A third confirmation within the lifetime would push dev1's id out: it is refused instead.
    expect((await confirm('dev3')).consumed).toMatch(/too many destructive calls were confirmed/);
    // dev1's token is still known as used.
    const replay = await tokens.check(first.token, binding('dev1'));
    expect(replay).toMatchObject({ ok: false, reason: expect.stringMatching(/already used/) });

    // Once the used tokens have expired, their ids are no longer needed and room is made.
    clock += 302_000;
    expect((await confirm('dev4')).consumed).toBeUndefined();
  });
});
