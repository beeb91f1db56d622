/**
 * Every generated tool, called through a real MCP client against the real server with the sandbox
 * as JumpCloud, asserting its effect in the sandbox's state or request log. The table is keyed by
 * tool name and checked against tools/list: a tool without a case here fails this file.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import type { OrgData, System, SystemUser } from '../../src/sandbox/index.js';
import { data, GENERATED_TOOL_NAMES, mutations, startE2e, text, tokenIn } from './harness.js';
import type { E2e } from './harness.js';

type Case = () => Promise<void>;
type Listed<T> = { results: T[]; totalCount?: number };

let e2e: E2e;
let client: Client;
let org: OrgData;
/** What the audit log must hold at the end, in order: one record per preview and execution. */
const expectedAudit: Array<{ tool: string; outcome: string }> = [];
/** A user this server protects by username; no tool may change it (group membership included). */
let guarded: SystemUser;

beforeAll(async () => {
  e2e = await startE2e({
    argv: (sandbox) => {
      const users = (sandbox.org(sandbox.orgIds[0] as string) as OrgData).users;
      guarded = users.findLast((u) => u.state === 'ACTIVATED') as SystemUser;
      return ['--protected-users', guarded.username];
    },
  });
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
  used.add(guarded._id);
  client = await e2e.connect({ client: 'cursor' });
});
afterAll(() => e2e?.close());

const used = new Set<string>();
function pickUser(test: (u: SystemUser) => boolean): SystemUser {
  const user = org.users.find((u) => !used.has(u._id) && test(u));
  if (!user) throw new Error('the sandbox has no user for this case');
  used.add(user._id);
  return user;
}
function pickDevice(test: (s: System) => boolean): System {
  const device = org.systems.find((s) => !used.has(s._id) && test(s));
  if (!device) throw new Error('the sandbox has no device for this case');
  used.add(device._id);
  return device;
}
const supports = (command: string) => (s: System) =>
  (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === command) === true;
const windowsFor = (command: string) => (s: System) =>
  s.osFamily === 'windows' && supports(command)(s);
const linuxFor = (command: string) => (s: System) => s.osFamily === 'linux' && supports(command)(s);

const get = async (name: string, args: Record<string, unknown>) =>
  data(await e2e.ok(client, name, args));
const userGet = async (id: string) => get('user_get', { id }) as Promise<SystemUser>;
const ids = (items: Array<{ id?: string; _id?: string }>) =>
  items.map((item) => String(item.id ?? item._id)).sort();

/** A write tool: executes at once, one audit record. */
async function write(name: string, args: Record<string, unknown>) {
  await e2e.ok(client, name, args);
  expectedAudit.push({ tool: name, outcome: 'executed' });
}
/** A destructive tool: preview and token, then execution; two audit records. */
async function destructive(name: string, args: Record<string, unknown>) {
  const result = await e2e.confirmed(client, name, args);
  expectedAudit.push({ tool: name, outcome: 'previewed' }, { tool: name, outcome: 'executed' });
  return result;
}

/** The command results of one device, read through commandresults_list paged to its last item. */
async function commandResultsOf(deviceId: string) {
  const first = (await get('commandresults_list', { limit: 1 })) as Listed<{ systemId: string }>;
  const total = first.totalCount as number;
  const all: Array<{ systemId: string; command: string }> = [];
  for (let skip = 0; skip < total; skip += 100) {
    const page = (await get('commandresults_list', { limit: 100, skip })) as Listed<{
      systemId: string;
      command: string;
    }>;
    all.push(...page.results);
  }
  expect(all).toHaveLength(total);
  return all.filter((r) => r.systemId === deviceId);
}

async function deviceAction(name: string, action: string, device: System) {
  const before = org.commandResults.filter((r) => r.systemId === device._id).length;
  const result = await destructive(name, { id: device._id });
  expect(data(result)).toMatchObject({ queued: true, action, device: { id: device._id } });
  expect(mutations(e2e.sandbox).map((r) => `${r.method} ${r.path}`)).toContain(
    `POST /api/systems/${device._id}/command/builtin/${action}`,
  );
  const results = await commandResultsOf(device._id);
  expect(results).toHaveLength(before + 1);
  expect(results.at(-1)?.command).toBe(`builtin:${action}`);
}

