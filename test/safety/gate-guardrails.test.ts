import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { Elicit } from '../../src/safety/index.js';
import { depsFor, TOOLS } from './fixtures.js';
import {
  api,
  audit,
  call,
  erase,
  eraseMutations,
  safetyWith,
  text,
  tokenIn,
  upstream,
} from './gate-harness.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

describe('gate: destructive tools with elicitation', () => {
  function recordingElicit(answer: ElicitResult | Error) {
    const asked: Array<Parameters<Elicit>[0]> = [];
    const elicit: Elicit = async (params) => {
      asked.push(params);
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { asked, elicit };
  }

  it('asks the human, naming the device and the change, and executes on an explicit yes', async () => {
    const { asked, elicit } = recordingElicit({ action: 'accept', content: { confirm: true } });
    const out = await call(safetyWith(), { ...erase(), elicit });
    expect(out.executed).toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toMatch(/^Erase device "LAPTOP-7" \(Windows 11 Pro, id dev1\)\?/);
    expect(asked[0]?.message).toContain('cannot be undone');
    expect(eraseMutations()).toHaveLength(1);
    expect(audit.records).toMatchObject([
      {
        outcome: 'executed',
        confirmation: 'elicitation',
        target: { id: 'dev1', name: 'LAPTOP-7' },
      },
    ]);
  });

  const noes: Array<[string, ElicitResult | Error, RegExp]> = [
    ['a decline', { action: 'decline' }, /declined/],
    ['a cancel', { action: 'cancel' }, /cancelled/],
    [
      'an accept without the box ticked',
      { action: 'accept', content: { confirm: false } },
      /did not confirm/,
    ],
    ['a failed elicitation', new Error('client went away'), /could not be completed/],
  ];
  it.each(noes)('sends nothing after %s', async (_name, answer, want) => {
    const { elicit } = recordingElicit(answer);
    const out = await call(safetyWith(), { ...erase(), elicit });
    expect(out.executed).toBe(false);
    expect(text(out.result)).toMatch(want);
    expect(text(out.result)).toContain('Nothing was done');
    expect(upstream.mutations()).toEqual([]);
    expect(audit.records).toMatchObject([{ outcome: 'refused', confirmation: 'elicitation' }]);
  });

  it('still asks the human when the model also passes a confirmation token', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    const { asked, elicit } = recordingElicit({ action: 'decline' });
    const out = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', [CONFIRMATION_TOKEN_ARG]: token },
      elicit,
    });
    expect(asked).toHaveLength(1);
    expect(out.executed).toBe(false);
    expect(upstream.mutations()).toEqual([]);
  });
});

describe('gate: guardrails', () => {
  const guarded = () =>
    safetyWith({ protectedDevices: ['DB-PROD-01', 'dev2'], protectedUsers: ['ceo@example.com'] });

  it('refuses a protected device named by id before sending anything', async () => {
    const out = await call(guarded(), erase('dev2'));
    expect(text(out.result)).toMatch(/device dev2 is protected.*Nothing was done/);
    expect(upstream.requests).toEqual([]);
    expect(audit.records).toMatchObject([{ outcome: 'refused', target: { id: 'dev2' } }]);
  });

  it('refuses a device protected by hostname (any case), sending only the lookup', async () => {
    const out = await call(guarded(), { tool: 'device_restart', args: { id: 'prod' } });
    expect(text(out.result)).toMatch(/device "db-prod-01" \(id prod\) is protected/);
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/systems/prod',
    ]);
    expect(audit.records).toMatchObject([
      { outcome: 'refused', target: { id: 'prod', name: 'db-prod-01' } },
    ]);
  });

  it('refuses a user protected by email, for a mutating tool that is not destructive too', async () => {
    const out = await call(guarded(), { tool: 'user_unlock', args: { id: 'boss' } });
    expect(text(out.result)).toMatch(/user "CEO@example.com" \(id boss\) is protected/);
    expect(upstream.mutations()).toEqual([]);
  });

  it('refuses a confirmed call on a protected device even with a valid token', async () => {
    const token = tokenIn((await call(safetyWith(), erase('prod'))).result);
    const out = await call(guarded(), {
      tool: 'device_erase',
      args: { id: 'prod', [CONFIRMATION_TOKEN_ARG]: token },
    });
    expect(out.executed).toBe(false);
    expect(upstream.mutations()).toEqual([]);
  });

  it('caps the objects one call acts on', async () => {
    const safety = safetyWith({ maxObjectsPerCall: 2 });
    const over = await call(safety, {
      tool: 'users_lock_many',
      args: { ids: ['usr1', 'boss', 'usr1'] },
    });
    expect(text(over.result)).toMatch(
      /acts on 3 objects; at most 2 are allowed per call. Split it/,
    );
    expect(upstream.requests).toEqual([]);
    const within = await call(safety, { tool: 'users_lock_many', args: { ids: ['usr1', 'boss'] } });
    expect(within.executed).toBe(true);
    expect(upstream.mutations()).toHaveLength(2);
    // One record per user, both of the same call.
    expect(audit.records.slice(-2)).toMatchObject([
      { outcome: 'executed', target: { id: 'usr1', name: 'jdoe' }, targetCount: 2 },
      { outcome: 'executed', target: { id: 'boss', name: 'ceo' }, targetCount: 2 },
    ]);
  });
});

