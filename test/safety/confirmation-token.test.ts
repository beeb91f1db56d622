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
