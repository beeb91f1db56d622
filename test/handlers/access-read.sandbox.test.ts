/**
 * The access read tools against the sandbox: the rows match the organization's bindings, every row
 * is named, `via` says direct or which group, paging continues where it should, and a page costs
 * one graph call plus one naming call per kind of object, whatever its size.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applicationAccessList } from '../../src/handlers/application-access.js';
import { deviceUsersList } from '../../src/handlers/device-users.js';
import { deviceGroupMembership, userGroupMembership } from '../../src/handlers/group-membership.js';
import { userApplicationsList, userMemberofList } from '../../src/handlers/user-access.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { UpstreamError } from '../../src/upstream/errors.js';
import { sandboxDeps } from './sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;
const UNKNOWN = '0123456789abcdef01234567';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  org = sandbox.org(sandbox.orgIds[0]!)!;
});

const deps = () => sandboxDeps(sandbox);
const sent = () => sandbox.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
const userById = (id: string) => org.users.find((u) => u._id === id)!;
const groupName = (id: string) => org.userGroups.find((g) => g.id === id)!.name;
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** What the organization says: each user reaching an application and how. */
function expectedAppAccess(appId: string): Map<string, string[]> {
  const want = new Map<string, string[]>();
  for (const id of org.applicationUsers.get(appId) ?? []) want.set(id, ['direct']);
  for (const g of org.applicationGroups.get(appId) ?? [])
    for (const id of org.groupMembers.get(g) ?? [])
      want.set(id, [...(want.get(id) ?? []), groupName(g)]);
  return want;
}

