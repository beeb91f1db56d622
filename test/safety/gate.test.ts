import { describe, expect, it } from 'vitest';
import type { Elicit } from '../../src/safety/index.js';
import { testPrincipal } from './fixtures.js';
import type { Call } from './gate-harness.js';
import {
  advanceClock,
  audit,
  call,
  erase,
  eraseMutations,
  safetyWith,
  SECRET,
  text,
  tokenIn,
  upstream,
} from './gate-harness.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

describe('gate: read-only tools', () => {
  it('executes straight away and writes no audit record', async () => {
    const out = await call(safetyWith(), { tool: 'devices_list', args: {} });
    expect(out.executed).toBe(true);
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/systems']);
    expect(audit.records).toEqual([]);
  });
});

describe('gate: destructive tools without elicitation (plan, then apply)', () => {
  it('first call sends nothing that changes anything and returns a preview naming the device', async () => {
    const out = await call(safetyWith(), erase());
    expect(out.executed).toBe(false);
    expect(upstream.mutations()).toEqual([]);
    const preview = text(out.result);
    expect(preview).toContain('Nothing has been done yet');
    expect(preview).toContain('Erase device "LAPTOP-7" (Windows 11 Pro, id dev1)');
    expect(preview).toContain('online: yes');
    expect(preview).toContain('cannot be undone');
    expect(preview).toContain('expires at 2026-11-24T01:05:00.000Z');
    expect(audit.records).toMatchObject([
      {
        log: 'audit',
        tool: 'device_erase',
        outcome: 'previewed',
        target: { kind: 'device', id: 'dev1', name: 'LAPTOP-7' },
        principal: { kind: 'api-key', fingerprint: 'key_a' },
        orgId: 'org-1',
        clientName: 'cursor',
        requestId: 'req-1',
      },
    ]);
  });

  it('a second call with the token executes once, with the token stripped from the handler’s arguments', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    const out = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(out.executed).toBe(true);
    expect(out.handlerArgs).toEqual({ id: 'dev1' });
    expect(eraseMutations()).toHaveLength(1);
    expect(eraseMutations()[0]?.path).toBe('/api/systems/dev1/command/builtin/erase');
    expect(audit.records.map((r) => r.outcome)).toEqual(['previewed', 'executed']);
    expect(audit.records[1]).toMatchObject({
      confirmation: 'token',
      tokenId: audit.records[0]?.tokenId,
    });
    expect(JSON.stringify(audit.records)).not.toContain(token);
  });

  it('refuses a replayed token and sends nothing that changes anything', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
    });
    upstream.requests.length = 0;
    const replay = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(replay.executed).toBe(false);
    expect(replay.result.isError).toBe(true);
    expect(text(replay.result)).toMatch(/already used.*Nothing was done/);
    expect(upstream.mutations()).toEqual([]);
    expect(audit.records.at(-1)).toMatchObject({ outcome: 'refused', confirmation: 'token' });
  });

  it('lets only one of two concurrent calls with the same token execute', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    const args = { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token };
    const outs = await Promise.all([
      call(safety, { tool: 'device_erase', args }),
      call(safety, { tool: 'device_erase', args }),
    ]);
    expect(outs.filter((o) => o.executed)).toHaveLength(1);
    expect(eraseMutations()).toHaveLength(1);
  });

  const foreign: Array<[string, { confirm: Call; want: RegExp }]> = [
    [
      'another device',
      {
        confirm: { tool: 'device_erase', args: { id: 'dev2' } },
        want: /issued for dev1, not dev2/,
      },
    ],
    [
      'another tool',
      {
        confirm: { tool: 'device_restart', args: { id: 'dev1' } },
        want: /issued for device_erase, not device_restart/,
      },
    ],
    [
      'another principal',
      {
        confirm: {
          tool: 'device_erase',
          args: { id: 'dev1' },
          ctx: { principal: testPrincipal('key_b') },
        },
        want: /different principal/,
      },
    ],
    [
      'another organization',
      {
        confirm: { tool: 'device_erase', args: { id: 'dev1' }, ctx: { orgId: 'org-2' } },
        want: /different organization/,
      },
    ],
    [
      'no organization',
      {
        confirm: { tool: 'device_erase', args: { id: 'dev1' }, ctx: { orgId: undefined } },
        want: /different organization/,
      },
    ],
  ];
  it.each(foreign)(
    'refuses a token issued for %s and sends nothing',
    async (_name, { confirm, want }) => {
      const safety = safetyWith();
      const token = tokenIn((await call(safety, erase())).result);
      upstream.requests.length = 0;
      const out = await call(safety, {
        ...confirm,
        args: { ...confirm.args, [CONFIRMATION_TOKEN_ARG]: token },
      });
      expect(out.executed).toBe(false);
      expect(text(out.result)).toMatch(want);
      expect(text(out.result)).toContain('Nothing was done');
      expect(upstream.requests).toEqual([]);
      expect(audit.records.at(-1)).toMatchObject({ outcome: 'refused' });
      // The rightful call still works: a refusal does not use the token up.
      const rightful = await call(safety, {
        tool: 'device_erase',
        args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
      });
      expect(rightful.executed).toBe(true);
    },
  );

  it('refuses a token for other arguments of the same tool and device', async () => {
    const safety = safetyWith();
    const token = tokenIn(
      (await call(safety, { tool: 'device_lock', args: { id: 'dev1', pin: '123456' } })).result,
    );
    upstream.requests.length = 0;
    const out = await call(safety, {
      tool: 'device_lock',
      args: { id: 'dev1', pin: '000000', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(/different arguments.*Nothing was done/);
    expect(upstream.requests).toEqual([]);
  });

  it('binds to canonical arguments: member order does not matter', async () => {
    const safety = safetyWith();
    const token = tokenIn(
      (await call(safety, { tool: 'device_lock', args: { pin: '123456', id: 'dev1' } })).result,
    );
    const out = await call(safety, {
      tool: 'device_lock',
      args: { [CONFIRMATION_TOKEN_ARG]: token, id: 'dev1', pin: '123456' },
    });
    expect(out.executed).toBe(true);
    expect(upstream.mutations().map((r) => [r.path, r.body])).toEqual([
      ['/api/systems/dev1/command/builtin/lock', '{"pin":"123456"}'],
    ]);
  });

  it('refuses an expired token and sends nothing', async () => {
    const safety = safetyWith({ confirmationTtlSeconds: 60 });
    const token = tokenIn((await call(safety, erase())).result);
    advanceClock(61_000);
    upstream.requests.length = 0;
    const out = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(/expired at 2026-11-24T01:01:00.000Z.*Nothing was done/);
    expect(upstream.requests).toEqual([]);
  });

  it('accepts a token issued by another replica that shares the secret', async () => {
    const replicaA = safetyWith();
    const replicaB = safetyWith();
    const token = tokenIn((await call(replicaA, erase())).result);
    const out = await call(replicaB, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(out.executed).toBe(true);
    expect(eraseMutations()).toHaveLength(1);
  });

  it('refuses a token signed with another secret (another server) and a tampered token', async () => {
    const other = safetyWith({ confirmationSecret: `${SECRET}-other` });
    const foreignToken = tokenIn((await call(other, erase())).result);
    const safety = safetyWith();
    const own = tokenIn((await call(safety, erase())).result);
    const [header, , signature] = own.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        tool: 'device_erase',
        args: 'x',
        kfp: 'kfp-A',
        org: 'org-1',
        tgt: ['dev1'],
      }),
    ).toString('base64url');
    upstream.requests.length = 0;
    for (const token of [foreignToken, `${header}.${payload}.${signature}`, 'not-a-token']) {
      const out = await call(safety, {
        tool: 'device_erase',
        args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
      });
      expect(out.executed).toBe(false);
      expect(text(out.result)).toMatch(/not valid: it was not issued by this server/);
    }
    expect(upstream.requests).toEqual([]);
  });

  it('refuses, sending nothing that changes anything, when the device does not exist', async () => {
    const out = await call(safetyWith(), erase('missing'));
    expect(text(out.result)).toMatch(
      /No device with id missing exists.*devices_list.*Nothing was done/,
    );
    expect(upstream.mutations()).toEqual([]);
    expect(audit.records).toMatchObject([{ outcome: 'refused' }]);
  });

  it('names a user by username and email', async () => {
    const out = await call(safetyWith(), { tool: 'user_suspend', args: { id: 'usr1' } });
    expect(text(out.result)).toContain('Suspend user "jdoe" (jdoe@example.com, id usr1)');
    expect(upstream.mutations()).toEqual([]);
  });
});

