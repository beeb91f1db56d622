/** Application and system associations and the graph traversals: JumpCloud's answers, state, events. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiEvent, OrgData, Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';

type GraphRecord = {
  id: string;
  type: string;
  paths: { from?: { id: string }; to: { id: string; type: string } }[][];
};

let sandbox: Sandbox;
let org: OrgData;
const UNKNOWN = '0123456789abcdef01234567';

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(() => {
  sandbox.reset();
  org = sandbox.org(sandbox.orgIds[0]!)!;
});
afterAll(() => sandbox.close());

const get = <T>(path: string) => call<T>(sandbox, `/api/v2${path}`);
const post = (path: string, body: unknown) =>
  call(sandbox, `/api/v2${path}`, {
    method: 'POST',
    headers: { 'user-agent': 'jumpcloudmcp-cursor-bot/0.1.0' },
    body,
  });
const idsOf = (records: { id?: string; to?: { id: string } }[]) =>
  records.map((r) => r.id ?? r.to!.id).sort();

async function associationEvents(resourceId: string): Promise<DiEvent[]> {
  const res = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
    body: {
      service: ['directory'],
      start_time: new Date(Date.now() - 3_600_000).toISOString(),
      search_term: { and: [{ 'resource.id': resourceId }, { event_type: 'association_change' }] },
    },
  });
  return res.json;
}

describe('seeded access', () => {
  it('every application has direct users and group grants; devices have bound users', () => {
    for (const app of org.applications) {
      expect(org.applicationUsers.get(app._id)?.length).toBeGreaterThan(0);
      expect(org.applicationGroups.get(app._id)?.length).toBeGreaterThan(0);
    }
    const bound = org.systems.filter((s) => (org.systemUsers.get(s._id) ?? []).length > 0);
    expect(bound.length).toBeGreaterThan(org.systems.length / 2);
    expect(org.systems.some((s) => (org.systemUserGroups.get(s._id) ?? []).length > 0)).toBe(true);
  });
});

describe('GET|POST /applications/{id}/associations', () => {
  it('lists direct users and groups by targets; targets is required', async () => {
    const app = org.applications[0]!;
    const users = await get<{ to: { id: string; type: string } }[]>(
      `/applications/${app._id}/associations?targets=user`,
    );
    expect(users.json.every((c) => c.to.type === 'user')).toBe(true);
    expect(idsOf(users.json)).toEqual([...org.applicationUsers.get(app._id)!].sort());
    const both = await get<unknown[]>(
      `/applications/${app._id}/associations?targets=user,user_group`,
    );
    expect(both.json).toHaveLength(
      org.applicationUsers.get(app._id)!.length + org.applicationGroups.get(app._id)!.length,
    );
    expect((await get(`/applications/${app._id}/associations`)).status).toBe(400);
    expect((await get(`/applications/${app._id}/associations?targets=system`)).status).toBe(400);
  });

  it('add then remove a user group: 204 each, access follows, one event per change', async () => {
    const app = org.applications[0]!;
    const group = org.userGroups.find(
      (g) =>
        !org.applicationGroups.get(app._id)!.includes(g.id) &&
        (org.groupMembers.get(g.id) ?? []).length > 0,
    )!;
    const path = `/applications/${app._id}/associations`;
    expect((await post(path, { op: 'add', type: 'user_group', id: group.id })).status).toBe(204);
    const users = await get<GraphRecord[]>(`/applications/${app._id}/users?limit=100`);
    const member = org.groupMembers.get(group.id)![0]!;
    const viaGroup = users.json.find((u) => u.id === member)!;
    expect(viaGroup.paths.some((p) => p.length === 2 && p[0]!.to.id === group.id)).toBe(true);
    expect((await post(path, { op: 'remove', type: 'user_group', id: group.id })).status).toBe(204);
    expect(org.applicationGroups.get(app._id)).not.toContain(group.id);
    const events = await associationEvents(app._id);
    expect(events.map((e) => (e.association as { op: string }).op).sort()).toEqual([
      'add',
      'remove',
    ]);
    expect(events[0]).toMatchObject({
      resource: { type: 'application', id: app._id },
      association: {
        connection: { to: { object_id: group.id, type: 'user_group', name: group.name } },
      },
      useragent: { name: 'jumpcloudmcp-cursor-bot' },
    });
  });

  it('409 for an association that exists, 404 for one that does not, nothing changes', async () => {
    const app = org.applications[1]!;
    const direct = org.applicationUsers.get(app._id)![0]!;
    const outsider = org.users.find((u) => !org.applicationUsers.get(app._id)!.includes(u._id))!;
    const path = `/applications/${app._id}/associations`;
    const before = [...org.applicationUsers.get(app._id)!];
    const exists = await post(path, { op: 'add', type: 'user', id: direct });
    expect(exists.status).toBe(409);
    expect(exists.json).toMatchObject({ message: 'Already Exists' });
    expect((await post(path, { op: 'remove', type: 'user', id: outsider._id })).status).toBe(404);
    expect(org.applicationUsers.get(app._id)).toEqual(before);
    expect(await associationEvents(app._id)).toEqual([]);
  });

  it.each([
    ['an unknown user', { op: 'add', type: 'user', id: UNKNOWN }, 404],
    ['a malformed id', { op: 'add', type: 'user', id: 'nope' }, 400],
    ['a type applications cannot have', { op: 'add', type: 'system', id: UNKNOWN }, 400],
    ['an unknown op', { op: 'toggle', type: 'user', id: UNKNOWN }, 400],
  ])('%s is refused', async (_name, body, status) => {
    const app = org.applications[0]!;
    expect((await post(`/applications/${app._id}/associations`, body)).status).toBe(status);
  });

  it('an unknown application is 404, a malformed one 400', async () => {
    expect((await get(`/applications/${UNKNOWN}/users`)).status).toBe(404);
    expect(
      (
        await post(`/applications/${UNKNOWN}/associations`, {
          op: 'add',
          type: 'user',
          id: UNKNOWN,
        })
      ).status,
    ).toBe(404);
    expect((await get('/applications/nope/usergroups')).status).toBe(400);
  });
});

describe('GET|POST /systems/{id}/associations', () => {
  it('binds a user to a device directly; /systems/{id}/users and /users/{id}/systems agree', async () => {
    const system = org.systems[0]!;
    const user = org.users.find((u) => !org.systemUsers.get(system._id)!.includes(u._id))!;
    const path = `/systems/${system._id}/associations`;
    expect((await post(path, { op: 'add', type: 'user', id: user._id })).status).toBe(204);
    expect((await post(path, { op: 'add', type: 'user', id: user._id })).status).toBe(409);
    const users = await get<GraphRecord[]>(`/systems/${system._id}/users?limit=100`);
    expect(users.json.find((u) => u.id === user._id)!.paths).toEqual([
      [
        {
          attributes: null,
          from: { attributes: null, id: system._id, type: 'system' },
          to: { attributes: null, id: user._id, type: 'user' },
        },
      ],
    ]);
    const systems = await get<GraphRecord[]>(`/users/${user._id}/systems?limit=100`);
    expect(systems.json.map((s) => s.id)).toContain(system._id);
    expect((await post(path, { op: 'remove', type: 'user', id: user._id })).status).toBe(204);
    expect((await post(path, { op: 'remove', type: 'user', id: user._id })).status).toBe(404);
    expect(await associationEvents(system._id)).toHaveLength(2);
  });
});

describe('traversal', () => {
  it('/applications/{id}/users holds every direct user and every member of a bound group', async () => {
    const app = org.applications[2]!;
    const want = new Set([
      ...org.applicationUsers.get(app._id)!,
      ...org.applicationGroups.get(app._id)!.flatMap((g) => org.groupMembers.get(g) ?? []),
    ]);
    const got: string[] = [];
    for (let skip = 0; ; skip += 100) {
      const page = await get<GraphRecord[]>(
        `/applications/${app._id}/users?limit=100&skip=${skip}`,
      );
      expect(page.headers.get('x-total-count')).toBe(String(want.size));
      got.push(...page.json.map((r) => r.id));
      if (page.json.length < 100) break;
    }
    expect(got.sort()).toEqual([...want].sort());
    const groups = await get<GraphRecord[]>(`/applications/${app._id}/usergroups`);
    expect(idsOf(groups.json)).toEqual([...org.applicationGroups.get(app._id)!].sort());
  });

  it('/users/{id}/applications and /memberof mirror the bindings and the groups', async () => {
    const app = org.applications[0]!;
    const user = org.applicationUsers.get(app._id)![0]!;
    const apps = await get<GraphRecord[]>(`/users/${user}/applications?limit=100`);
    expect(apps.json.find((a) => a.id === app._id)!.paths.some((p) => p.length === 1)).toBe(true);
    const groups = org.userGroups.filter((g) => (org.groupMembers.get(g.id) ?? []).includes(user));
    const memberof = await get<GraphRecord[]>(`/users/${user}/memberof?limit=100`);
    expect(idsOf(memberof.json)).toEqual(groups.map((g) => g.id).sort());
    const one = await get<GraphRecord[]>(
      `/users/${user}/memberof?filter=object_id:eq:${groups[0]!.id}`,
    );
    expect(idsOf(one.json)).toEqual([groups[0]!.id]);
    expect((await get(`/users/${UNKNOWN}/memberof`)).status).toBe(404);
  });

  it('/usergroups/{id}/members lists direct members as graph connections', async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 3)!;
    const members = await get<{ to: { id: string; type: string } }[]>(
      `/usergroups/${group.id}/members?limit=100`,
    );
    expect(members.json.every((m) => m.to.type === 'user')).toBe(true);
    expect(idsOf(members.json)).toEqual([...org.groupMembers.get(group.id)!].sort().slice(0, 100));
  });
});
