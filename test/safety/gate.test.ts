import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../src/registry/types.js';
import { createSafety } from '../../src/safety/index.js';
import type { Elicit, Safety, SafetyOptions, Selection } from '../../src/safety/index.js';
import { createApi, depsFor, memoryLogger, startUpstream, TOOLS, toolNamed } from './fixtures.js';
import type { MemoryLog, TestApi, Upstream } from './fixtures.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

let upstream: Upstream;
let api: TestApi;
let audit: MemoryLog;
let clock: number;

beforeAll(async () => {
  upstream = await startUpstream();
  api = createApi(upstream.url);
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
  audit = memoryLogger();
  clock = Date.parse('2026-11-24T01:00:00Z');
});

function safetyWith(options: Partial<SafetyOptions> = {}): Safety {
  return createSafety({
    tools: TOOLS,
    auditLogger: audit.logger,
    confirmationSecret: SECRET,
    nodeEnv: 'production',
    now: () => clock,
    ...options,
  });
}

interface Call {
  tool: string;
  args: Record<string, unknown>;
  ctx?: Partial<CallContext>;
  elicit?: Elicit;
  selection?: Selection;
}

/** What a host does: validate, gate, run the handler if allowed, report the outcome. */
async function call(safety: Safety, { tool: name, args, ctx, elicit, selection }: Call) {
  const tool = toolNamed(name);
  const parsed = tool.input.parse(args) as Record<string, unknown>;
  const deps = depsFor(api, ctx);
  const decision = await safety.gate({ tool, args: parsed, deps, elicit, selection });
  if (decision.action === 'respond')
    return { executed: false, result: decision.result, handlerArgs: undefined };
  try {
    const data = await tool.handler(decision.args, deps);
    decision.done({ ok: true });
    return {
      executed: true,
      result: { content: [{ type: 'text', text: JSON.stringify(data) }] } as CallToolResult,
      handlerArgs: decision.args,
    };
  } catch (error) {
    decision.done({ ok: false, error: (error as Error).message });
    return {
      executed: false,
      result: {
        content: [{ type: 'text', text: (error as Error).message }],
        isError: true,
      } as CallToolResult,
      handlerArgs: decision.args,
    };
  }
}

function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

function tokenIn(result: CallToolResult): string {
  const match = /"confirmation_token": "([^"]+)"/.exec(text(result));
  if (!match?.[1]) throw new Error(`no token in: ${text(result)}`);
  return match[1];
}