describe('gate: a destructive tool acting on several objects', () => {
  it('previews every object by name and binds the token to all of them, in order', async () => {
    const safety = safetyWith();
    const first = await call(safety, {
      tool: 'users_suspend_many',
      args: { ids: ['usr1', 'boss'] },
    });
    expect(text(first.result)).toContain(
      'Action: Run users_suspend_many (users_suspend_many) on 2 users.',
    );
    expect(text(first.result)).toMatch(
      /- user "jdoe" \(jdoe@example.com, id usr1\)\. Now: .*state: ACTIVATED/,
    );
    expect(text(first.result)).toMatch(/- user "ceo" \(CEO@example.com, id boss\)/);
    const token = tokenIn(first.result);
    const reordered = await call(safety, {
      tool: 'users_suspend_many',
      args: { ids: ['boss', 'usr1'], [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(text(reordered.result)).toMatch(/issued for a different set of objects/);
    expect(upstream.mutations()).toEqual([]);
    const done = await call(safety, {
      tool: 'users_suspend_many',
      args: { ids: ['usr1', 'boss'], [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(done.executed).toBe(true);
    expect(upstream.mutations().map((r) => r.path)).toEqual([
      '/api/systemusers/usr1/state/suspend',
      '/api/systemusers/boss/state/suspend',
    ]);
  });
});

describe('gate: a tool that changes the members of a group', () => {
  const tool = 'user_group_members_change';

  it('previews the group and each member by name under its argument; the token binds them all', async () => {
    const safety = safetyWith();
    const args = { group_id: 'grp1', add: ['usr1'], remove: ['boss'] };
    const first = await call(safety, { tool, args });
    const preview = text(first.result);
    expect(preview).toContain(
      'Action: Run user_group_members_change (user_group_members_change) on user group "Engineering" (id grp1).',
    );
    expect(preview).toMatch(/add \(1 user\):\n- user "jdoe" \(jdoe@example.com, id usr1\)/);
    expect(preview).toMatch(/remove \(1 user\):\n- user "ceo" \(CEO@example.com, id boss\)/);
    expect(preview).not.toContain('With:');
    expect(upstream.mutations()).toEqual([]);
    const token = tokenIn(first.result);
    const swapped = await call(safety, {
      tool,
      args: { group_id: 'grp1', add: ['boss'], remove: ['usr1'], [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(swapped.executed).toBe(false);
    expect(upstream.mutations()).toEqual([]);
    const done = await call(safety, { tool, args: { ...args, [CONFIRMATION_TOKEN_ARG]: token } });
    expect(done.executed).toBe(true);
    expect(upstream.mutations().map((r) => `${r.path} ${r.body}`)).toEqual([
      '/api/v2/usergroups/grp1/members {"op":"add","type":"user","id":"usr1"}',
      '/api/v2/usergroups/grp1/members {"op":"remove","type":"user","id":"boss"}',
    ]);
    const executed = audit.records.filter((r) => r.outcome === 'executed');
    expect(executed.map((r) => r.target)).toEqual([
      { kind: 'user_group', id: 'grp1', name: 'Engineering' },
      { kind: 'user', id: 'usr1', name: 'jdoe', email: 'jdoe@example.com', role: 'add' },
      { kind: 'user', id: 'boss', name: 'ceo', email: 'CEO@example.com', role: 'remove' },
    ]);
  });

  it.each([
    ['no member', { group_id: 'grp1' }, /needs at least one user id in 'add' or 'remove'/],
    [
      'an id in both',
      { group_id: 'grp1', add: ['usr1'], remove: ['usr1'] },
      /in both 'add' and 'remove'/,
    ],
    ['an id twice', { group_id: 'grp1', add: ['usr1', 'usr1'] }, /listed twice in 'add'/],
    ['a malformed member id', { group_id: 'grp1', add: ['../x'] }, /is not a user id/],
    ['an unknown member', { group_id: 'grp1', add: ['nobody'] }, /No user with id nobody/],
    ['an unknown group', { group_id: 'grp9', add: ['usr1'] }, /No user group with id grp9/],
  ])('refuses %s and sends nothing', async (_name, args, reason) => {
    const out = await call(safetyWith(), { tool, args });
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(reason);
    expect(upstream.mutations()).toEqual([]);
    // One record per object the call named, all refused.
    expect(audit.records.length).toBeGreaterThan(0);
    expect(new Set(audit.records.map((r) => r.outcome))).toEqual(new Set(['refused']));
  });

  it('counts members against maxObjectsPerCall (the group is not counted)', async () => {
    const safety = safetyWith({ maxObjectsPerCall: 2 });
    const ok = await call(safety, { tool, args: { group_id: 'grp1', add: ['usr1', 'boss'] } });
    expect(text(ok.result)).toMatch(/^Confirmation required/);
    const over = await call(safety, {
      tool,
      args: { group_id: 'grp1', add: ['usr1', 'boss'], remove: ['u3'] },
    });
    expect(text(over.result)).toMatch(/acts on 3 objects; at most 2/);
    expect(upstream.requests.filter((r) => r.path.includes('u3'))).toEqual([]);
  });

  it('refuses a protected member, by id before any lookup and by email after it', async () => {
    const safety = safetyWith({ protectedUsers: ['ceo@example.com', 'usr1'] });
    const byId = await call(safety, { tool, args: { group_id: 'grp1', remove: ['usr1'] } });
    expect(text(byId.result)).toMatch(/user usr1 is protected/);
    expect(upstream.requests).toEqual([]);
    const byEmail = await call(safety, { tool, args: { group_id: 'grp1', add: ['boss'] } });
    expect(text(byEmail.result)).toMatch(/user "CEO@example.com" \(id boss\) is protected/);
    expect(upstream.mutations()).toEqual([]);
  });

  it('asks through elicitation with the same member lists', async () => {
    const asked: string[] = [];
    const elicit: Elicit = async (params) => {
      asked.push(params.message);
      return { action: 'accept', content: { confirm: true } };
    };
    const out = await call(safetyWith(), {
      tool,
      args: { group_id: 'grp1', add: ['usr1'] },
      elicit,
    });
    expect(out.executed).toBe(true);
    expect(asked[0]).toMatch(/user group "Engineering".*\?\n/s);
    expect(asked[0]).toMatch(/add \(1 user\):\n- user "jdoe"/);
  });
});
