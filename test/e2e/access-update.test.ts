/**
 * Changing access through a real MCP client against the sandbox: an application granted to a
 * group reaches its members and is taken back, a user bound to a device and unbound, protected
 * users and devices refused at preview, what is already so reported without a request, and a
 * failure on one item reported while the others succeed. The sandbox's request log is the witness
 * of what was sent; the audit log holds one record per item.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/safety/index.js';
import type { OrgData, Sandbox, System, SystemUser } from '../../src/sandbox/index.js';
import { data, mutations, startE2e, text, withToken } from './harness.js';
import type { E2e } from './harness.js';

type Outcome = { kind: string; id: string; status: string; said: string; reason?: string };
type AccessResult = { summary: string; outcomes: Outcome[] } & Record<string, unknown>;
type Listed = { results: { id: string; name?: string; via?: string[] }[] };

const orgOf = (sandbox: Sandbox) => sandbox.org(sandbox.orgIds[0] as string) as OrgData;
/** The user and device this server protects, by username and by hostname. */
const guardedUser = (sandbox: Sandbox) =>
  orgOf(sandbox).users.findLast((u) => u.state === 'ACTIVATED') as SystemUser;
const guardedDevice = (sandbox: Sandbox) => orgOf(sandbox).systems.at(-1) as System;

let e2e: E2e;
let client: Client;
let org: OrgData;