async function emailEvent(name: string, user: SystemUser, eventType: string) {
  e2e.sandbox.clearRequests();
  await write(name, { id: user._id });
  expect(mutations(e2e.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual([
    `POST /api/systemusers/${user._id}/reactivate`,
  ]);
  const event = org.events.findLast((ev) => (ev.resource as { id?: string })?.id === user._id);
  expect(event).toMatchObject({
    event_type: eventType,
    useragent: { name: 'jumpcloudmcp-cursor-bot' },
  });
}

/** A refused call: a clear reason, nothing sent upstream, one audit record. */
async function refused(name: string, args: Record<string, unknown>, reason: RegExp) {
  const before = mutations(e2e.sandbox).length;
  const out = await e2e.call(client, name, args);
  expect(out.isError).toBe(true);
  expect(text(out)).toMatch(reason);
  expect(text(out)).toMatch(/Nothing was (done|changed|sent)/);
  expect(mutations(e2e.sandbox).length).toBe(before);
  expectedAudit.push({ tool: name, outcome: 'refused' });
}

/** Member ids through the membership tool (all pages). */
async function membersOf(tool: string, groupId: string): Promise<string[]> {
  const collected: string[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = (await get(tool, { group_id: groupId, limit: 100, skip })) as Listed<{
      id: string;
    }>;
    collected.push(...ids(page.results));
    if (page.results.length < 100) return collected.sort();
  }
}

/** Preview naming the group and every member, nothing sent; then the confirmed call. */
async function previewThenApply({
  name,
  args,
  names,
}: {
  name: string;
  args: Record<string, unknown>;
  names: string[];
}) {
  const before = mutations(e2e.sandbox).length;
  const preview = await e2e.call(client, name, args);
  expect(text(preview)).toMatch(/^Confirmation required\. Nothing has been done yet\./);
  for (const label of names) expect(text(preview)).toContain(`"${label}"`);
  expect(mutations(e2e.sandbox).length).toBe(before);
  const done = await e2e.ok(client, name, { ...args, confirmation_token: tokenIn(preview) });
  expectedAudit.push({ tool: name, outcome: 'previewed' }, { tool: name, outcome: 'executed' });
  return data<{ summary: Record<string, number>; results: Array<Record<string, unknown>> }>(done);
}

const associationEvents = (groupId: string) =>
  org.events.filter(
    (ev) =>
      ev.event_type === 'association_change' && (ev.resource as { id?: string })?.id === groupId,
  );

const CASES: Record<string, Case> = {
  admins_list: async () => {
    const out = (await get('admins_list', { limit: 100 })) as Listed<{ email: string }>;
    expect(out.totalCount).toBe(org.admins.length);
    expect(out.results.map((a) => a.email).sort()).toEqual(org.admins.map((a) => a.email).sort());
  },
  application_access_list: async () => {
    const app = org.applications[0]!;
    const out = (await get('application_access_list', {
      application_id: app._id,
      limit: 100,
    })) as Listed<{ id: string; username: string; via: string[] }>;
    const direct = org.applicationUsers.get(app._id) ?? [];
    for (const id of direct) expect(out.results.find((r) => r.id === id)?.via).toContain('direct');
    expect(out.results.every((r) => r.username && r.via.length > 0)).toBe(true);
  },
  application_get: async () => {
    const app = org.applications[0]!;
    expect(await get('application_get', { id: app._id })).toMatchObject({
      _id: app._id,
      name: app.name,
      displayLabel: app.displayLabel,
    });
  },
  applications_list: async () => {
    const out = (await get('applications_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(org.applications.length);
    expect(ids(out.results)).toEqual(ids(org.applications));
  },
  command_device_groups_list: async () => {
    const [commandId, bound] = [...org.commandTargets].find(([, t]) => t.systemGroups.length > 0)!;
    const out = (await get('command_device_groups_list', { id: commandId })) as Listed<{
      id: string;
      type: string;
    }>;
    expect(ids(out.results)).toEqual([...bound.systemGroups].sort());
    expect(out.results.every((r) => r.type === 'system_group')).toBe(true);
  },
  command_devices_list: async () => {
    const [commandId, bound] = [...org.commandTargets].find(([, t]) => t.systems.length > 0)!;
    const out = (await get('command_devices_list', { id: commandId, limit: 100 })) as Listed<{
      id: string;
    }>;
    // A graph traversal: devices bound directly and through bound device groups.
    const viaGroups = bound.systemGroups.flatMap((g) => org.groupMembers.get(g) ?? []);
    expect(ids(out.results)).toEqual([...new Set([...bound.systems, ...viaGroups])].sort());
  },
  command_get: async () => {
    const command = org.commands[0]!;
    expect(await get('command_get', { id: command._id })).toMatchObject({
      name: command.name,
      command: command.command,
      commandType: command.commandType,
    });
  },
  command_result_list: async () => {
    const [commandId, runs] = [...org.commandRunResults].find(([, r]) => r.length > 0)!;
    const out = (await get('command_result_list', { id: commandId, limit: 100 })) as Listed<{
      id: string;
    }>;
    expect(out.results).toHaveLength(runs.length);
  },
  commandresults_list: async () => {
    const out = (await get('commandresults_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(org.commandResults.length);
    expect(ids(out.results)).toEqual(ids(org.commandResults.slice(0, 100)));
  },
  commands_list: async () => {
    const out = (await get('commands_list', { limit: 100 })) as Listed<{ name: string }>;
    expect(out.totalCount).toBe(org.commands.length);
    expect(out.results.map((c) => c.name).sort()).toEqual(org.commands.map((c) => c.name).sort());
  },
  device_users_list: async () => {
    const device = org.systems.find((s) => (org.systemUsers.get(s._id) ?? []).length > 0)!;
    const owner = org.systemUsers.get(device._id)![0]!;
    const out = (await get('device_users_list', { device_id: device._id })) as Listed<{
      id: string;
      username: string;
      via: string[];
    }>;
    expect(out.results.find((r) => r.id === owner)).toMatchObject({
      username: org.users.find((u) => u._id === owner)!.username,
      via: expect.arrayContaining(['direct']),
    });
  },
  device_erase: async () => deviceAction('device_erase', 'erase', pickDevice(windowsFor('erase'))),
  device_get: async () => {
    const device = org.systems[0]!;
    expect(await get('device_get', { id: device._id })).toMatchObject({
      _id: device._id,
      hostname: device.hostname,
      os: device.os,
      osFamily: device.osFamily,
    });
  },
  device_group_membership: async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const out = (await get('device_group_membership', {
      group_id: group.id,
      limit: 100,
    })) as Listed<{
      id: string;
    }>;
    expect(ids(out.results)).toEqual([...(org.groupMembers.get(group.id) ?? [])].sort());
  },
  device_group_members_update: async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const leaving = pickDevice((d) => members.includes(d._id));
    const joining = pickDevice((d) => !members.includes(d._id));
    const args = { group_id: group.id, add: [joining._id], remove: [leaving._id] };
    await refused(
      'device_group_members_update',
      { group_id: group.id, add: [joining._id], remove: [joining._id] },
      /in both 'add' and 'remove'/,
    );
    const out = await previewThenApply({
      name: 'device_group_members_update',
      args,
      names: [group.name, joining.hostname, leaving.hostname],
    });
    expect(out.results).toEqual([
      { id: joining._id, op: 'add', result: 'added' },
      { id: leaving._id, op: 'remove', result: 'removed' },
    ]);
    const now = await membersOf('device_group_membership', group.id);
    expect(now).toContain(joining._id);
    expect(now).not.toContain(leaving._id);
    expect(associationEvents(group.id)).toHaveLength(2);
  },
  device_groups_list: async () => {
    const out = (await get('device_groups_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(org.systemGroups));
  },
  device_lock: async () => {
    const device = pickDevice(linuxFor('lock'));
    await deviceAction('device_lock', 'lock', device);
    const events = (await get('di_events_get', {
      service: ['all'],
      start_time: '1h',
      limit: 1000,
    })) as { events: Array<Record<string, unknown>> };
    const mine = events.events.filter(
      (ev) =>
        ev.event_type === 'command_run' &&
        (ev.system as { id?: string } | undefined)?.id === device._id &&
        (ev.command as { name?: string } | undefined)?.name === 'lock',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ useragent: { name: 'jumpcloudmcp-cursor-bot' } });
  },
  device_restart: async () =>
    deviceAction('device_restart', 'restart', pickDevice(linuxFor('restart'))),
  device_shutdown: async () =>
    deviceAction('device_shutdown', 'shutdown', pickDevice(windowsFor('shutdown'))),
  device_update: async () => {
    const device = pickDevice((s) => s.osFamily === 'darwin');
    const rootLogin = !device.allowSshRootLogin;
    const before = await get('device_get', { id: device._id });
    expect(before.displayName).not.toBe('e2e-renamed-mac');
    await write('device_update', {
      id: device._id,
      displayName: 'e2e-renamed-mac',
      allowSshRootLogin: rootLogin,
    });
    expect(await get('device_get', { id: device._id })).toEqual({
      ...before,
      displayName: 'e2e-renamed-mac',
      allowSshRootLogin: rootLogin,
    });
  },
  devices_list: async () => {
    const out = (await get('devices_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(org.systems.length);
    expect(out.results).toHaveLength(100);
  },
  di_events_get: async () => {
    const out = (await get('di_events_get', {
      service: ['directory'],
      start_time: '7d',
      limit: 5,
    })) as { count: number; events: Array<{ timestamp: string; service: string }> };
    expect(out.events).toHaveLength(5);
    expect(out.events.every((ev) => ev.service === 'directory')).toBe(true);
    const times = out.events.map((ev) => ev.timestamp);
    expect(times).toEqual([...times].sort().reverse());
  },
  policies_list: async () => {
    const out = (await get('policies_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(org.policies));
  },
  policy_get: async () => {
    const policy = org.policies[0]!;
    expect(await get('policy_get', { id: policy.id })).toMatchObject({
      id: policy.id,
      name: policy.name,
    });
  },
  search_api: async () => {
    const user = org.users[5]!;
    const out = (await get('search_api', { query: user.email })) as {
      mode: string;
      results: Array<{ kind: string; items?: Array<{ id: string }> }>;
    };
    expect(out.mode).toBe('search');
    const users = out.results.find((r) => r.kind === 'users');
    expect(users?.items?.map((i) => i.id)).toContain(user._id);
  },
  softwareapp_list: async () => {
    const out = (await get('softwareapp_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(org.softwareApps));
  },
  user_add_mfa: async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED' && !u.enable_user_portal_multifactor);
    await write('user_add_mfa', { id: user._id });
    expect((await userGet(user._id)).enable_user_portal_multifactor).toBe(true);
  },
  user_force_password_reset: async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED' && !u.password_expired);
    await destructive('user_force_password_reset', { id: user._id });
    expect(await userGet(user._id)).toMatchObject({ password_expired: true });
  },
  user_applications_list: async () => {
    const app = org.applications[0]!;
    const user = org.applicationUsers.get(app._id)![0]!;
    const out = (await get('user_applications_list', { user_id: user })) as Listed<{
      id: string;
      name: string;
      via: string[];
    }>;
    expect(out.results.find((r) => r.id === app._id)).toMatchObject({
      name: app.displayLabel,
      via: expect.arrayContaining(['direct']),
    });
  },
  user_memberof_list: async () => {
    const user = org.users.find((u) => u.state === 'ACTIVATED')!;
    const out = (await get('user_memberof_list', { user_id: user._id })) as Listed<{
      name: string;
    }>;
    const want = org.userGroups.filter((g) =>
      (org.groupMembers.get(g.id) ?? []).includes(user._id),
    );
    expect(out.results.map((g) => g.name).sort()).toEqual(want.map((g) => g.name).sort());
  },
  user_get: async () => {
    const user = org.users[0]!;
    expect(await userGet(user._id)).toMatchObject({
      _id: user._id,
      username: user.username,
      email: user.email,
      state: user.state,
    });
  },
  user_group_membership: async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const collected: string[] = [];
    for (let skip = 0; skip < members.length; skip += 100) {
      const page = (await get('user_group_membership', {
        group_id: group.id,
        limit: 100,
        skip,
      })) as Listed<{ id: string }>;
      collected.push(...ids(page.results));
    }
    expect(collected.sort()).toEqual([...members].sort());
  },
  user_group_members_update: async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 1)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const leaving = pickUser((u) => members.includes(u._id));
    const staying = pickUser((u) => members.includes(u._id));
    const joining = [1, 2].map(() => pickUser((u) => !members.includes(u._id)));
    const name = 'user_group_members_update';
    const eleven = Array.from({ length: 11 }, (_, i) => `0123456789abcdef012345${10 + i}`);
    await refused(name, { group_id: group.id, add: eleven }, /at most 10 are allowed/);
    await refused(
      name,
      { group_id: group.id, add: [joining[0]!._id], remove: [joining[0]!._id] },
      /in both 'add' and 'remove'/,
    );
    await refused(
      name,
      { group_id: group.id, add: [joining[0]!._id, guarded._id] },
      new RegExp(`"${guarded.username}" \\(id ${guarded._id}\\) is protected`),
    );
    expect(await membersOf('user_group_membership', group.id)).toEqual([...members].sort());

    const args = {
      group_id: group.id,
      add: [...joining.map((u) => u._id), staying._id],
      remove: [leaving._id],
    };
    const out = await previewThenApply({
      name,
      args,
      names: [group.name, ...joining.map((u) => u.username), staying.username, leaving.username],
    });
    expect(out.summary).toMatchObject({ added: 2, removed: 1, already_member: 1, failed: 0 });
    expect(out.results).toEqual([
      ...joining.map((u) => ({ id: u._id, op: 'add', result: 'added' })),
      { id: staying._id, op: 'add', result: 'already_member' },
      { id: leaving._id, op: 'remove', result: 'removed' },
    ]);
    const now = await membersOf('user_group_membership', group.id);
    for (const u of [...joining, staying]) expect(now).toContain(u._id);
    expect(now).not.toContain(leaving._id);
    // One event per change: the member already there changed nothing.
    expect(associationEvents(group.id)).toHaveLength(3);
  },
  user_groups_list: async () => {
    const out = (await get('user_groups_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(org.userGroups));
  },
  user_reactivate: async () => {
    const user = pickUser((u) => u.suspended);
    expect((await userGet(user._id)).suspended).toBe(true);
    await write('user_reactivate', { id: user._id });
    expect(await userGet(user._id)).toMatchObject({ suspended: false, state: 'ACTIVATED' });
  },
  user_remove_mfa_requirement: async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED' && u.enable_user_portal_multifactor);
    await destructive('user_remove_mfa_requirement', { id: user._id });
    expect((await userGet(user._id)).enable_user_portal_multifactor).toBe(false);
  },
  user_resetmfa: async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED' && u.totp_enabled);
    await destructive('user_resetmfa', { id: user._id });
    expect(await userGet(user._id)).toMatchObject({
      totp_enabled: false,
      mfa: { configured: false },
    });
  },
  user_send_invitation_email: async () =>
    emailEvent(
      'user_send_invitation_email',
      pickUser((u) => u.state === 'STAGED'),
      'user_activation_email',
    ),
  user_send_reset_password_email: async () =>
    emailEvent(
      'user_send_reset_password_email',
      pickUser((u) => u.state === 'ACTIVATED' && !u.suspended),
      'user_password_reset_request',
    ),
  user_suspend: async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED' && !u.suspended && !u.account_locked);
    expect((await userGet(user._id)).suspended).toBe(false);
    await destructive('user_suspend', { id: user._id });
    expect(await userGet(user._id)).toMatchObject({ suspended: true, state: 'SUSPENDED' });
  },
  user_unlock: async () => {
    const user = pickUser((u) => u.account_locked);
    expect((await userGet(user._id)).account_locked).toBe(true);
    await write('user_unlock', { id: user._id });
    expect((await userGet(user._id)).account_locked).toBe(false);
  },
  users_list: async () => {
    const out = (await get('users_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(org.users.length);
    expect(out.results).toHaveLength(100);
  },
};

describe('every tool through a real MCP client against the sandbox', () => {
  it('has one case per tool the server lists, and lists every generated tool', async () => {
    const { tools } = await client.listTools();
    const listed = tools.map((t) => t.name).sort();
    expect(listed).toEqual(GENERATED_TOOL_NAMES);
    expect(Object.keys(CASES).sort()).toEqual(listed);
  });

  it.each(GENERATED_TOOL_NAMES)('%s', async (name) => {
    const run = CASES[name];
    expect(run, `no end-to-end case for ${name}: add one to CASES`).toBeDefined();
    await (run as Case)();
  });

  it('sent every upstream call as jumpcloudmcp-cursor-bot', () => {
    expect(e2e.sandbox.requests.length).toBeGreaterThan(0);
    const agents = new Set(e2e.sandbox.requests.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual(['jumpcloudmcp-cursor-bot']);
  });

  it('left audit records per preview and per execution, one per object, naming it', async () => {
    const audit = await e2e.audit();
    // The records of one call share its request id.
    const calls = [...new Map(audit.map((r) => [r.requestId, r])).values()];
    expect(calls.map((r) => ({ tool: r.tool, outcome: r.outcome }))).toEqual(expectedAudit);
    for (const record of audit) {
      expect(record).toMatchObject({
        event: 'tool_call',
        clientName: 'cursor',
        principal: {
          kind: 'api-key',
          fingerprint: expect.stringMatching(/^key_[0-9a-f]{12}$/),
          displayName: expect.stringMatching(/^API key key_[0-9a-f]{12}$/),
        },
      });
      expect(record.target).toBeDefined();
      // Group membership changes name the group and every member; other tools one object.
      const ofCall = audit.filter((r) => r.requestId === record.requestId);
      if (!record.tool.endsWith('_members_update')) expect(ofCall).toHaveLength(1);
      else expect(ofCall.length).toBe(record.targetCount);
      if (record.outcome === 'refused') continue;
      expect(record.target?.name, JSON.stringify(record)).toBeTruthy();
    }
  });

  it('an invalid call gets a clear error and sends nothing', async () => {
    e2e.sandbox.clearRequests();
    const out = await e2e.call(client, 'users_list', { limit: 1000 });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/Invalid arguments for users_list: "limit"/);
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('device actions on an MDM-enrolled Mac', () => {
  const mac = () => pickDevice((s) => s.osFamily === 'darwin' && s.mdm !== undefined);
  const mdmPosts = () =>
    mutations(e2e.sandbox).filter((r) => r.path.startsWith('/api/v2/applemdms/'));

  it('device_restart goes through Apple MDM and queues a RestartDevice command', async () => {
    const device = mac();
    e2e.sandbox.clearRequests();
    const out = await e2e.confirmed(client, 'device_restart', { id: device._id });
    expect(data(out)).toMatchObject({ queued: true, action: 'restart' });
    expect(mdmPosts().map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/api\/v2\/applemdms\/[0-9a-f]+\/devices\/[0-9a-f]+\/restart$/),
    ]);
    expect(org.commandResults.at(-1)).toMatchObject({
      systemId: device._id,
      command: 'RestartDevice',
    });
  });

  it('device_lock without a PIN is refused after confirmation and sends nothing', async () => {
    const device = mac();
    e2e.sandbox.clearRequests();
    const preview = await e2e.call(client, 'device_lock', { id: device._id });
    const out = await e2e.call(client, 'device_lock', {
      id: device._id,
      confirmation_token: tokenIn(preview),
    });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/6-digit PIN/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });

  it('device_lock with the six-digit PIN the refusal asks for locks the Mac', async () => {
    const device = mac();
    e2e.sandbox.clearRequests();
    const out = await e2e.confirmed(client, 'device_lock', { id: device._id, pin: '482913' });
    expect(data(out)).toMatchObject({ queued: true, action: 'lock' });
    const posts = mdmPosts();
    expect(posts).toMatchObject([{ path: expect.stringMatching(/\/lock$/) }]);
    expect(posts[0]?.body).toEqual({ pin: '482913' });
  });
});

describe('ids that are not ids', () => {
  const TARGETED = generatedTools.filter((t) => !t.annotations.readOnlyHint && t.target);

  // This server protects no user or device, so a failed target lookup alone would not stop a
  // non-destructive tool; "." and ".." would be resolved by the URL parser, and "" would reach
  // the collection (GET /api/systemusers/ is the user list).
  it.each(['', '.', '..', 'a/../b'])(
    'id %j is refused by every mutating tool, with no token and nothing that changes data sent',
    async (id) => {
      e2e.sandbox.clearRequests();
      const tokens: string[] = [];
      for (const tool of TARGETED) {
        const args = tool.name === 'device_update' ? { id, displayName: 'x' } : { id };
        const out = await e2e.call(client, tool.name, args);
        expect(out.isError, tool.name).toBe(true);
        if (/"confirmation_token"/.test(text(out))) {
          tokens.push(tool.name);
          await e2e.call(client, tool.name, { ...args, confirmation_token: tokenIn(out) });
        }
      }
      expect({
        tokens,
        sent: mutations(e2e.sandbox).map((r) => `${r.method} ${r.path}`),
      }).toEqual({ tokens: [], sent: [] });
    },
  );

  // GET /api/systemusers/ would be the user list: the upstream client refuses an empty or dot
  // path parameter for every tool, read-only ones included, before anything is sent.
  it.each(['', ' ', '.', '..'])('user_get with id %j is an error and sends nothing', async (id) => {
    const before = e2e.sandbox.requests.length;
    const out = await e2e.call(client, 'user_get', { id });
    expect(out.isError, text(out).slice(0, 80)).toBe(true);
    expect(text(out)).toMatch(/needs the id of one object/);
    expect(e2e.sandbox.requests.length).toBe(before);
  });
});
