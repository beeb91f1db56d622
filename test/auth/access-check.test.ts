import { describe, expect, it } from 'vitest';
import { createAccessCheck, memoryVerdictCache } from '../../src/auth/access-check.js';
import type { Access, Probe } from '../../src/auth/access-check.js';
import type { Credential } from '../../src/auth/types.js';

const credential: Credential = {
  fingerprint: 'key_0123456789ab',
  headers: async () => ({ 'x-api-key': 'not-read-by-the-check' }),
};
const ORG = '0123456789abcdef01234567';

/** A probe answering by organization (`-` for none) from a table, counting its reads. */
function tableProbe(answers: Record<string, number | undefined | 'throw'>) {
  const reads: string[] = [];
  const probe: Probe = async ({ orgId }) => {
    const key = orgId ?? '-';
    reads.push(key);
    const answer = answers[key];
    if (answer === 'throw') throw new Error('connection reset');
    return answer;
  };
  return { probe, reads };
}

function fakeClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createAccessCheck({ probe, cache, ttl })', () => {
  it.each<
    [
      string,
      { answers: Record<string, number | undefined | 'throw'>; orgId?: string; want: Access },
    ]
  >([
    ['a 2xx accepts the credential', { answers: { '-': 200 }, want: { ok: true } }],
    [
      'a 401 refuses the credential',
      { answers: { '-': 401 }, want: { ok: false, refused: 'credential' } },
    ],
    [
      'a 403 alone refuses nothing (the key is known)',
      { answers: { '-': 403 }, want: { ok: true } },
    ],
    ['a 429 refuses nothing', { answers: { '-': 429 }, want: { ok: true } }],
    ['a 503 refuses nothing', { answers: { '-': 503 }, want: { ok: true } }],
    ['no answer (network) refuses nothing', { answers: { '-': undefined }, want: { ok: true } }],
    ['a probe that throws refuses nothing', { answers: { '-': 'throw' }, want: { ok: true } }],
    [
      'organization refused, key alone accepted: the organization',
      {
        answers: { [ORG]: 401, '-': 200 },
        orgId: ORG,
        want: { ok: false, refused: 'organization' },
      },
    ],
    [
      'organization 403, key alone accepted: the organization',
      {
        answers: { [ORG]: 403, '-': 200 },
        orgId: ORG,
        want: { ok: false, refused: 'organization' },
      },
    ],
    [
      'organization refused, key alone refused: the credential',
      { answers: { [ORG]: 401, '-': 401 }, orgId: ORG, want: { ok: false, refused: 'credential' } },
    ],
    [
      'organization refused, key alone unreachable: refuses nothing',
      { answers: { [ORG]: 401, '-': undefined }, orgId: ORG, want: { ok: true } },
    ],
    ['organization accepted', { answers: { [ORG]: 200 }, orgId: ORG, want: { ok: true } }],
  ])('%s', async (_name, { answers, orgId, want }) => {
    const { probe } = tableProbe(answers);
    const check = createAccessCheck({ probe });
    expect(await check({ credential, orgId })).toEqual(want);
  });

  it('reads upstream once per credential and organization while the verdict is kept', async () => {
    const { probe, reads } = tableProbe({ '-': 200, [ORG]: 200 });
    const check = createAccessCheck({ probe });
    for (let i = 0; i < 3; i += 1) {
      await check({ credential });
      await check({ credential, orgId: ORG });
    }
    expect(reads).toEqual(['-', ORG]);
  });

  it('concurrent first requests share one upstream read', async () => {
    let release: (status: number) => void = () => {};
    let reads = 0;
    const probe: Probe = () => {
      reads += 1;
      return new Promise((resolve) => (release = resolve));
    };
    const check = createAccessCheck({ probe });
    const all = Promise.all([check({ credential }), check({ credential }), check({ credential })]);
    await new Promise((resolve) => setImmediate(resolve));
    release(401);
    expect(await all).toEqual(Array(3).fill({ ok: false, refused: 'credential' }));
    expect(reads).toBe(1);
  });

  it('keeps a valid verdict for validMs and a refusal for refusedMs, then asks again', async () => {
    const clock = fakeClock();
    const answers: Record<string, number> = { '-': 401 };
    const { probe, reads } = tableProbe(answers);
    const check = createAccessCheck({
      probe,
      cache: memoryVerdictCache({ clock }),
      ttl: { validMs: 300_000, refusedMs: 30_000, unverifiedMs: 10_000 },
    });
    expect(await check({ credential })).toEqual({ ok: false, refused: 'credential' });
    clock.advance(29_000);
    answers['-'] = 200;
    expect(await check({ credential })).toEqual({ ok: false, refused: 'credential' });
    clock.advance(2_000);
    expect(await check({ credential })).toEqual({ ok: true });
    expect(reads).toHaveLength(2);
    answers['-'] = 401;
    clock.advance(299_000);
    expect(await check({ credential })).toEqual({ ok: true });
    clock.advance(2_000);
    expect(await check({ credential })).toEqual({ ok: false, refused: 'credential' });
    expect(reads).toHaveLength(3);
  });

  it('asks again after unverifiedMs when JumpCloud could not be reached', async () => {
    const clock = fakeClock();
    const answers: Record<string, number | undefined> = { '-': undefined };
    const { probe, reads } = tableProbe(answers);
    const check = createAccessCheck({
      probe,
      cache: memoryVerdictCache({ clock }),
      ttl: { validMs: 300_000, refusedMs: 30_000, unverifiedMs: 10_000 },
    });
    expect(await check({ credential })).toEqual({ ok: true });
    answers['-'] = 401;
    clock.advance(9_000);
    expect(await check({ credential })).toEqual({ ok: true });
    clock.advance(2_000);
    expect(await check({ credential })).toEqual({ ok: false, refused: 'credential' });
    expect(reads).toHaveLength(2);
  });

  it('uses the cache it is given (a shared store can back it)', async () => {
    const stored = new Map<string, string>();
    const { probe, reads } = tableProbe({ '-': 200 });
    const cache = {
      get: async (key: string) => stored.get(key) as 'valid' | undefined,
      set: async (key: string, verdict: string) => void stored.set(key, verdict),
    };
    await createAccessCheck({ probe, cache })({ credential });
    await createAccessCheck({ probe, cache })({ credential });
    expect(reads).toHaveLength(1);
    expect([...stored]).toEqual([[credential.fingerprint, 'valid']]);
  });
});