beforeAll(async () => {
  e2e = await startE2e({
    argv: (sandbox) => [
      '--protected-users',
      guardedUser(sandbox).username,
      '--protected-devices',
      guardedDevice(sandbox).hostname,
    ],
  });
  org = orgOf(e2e.sandbox);
  client = await e2e.connect({ client: 'cursor' });
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.sandbox.clearRequests());

/** The association changes sent upstream, as `op type id`. */
const associationPosts = () =>
  e2e.sandbox.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/associations'))
    .map((r) => {
      const body = r.body as { op: string; type: string; id: string };
      return `${body.op} ${body.type} ${body.id}`;
    });

/** Preview (naming every label, sending nothing), then the confirmed call's result. */
async function confirmed(name: string, args: Record<string, unknown>, labels: string[]) {
  const before = mutations(e2e.sandbox).length;
  const preview = await e2e.call(client, name, args);
  expect(text(preview)).toMatch(/^Confirmation required\. Nothing has been done yet\./);
  for (const label of labels) expect(text(preview)).toContain(`"${label}"`);
  expect(mutations(e2e.sandbox).length).toBe(before);
  const done = await e2e.ok(client, name, withToken(args, preview));
  return { preview: text(preview), out: data<AccessResult>(done) };
}

/** Audit records of the last call of a tool. */
async function lastCall(tool: string): Promise<AuditRecord[]> {
  const records = (await e2e.audit()).filter((r) => r.tool === tool);
  const last = records.at(-1)!.requestId;
  return records.filter((r) => r.requestId === last);
}

const appsOf = async (userId: string) =>
  data<Listed>(await e2e.ok(client, 'user_applications_list', { user_id: userId })).results;

describe('application_access_update', () => {
  it('grants an application to a group, whose member then has it, and revokes it', async () => {
    const app = org.applications[0]!;
    const direct = new Set(org.applicationUsers.get(app._id));
    const viaGroups = new Set(
      org.applicationGroups.get(app._id)!.flatMap((g) => org.groupMembers.get(g) ?? []),
    );
    // A group not bound to the application with a member who cannot use it yet.
    const { group, member } = org.userGroups
      .filter((g) => !org.applicationGroups.get(app._id)!.includes(g.id))
      .map((g) => ({
        group: g,
        member: (org.groupMembers.get(g.id) ?? []).find(
          (id) => !direct.has(id) && !viaGroups.has(id) && id !== guardedUser(e2e.sandbox)._id,
        ),
      }))
      .find((c) => c.member !== undefined)!;
    expect((await appsOf(member!)).map((a) => a.id)).not.toContain(app._id);

    const granted = await confirmed(
      'application_access_update',
      { application_id: app._id, add_user_groups: [group.id] },
      [app.displayLabel, group.name],
    );
    expect(granted.preview).toContain(
      `Action: Change who can use application "${app.displayLabel}"`,
    );
    expect(granted.preview).toMatch(
      /add_user_groups \(1 user group\), each to give every member access to the application:\n- user group "/,
    );
    expect(associationPosts()).toEqual([`add user_group ${group.id}`]);
    expect(granted.out.outcomes).toMatchObject([{ id: group.id, status: 'added' }]);
    expect(granted.out.outcomes[0]!.said).toBe(
      `Members of group ${group.name} can now use ${app.displayLabel}.`,
    );
    const seen = (await appsOf(member!)).find((a) => a.id === app._id);
    expect(seen?.via).toContain(group.name);

    e2e.sandbox.clearRequests();
    const revoked = await confirmed(
      'application_access_update',
      { application_id: app._id, remove_user_groups: [group.id] },
      [app.displayLabel, group.name],
    );
    expect(associationPosts()).toEqual([`remove user_group ${group.id}`]);
    expect(revoked.out.outcomes).toMatchObject([{ id: group.id, status: 'removed' }]);
    expect((await appsOf(member!)).map((a) => a.id)).not.toContain(app._id);

    // One Directory Insights event per change, and one audit record per object.
    const events = org.events.filter(
      (ev) =>
        ev.event_type === 'association_change' && (ev.resource as { id?: string }).id === app._id,
    );
    expect(events).toHaveLength(2);
    const audit = await lastCall('application_access_update');
    expect(audit.map((r) => [r.target?.kind, r.target?.name, r.outcome, r.status])).toEqual([
      ['application', app.displayLabel, 'executed', undefined],
      ['user_group', group.name, 'executed', 'removed'],
    ]);
  });

  it('reports already and absent without sending anything', async () => {
    const app = org.applications[1]!;
    const direct = org.applicationUsers.get(app._id)!;
    const has = org.users.find((u) => u._id === direct[0])!;
    const lacks = org.users.find(
      (u) => !direct.includes(u._id) && u._id !== guardedUser(e2e.sandbox)._id,
    )!;
    const { out } = await confirmed(
      'application_access_update',
      { application_id: app._id, add_users: [has._id], remove_users: [lacks._id] },
      [app.displayLabel, has.username, lacks.username],
    );
    expect(out.outcomes.map((o) => [o.id, o.status])).toEqual([
      [has._id, 'already'],
      [lacks._id, 'absent'],
    ]);
    expect(out.outcomes[1]!.said).toBe(
      `User ${lacks.username} had no direct access to ${app.displayLabel} to remove; nothing changed.`,
    );
    expect(associationPosts()).toEqual([]);
    expect(org.applicationUsers.get(app._id)).toEqual(direct);
  });

  it('reports a failure on one item while the others succeed, never retrying it', async () => {
    const app = org.applications[2]!;
    const outsiders = org.users
      .filter(
        (u) =>
          !org.applicationUsers.get(app._id)!.includes(u._id) &&
          u._id !== guardedUser(e2e.sandbox)._id,
      )
      .slice(0, 3);
    e2e.sandbox.faults.set({
      method: 'POST',
      path: `/api/v2/applications/${app._id}/associations`,
      status: 500,
      times: 1,
    });
    const { out } = await confirmed(
      'application_access_update',
      { application_id: app._id, add_users: outsiders.map((u) => u._id) },
      outsiders.map((u) => u.username),
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['failed', 'added', 'added']);
    expect(out.outcomes[0]!.said).toMatch(
      new RegExp(
        `^Granting user ${outsiders[0]!.username} direct access to .* failed: .+ It was not retried\\.$`,
      ),
    );
    expect(out.summary).toBe('added 2, failed 1');
    expect(associationPosts()).toHaveLength(3);
    expect(org.applicationUsers.get(app._id)).not.toContain(outsiders[0]!._id);
    for (const u of outsiders.slice(1)) expect(org.applicationUsers.get(app._id)).toContain(u._id);
    const audit = await lastCall('application_access_update');
    expect(audit.filter((r) => r.target?.kind === 'user').map((r) => r.outcome)).toEqual([
      'failed',
      'executed',
      'executed',
    ]);
  });

  it('refuses a protected user at preview, before anything is sent', async () => {
    const guarded = guardedUser(e2e.sandbox);
    const app = org.applications[0]!;
    const other = org.users.find((u) => !org.applicationUsers.get(app._id)!.includes(u._id))!;
    const out = await e2e.call(client, 'application_access_update', {
      application_id: app._id,
      add_users: [other._id, guarded._id],
    });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(
      new RegExp(
        `user "${guarded.username}" \\(id ${guarded._id}\\) is protected.*Nothing was done`,
        's',
      ),
    );
    expect(text(out)).not.toContain('confirmation_token');
    expect(mutations(e2e.sandbox)).toEqual([]);
    expect(
      (await lastCall('application_access_update')).every((r) => r.outcome === 'refused'),
    ).toBe(true);
  });

  it('refuses lists that are not ids, an id in both add and remove, nothing, or more than the cap', async () => {
    const app = org.applications[0]!;
    const user = org.users[0]!._id;
    for (const [args, reason] of [
      [{ add_users: [user, 5] }, /'add_users' must be a list of user ids/],
      [{ add_users: [user], remove_users: [user] }, /in both 'add_users' and 'remove_users'/],
      [
        {},
        /needs at least one object id in 'add_user_groups', 'remove_user_groups', 'add_users' or 'remove_users'/,
      ],
      [
        {
          add_users: org.users.slice(0, 6).map((u) => u._id),
          add_user_groups: org.userGroups.slice(0, 5).map((g) => g.id),
        },
        /acts on 11 objects; at most 10 are allowed/,
      ],
    ] as const) {
      const out = await e2e.call(client, 'application_access_update', {
        application_id: app._id,
        ...args,
      });
      expect(out.isError).toBe(true);
      expect(text(out)).toMatch(reason);
    }
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('device_access_update', () => {
  const usersOf = async (deviceId: string) =>
    data<Listed>(await e2e.ok(client, 'device_users_list', { device_id: deviceId })).results;

  it('binds a user to a device, who then can sign in there, and unbinds them', async () => {
    const device = org.systems.find((s) => s._id !== guardedDevice(e2e.sandbox)._id)!;
    const bound = new Set((await usersOf(device._id)).map((u) => u.id));
    const user = org.users.find(
      (u) => !bound.has(u._id) && u._id !== guardedUser(e2e.sandbox)._id,
    )!;
    const bind = await confirmed(
      'device_access_update',
      { device_id: device._id, add_users: [user._id] },
      [device.hostname, user.username],
    );
    expect(bind.preview).toContain(`Action: Change who can sign in to device "${device.hostname}"`);
    expect(bind.out.outcomes[0]!.said).toBe(
      `User ${user.username} can now sign in to ${device.hostname} directly.`,
    );
    expect(associationPosts()).toEqual([`add user ${user._id}`]);
    expect((await usersOf(device._id)).find((u) => u.id === user._id)?.via).toEqual(['direct']);

    e2e.sandbox.clearRequests();
    const unbind = await confirmed(
      'device_access_update',
      { device_id: device._id, remove_users: [user._id] },
      [device.hostname, user.username],
    );
    expect(unbind.out.outcomes).toMatchObject([{ id: user._id, status: 'removed' }]);
    expect(associationPosts()).toEqual([`remove user ${user._id}`]);
    expect((await usersOf(device._id)).map((u) => u.id)).not.toContain(user._id);
  });

  it('refuses a protected device and a protected user at preview, before anything is sent', async () => {
    const device = guardedDevice(e2e.sandbox);
    const user = org.users[0]!;
    const onDevice = await e2e.call(client, 'device_access_update', {
      device_id: device._id,
      add_users: [user._id],
    });
    expect(onDevice.isError).toBe(true);
    expect(text(onDevice)).toMatch(
      new RegExp(`device "${device.hostname}" \\(id ${device._id}\\) is protected`),
    );
    const other = org.systems[0]!;
    const guarded = guardedUser(e2e.sandbox);
    const ofUser = await e2e.call(client, 'device_access_update', {
      device_id: other._id,
      remove_users: [guarded._id],
    });
    expect(ofUser.isError).toBe(true);
    expect(text(ofUser)).toMatch(/is protected/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });
});