describe('gate: ids that are not ids', () => {
  const mutatingWithTarget = TOOLS.filter((t) => !t.annotations.readOnlyHint && t.target);

  it.each(['', '.', '..', 'a/b', '%2e%2e', 'dev1?x=1', ' dev1', 'x'.repeat(65)])(
    'refuses id %j for every mutating tool, sending nothing and issuing no token',
    async (id) => {
      const safety = safetyWith();
      for (const tool of mutatingWithTarget) {
        const args =
          tool.target?.idArg === 'ids'
            ? { ids: ['usr1', id] }
            : tool.target?.members
              ? { group_id: 'grp1', add: ['usr1'], remove: [id] }
              : { id };
        const out = await call(safety, { tool: tool.name, args });
        expect(out.executed, tool.name).toBe(false);
        expect(text(out.result)).toMatch(/is not a (user|device) id: .*Nothing was done/);
        expect(text(out.result)).not.toContain(CONFIRMATION_TOKEN_ARG);
      }
      expect(upstream.requests).toEqual([]);
      expect(new Set(audit.records.map((r) => r.tool))).toEqual(
        new Set(mutatingWithTarget.map((t) => t.name)),
      );
      expect(audit.records.every((r) => r.outcome === 'refused')).toBe(true);
    },
  );

  it.each([
    ['another object', 'impostor'],
    ['no user at all', 'listing'],
  ])('refuses a destructive call when the lookup answers with %s', async (_name, id) => {
    const out = await call(safetyWith(), { tool: 'user_suspend', args: { id } });
    expect(text(out.result)).toMatch(/did not answer with that user.*Nothing was done/);
    expect(upstream.mutations()).toEqual([]);
  });
});

describe('gate: mutating tools that are not destructive', () => {
  it('execute without confirmation and leave one audit record naming the object', async () => {
    const out = await call(safetyWith(), {
      tool: 'device_update',
      args: { id: 'dev1', displayName: 'Ann' },
    });
    expect(out.executed).toBe(true);
    expect(upstream.mutations()).toHaveLength(1);
    expect(audit.records).toMatchObject([
      {
        tool: 'device_update',
        outcome: 'executed',
        confirmation: 'none',
        target: { id: 'dev1', name: 'LAPTOP-7' },
      },
    ]);
  });

  it('record a failed execution with its error', async () => {
    const out = await call(safetyWith(), { tool: 'device_update', args: { id: 'missing' } });
    expect(out.executed).toBe(false);
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('404'),
    });
  });
});

