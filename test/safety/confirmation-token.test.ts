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

describe('createConfirmationTokens({ secret, ttlSeconds, now })', () => {
  it('keeps several ids as a hash, unless the call takes them from the token (a group)', async () => {
    const tokens = createConfirmationTokens({ secret: SECRET, ttlSeconds: 300, now: Date.now });
    const ids = [
      '5f0c1a2b3c4d5e6f7a8b9c01',
      '5f0c1a2b3c4d5e6f7a8b9c02',
      '5f0c1a2b3c4d5e6f7a8b9c03',
    ];
    const set = { ...binding('u1'), targetIds: ids };
    const hashed = await tokens.issue(set);
    const listed = await tokens.issue({ ...set, listTargets: true });
    expect(hashed.token.length).toBeLessThan(listed.token.length);
    expect(await tokens.check(hashed.token, set)).toMatchObject({ ok: true });
    expect(await tokens.check(hashed.token, { ...set, targetIds: ids.slice(0, 2) })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/issued for a different set of objects/),
    });
    const { targetIds: _ids, ...fromToken } = set;
    expect(await tokens.check(hashed.token, fromToken)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not issued for the members of a group/),
    });
    expect(await tokens.check(listed.token, fromToken)).toMatchObject({
      ok: true,
      targetIds: ids,
    });
  });

  it('check(token, binding) verifies without using the token up, and says when it expires', async () => {
    const clock = Date.parse('2026-11-24T01:00:00Z');
    const tokens = createConfirmationTokens({ secret: SECRET, ttlSeconds: 300, now: () => clock });
    const issued = await tokens.issue(binding('dev1'));
    const first = await tokens.check(issued.token, binding('dev1'));
    const second = await tokens.check(issued.token, binding('dev1'));
    // Single use is the UsedTokenStore's, claimed by the gate right before the call executes.
    for (const check of [first, second]) {
      expect(check).toEqual({
        ok: true,
        tokenId: issued.tokenId,
        expiresAt: new Date('2026-11-24T01:05:00Z'),
        targetIds: ['dev1'],
      });
    }
    // Without target ids (a call naming a group), the token's own are the call's.
    const { targetIds: _ids, ...anyTargets } = binding('dev1');
    expect(await tokens.check(issued.token, anyTargets)).toMatchObject({
      ok: true,
      targetIds: ['dev1'],
    });
    expect(await tokens.check(issued.token, binding('dev2'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/issued for dev1, not dev2/),
      tokenId: issued.tokenId,
    });
  });
});