describe('applicationAccessList(args, deps)', () => {
  it('every user who can use the application, named, direct or via which group, page by page', async () => {
    const app = org.applications.find((a) => expectedAppAccess(a._id).size > 30)!;
    const want = expectedAppAccess(app._id);
    const got = new Map<string, string[]>();
    let skip: number | undefined = 0;
    let pages = 0;
    while (skip !== undefined) {
      sandbox.clearRequests();
      const out = await applicationAccessList({ application_id: app._id, limit: 25, skip }, deps());
      expect(out.total).toBe(want.size);
      expect(out.count).toBe(out.results.length);
      for (const row of out.results) {
        const user = userById(row.id);
        expect(row).toMatchObject({ username: user.username, email: user.email });
        got.set(row.id, row.via);
      }
      // The graph call(s), then one naming call per kind: never one call per user.
      expect(sandbox.requests.length).toBeLessThanOrEqual(skip === 0 ? 4 : 3);
      expect(sent().filter((r) => r.includes('/systemusers/'))).toEqual([]);
      if (skip === 0)
        expect(out.groups?.map((g) => g.name).sort()).toEqual(
          (org.applicationGroups.get(app._id) ?? []).map(groupName).sort(),
        );
      else expect(out.groups).toBeUndefined();
      skip = out.next_skip;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(want.size / 25));
    expect(sorted(got.keys())).toEqual(sorted(want.keys()));
    for (const [id, via] of want) expect(sorted(got.get(id)!)).toEqual(sorted(via));
  });

  it('a direct user shows direct; the answer follows a new association at once', async () => {
    const app = org.applications[0]!;
    const outsider = org.users.find((u) => !expectedAppAccess(app._id).has(u._id))!;
    org.applicationUsers.get(app._id)!.push(outsider._id);
    const out = await applicationAccessList({ application_id: app._id, limit: 100 }, deps());
    expect(out.results.find((r) => r.id === outsider._id)).toMatchObject({
      username: outsider.username,
      via: ['direct'],
    });
  });

  it('an unknown application is a not-found error', async () => {
    await expect(applicationAccessList({ application_id: UNKNOWN }, deps())).rejects.toBeInstanceOf(
      UpstreamError,
    );
    await expect(applicationAccessList({ application_id: UNKNOWN }, deps())).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('userApplicationsList(args, deps)', () => {
  it('names each application and says direct or via which group', async () => {
    const app = org.applications[0]!;
    const user = org.applicationUsers.get(app._id)![0]!;
    sandbox.clearRequests();
    const out = await userApplicationsList({ user_id: user }, deps());
    const want = org.applications.filter((a) => expectedAppAccess(a._id).has(user));
    expect(sorted(out.results.map((r) => r.id))).toEqual(sorted(want.map((a) => a._id)));
    for (const row of out.results) {
      const a = org.applications.find((x) => x._id === row.id)!;
      expect(row.name).toBe(a.displayLabel);
      expect(sorted(row.via)).toEqual(sorted(expectedAppAccess(a._id).get(user)!));
    }
    expect(out.results.find((r) => r.id === app._id)!.via).toContain('direct');
    expect(sandbox.requests.length).toBeLessThanOrEqual(3);
  });
});

describe('userMemberofList(args, deps)', () => {
  it('the groups a user is in, named, in two calls', async () => {
    const user = org.users.find((u) => u.state === 'ACTIVATED')!;
    sandbox.clearRequests();
    const out = await userMemberofList({ user_id: user._id }, deps());
    const want = org.userGroups.filter((g) =>
      (org.groupMembers.get(g.id) ?? []).includes(user._id),
    );
    expect(out.results.map((r) => r.name).sort()).toEqual(want.map((g) => g.name).sort());
    expect(out).toMatchObject({ count: want.length, total: want.length });
    expect(out.next_skip).toBeUndefined();
    expect(sent()).toEqual([`GET /api/v2/users/${user._id}/memberof`, 'GET /api/v2/usergroups']);
  });

  it('a user in no group: an empty list in one call', async () => {
    const user = org.users[0]!;
    for (const g of org.userGroups)
      org.groupMembers.set(
        g.id,
        (org.groupMembers.get(g.id) ?? []).filter((id) => id !== user._id),
      );
    sandbox.clearRequests();
    expect(await userMemberofList({ user_id: user._id }, deps())).toEqual({
      results: [],
      count: 0,
      total: 0,
    });
    expect(sandbox.requests).toHaveLength(1);
  });
});

describe('deviceUsersList(args, deps)', () => {
  it('the primary user directly, group members via the group, all named', async () => {
    const system = org.systems.find(
      (s) =>
        (org.systemUsers.get(s._id) ?? []).length > 0 &&
        (org.systemUserGroups.get(s._id) ?? []).length > 0,
    )!;
    const owner = org.systemUsers.get(system._id)![0]!;
    const group = org.systemUserGroups.get(system._id)![0]!;
    const out = await deviceUsersList({ device_id: system._id }, deps());
    expect(out.results.find((r) => r.id === owner)!.via).toContain('direct');
    const member = org.groupMembers.get(group)!.find((id) => id !== owner)!;
    expect(out.results.find((r) => r.id === member)).toMatchObject({
      username: userById(member).username,
      via: [groupName(group)],
    });
    const want = new Set([owner, ...org.groupMembers.get(group)!]);
    expect(out.total).toBe(want.size);
  });
});

describe('userGroupMembership / deviceGroupMembership(args, deps)', () => {
  it('names every user member in exactly two calls, with the next skip', async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 12)!;
    const members = org.groupMembers.get(group.id)!;
    sandbox.clearRequests();
    const out = await userGroupMembership({ group_id: group.id, limit: 10 }, deps());
    expect(out).toMatchObject({ count: 10, total: members.length, next_skip: 10 });
    for (const row of out.results) {
      const user = userById(row.id);
      expect(row).toEqual({
        id: user._id,
        username: user.username,
        email: user.email,
        name: `${user.firstname} ${user.lastname}`,
      });
    }
    expect(sent()).toEqual([
      `GET /api/v2/usergroups/${group.id}/membership`,
      'POST /api/search/systemusers',
    ]);
    const last = await userGroupMembership(
      { group_id: group.id, limit: 100, skip: members.length - 3 },
      deps(),
    );
    expect(last.count).toBe(3);
    expect(last.next_skip).toBeUndefined();
  });

  it('names every device member by hostname, display name and OS', async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 3)!;
    sandbox.clearRequests();
    const out = await deviceGroupMembership({ group_id: group.id, limit: 100 }, deps());
    expect(sorted(out.results.map((r) => r.id))).toEqual(sorted(org.groupMembers.get(group.id)!));
    for (const row of out.results) {
      const system = org.systems.find((s) => s._id === row.id)!;
      expect(row).toMatchObject({ hostname: system.hostname, displayName: system.displayName });
      expect(row.os).toContain(system.os);
    }
    expect(sandbox.requests).toHaveLength(2);
  });

  it('an empty group: no naming call', async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length === 0)!;
    sandbox.clearRequests();
    expect(await userGroupMembership({ group_id: group.id }, deps())).toEqual({
      results: [],
      count: 0,
      total: 0,
    });
    expect(sandbox.requests).toHaveLength(1);
  });
});