describe('gate: selection', () => {
  it('refuses a deny-listed tool called by name, with the reason, and audits it', async () => {
    const safety = safetyWith({ deny: ['device_erase'] });
    const selection = safety.select({});
    expect(selection.tools.map((t) => t.name)).not.toContain('device_erase');
    const out = await call(safety, { ...erase(), selection });
    expect(text(out.result)).toMatch(/deny list/);
    expect(upstream.requests).toEqual([]);
    expect(audit.records).toMatchObject([{ tool: 'device_erase', outcome: 'refused' }]);
  });

  it('read-only mode refuses every mutating tool called by name', async () => {
    const safety = safetyWith({ readOnly: true });
    const selection = safety.select({});
    const mutating = TOOLS.filter((t) => !t.annotations.readOnlyHint);
    for (const tool of mutating) {
      const args =
        tool.target?.idArg === 'ids'
          ? { ids: ['usr1'] }
          : tool.target?.members
            ? { group_id: 'grp1', add: ['usr1'] }
            : { id: tool.target?.kind === 'user' ? 'usr1' : 'dev1' };
      const out = await call(safety, { tool: tool.name, args, selection });
      expect(out.executed).toBe(false);
      expect(text(out.result)).toMatch(/read-only mode/);
    }
    expect(upstream.requests).toEqual([]);
    expect(new Set(audit.records.map((r) => r.tool))).toEqual(new Set(mutating.map((t) => t.name)));
    expect(audit.records.every((r) => r.outcome === 'refused')).toBe(true);
  });

  it('a read passes as it was called; outside the selection it is refused, not audited', async () => {
    const safety = safetyWith({ toolsets: ['devices'] });
    const selection = safety.select({});
    const passed = await call(safety, { tool: 'devices_list', args: {}, selection });
    expect(passed.executed).toBe(true);
    expect(passed.handlerArgs).toEqual({});
    expect(upstream.requests).toHaveLength(1);

    const refused = await call(safety, { tool: 'policies_list', args: {}, selection });
    expect(refused.executed).toBe(false);
    expect(refused.result.isError).toBe(true);
    expect(text(refused.result)).toMatch(/toolset 'policies'/);
    expect(upstream.requests).toHaveLength(1);
    expect(audit.records).toEqual([]);
  });

  it('refuseUnavailable answers a call the connection cannot make, auditing mutating tools only', () => {
    const safety = safetyWith({ toolsets: ['policies'] });
    const selection = safety.select({});
    const ctx = depsFor(api).ctx;
    const refused = safety.refuseUnavailable?.({
      name: 'device_erase',
      selection,
      ctx,
      args: { id: 'dev1' },
    });
    expect(refused?.isError).toBe(true);
    expect(text(refused as CallToolResult)).toMatch(/toolset 'devices'.*JUMPCLOUD_MCP_TOOLSETS/);
    safety.refuseUnavailable?.({ name: 'devices_list', selection, ctx });
    safety.refuseUnavailable?.({ name: 'no_such_tool', selection, ctx });
    expect(audit.records).toMatchObject([
      {
        tool: 'device_erase',
        outcome: 'refused',
        target: { kind: 'device', id: 'dev1' },
        requestId: 'req-1',
      },
    ]);
    expect(upstream.requests).toEqual([]);
  });

  it('auditRefusal records a host refusal (invalid arguments) of a mutating tool only', () => {
    const safety = safetyWith();
    const ctx = depsFor(api).ctx;
    const reason = 'Invalid arguments for user_suspend: unknown argument(s) confirm.';
    safety.auditRefusal?.({
      name: 'user_suspend',
      ctx,
      args: { id: 'usr1', confirm: true },
      reason,
    });
    safety.auditRefusal?.({ name: 'devices_list', ctx, args: { bogus: 1 }, reason: 'x' });
    safety.auditRefusal?.({ name: 'user_suspend', ctx, args: 'not an object', reason });
    expect(audit.records).toMatchObject([
      { tool: 'user_suspend', outcome: 'refused', reason, target: { kind: 'user', id: 'usr1' } },
      { tool: 'user_suspend', outcome: 'refused' },
    ]);
    expect(audit.records).toHaveLength(2);
    expect(upstream.requests).toEqual([]);
  });
});