const erase = (id = 'dev1') => ({ tool: 'device_erase', args: { id } });
const eraseMutations = () =>
  upstream.mutations().filter((r) => r.path.endsWith('/command/builtin/erase'));

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
        targets: [{ kind: 'device', id: 'dev1', name: 'LAPTOP-7' }],
        keyFingerprint: 'kfp-A',
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
      args: { id: 'dev1', confirmation_token: token },
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

  it('refuses a replayed token and sends nothing', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    await call(safety, { tool: 'device_erase', args: { id: 'dev1', confirmation_token: token } });
    upstream.requests.length = 0;
    const replay = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', confirmation_token: token },
    });
    expect(replay.executed).toBe(false);
    expect(replay.result.isError).toBe(true);
    expect(text(replay.result)).toMatch(/already used.*Nothing was done/);
    expect(upstream.requests).toEqual([]);
    expect(audit.records.at(-1)).toMatchObject({ outcome: 'refused', confirmation: 'token' });
  });

  it('lets only one of two concurrent calls with the same token execute', async () => {
    const safety = safetyWith();
    const token = tokenIn((await call(safety, erase())).result);
    const args = { id: 'dev1', confirmation_token: token };
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
      'another API key',
      {
        confirm: { tool: 'device_erase', args: { id: 'dev1' }, ctx: { keyFingerprint: 'kfp-B' } },
        want: /different API key/,
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
        args: { ...confirm.args, confirmation_token: token },
      });
      expect(out.executed).toBe(false);
      expect(text(out.result)).toMatch(want);
      expect(text(out.result)).toContain('Nothing was done');
      expect(upstream.requests).toEqual([]);
      expect(audit.records.at(-1)).toMatchObject({ outcome: 'refused' });
      // The rightful call still works: a refusal does not use the token up.
      const rightful = await call(safety, {
        tool: 'device_erase',
        args: { id: 'dev1', confirmation_token: token },
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
      args: { id: 'dev1', pin: '000000', confirmation_token: token },
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
      args: { confirmation_token: token, id: 'dev1', pin: '123456' },
    });
    expect(out.executed).toBe(true);
    expect(upstream.mutations().map((r) => [r.path, r.body])).toEqual([
      ['/api/systems/dev1/command/builtin/lock', '{"pin":"123456"}'],
    ]);
  });

  it('refuses an expired token and sends nothing', async () => {
    const safety = safetyWith({ confirmationTtlSeconds: 60 });
    const token = tokenIn((await call(safety, erase())).result);
    clock += 61_000;
    upstream.requests.length = 0;
    const out = await call(safety, {
      tool: 'device_erase',
      args: { id: 'dev1', confirmation_token: token },
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
      args: { id: 'dev1', confirmation_token: token },
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
        args: { id: 'dev1', confirmation_token: token },
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
      args: { ids: ['boss', 'usr1'], confirmation_token: token },
    });
    expect(text(reordered.result)).toMatch(/issued for usr1, boss, not boss, usr1/);
    expect(upstream.mutations()).toEqual([]);
    const done = await call(safety, {
      tool: 'users_suspend_many',
      args: { ids: ['usr1', 'boss'], confirmation_token: token },
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
      args: { group_id: 'grp1', add: ['boss'], remove: ['usr1'], confirmation_token: token },
    });
    expect(swapped.executed).toBe(false);
    expect(upstream.mutations()).toEqual([]);
    const done = await call(safety, { tool, args: { ...args, confirmation_token: token } });
    expect(done.executed).toBe(true);
    expect(upstream.mutations().map((r) => `${r.path} ${r.body}`)).toEqual([
      '/api/v2/usergroups/grp1/members {"op":"add","type":"user","id":"usr1"}',
      '/api/v2/usergroups/grp1/members {"op":"remove","type":"user","id":"boss"}',
    ]);
    const executed = audit.records.find((r) => r.outcome === 'executed');
    expect(executed?.targets).toEqual([
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
    expect(audit.records.map((r) => r.outcome)).toEqual(['refused']);
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
        targets: [{ id: 'dev1', name: 'LAPTOP-7' }],
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
      args: { id: 'dev1', confirmation_token: token },
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
    expect(audit.records).toMatchObject([{ outcome: 'refused', targets: [{ id: 'dev2' }] }]);
  });

  it('refuses a device protected by hostname (any case), sending only the lookup', async () => {
    const out = await call(guarded(), { tool: 'device_restart', args: { id: 'prod' } });
    expect(text(out.result)).toMatch(/device "db-prod-01" \(id prod\) is protected/);
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/systems/prod',
    ]);
    expect(audit.records).toMatchObject([
      { outcome: 'refused', targets: [{ id: 'prod', name: 'db-prod-01' }] },
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
      args: { id: 'prod', confirmation_token: token },
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
    expect(audit.records.at(-1)).toMatchObject({
      outcome: 'executed',
      targets: [
        { id: 'usr1', name: 'jdoe' },
        { id: 'boss', name: 'ceo' },
      ],
    });
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
        expect(text(out.result)).not.toContain('confirmation_token');
      }
      expect(upstream.requests).toEqual([]);
      expect(audit.records).toHaveLength(mutatingWithTarget.length);
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
        targets: [{ id: 'dev1', name: 'LAPTOP-7' }],
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
    expect(audit.records).toHaveLength(mutating.length);
    expect(audit.records.every((r) => r.outcome === 'refused')).toBe(true);
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
        targets: [{ kind: 'device', id: 'dev1' }],
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
      { tool: 'user_suspend', outcome: 'refused', reason, targets: [{ kind: 'user', id: 'usr1' }] },
      { tool: 'user_suspend', outcome: 'refused', targets: [] },
    ]);
    expect(audit.records).toHaveLength(2);
    expect(upstream.requests).toEqual([]);
  });
});
