/**
 * Reading access through a real MCP client: who can use an application (named, direct or via
 * which group), who is in a group (named), what a user reaches; each page in a bounded number of
 * upstream requests (the sandbox's request log is the witness); bad ids refused before anything
 * is sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData } from '../../src/sandbox/index.js';
import { data, startE2e, text } from './harness.js';
import type { E2e } from './harness.js';

type Row = { id: string; username?: string; email?: string; name?: string; via?: string[] };
type Page = { results: Row[]; count: number; total?: number; next_skip?: number };

let e2e: E2e;
let client: Client;
let org: OrgData;

beforeAll(async () => {
  e2e = await startE2e();
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0]!)!;
  client = await e2e.connect({ client: 'claude-ai' });
});
afterAll(() => e2e?.close());

/** Calls a tool and returns its result and the upstream requests it cost. */
async function measured(name: string, args: Record<string, unknown>) {
  e2e.sandbox.clearRequests();
  const out = data<Page & { groups?: { id: string; name: string }[] }>(
    await e2e.ok(client, name, args),
  );
  return { out, requests: e2e.sandbox.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`) };
}

const groupName = (id: string) => org.userGroups.find((g) => g.id === id)!.name;

describe('application_access_list', () => {
  it('names every user and the groups, each user direct or via which group', async () => {
    const app = org.applications.find(
      (a) =>
        (org.applicationGroups.get(a._id) ?? []).some(
          (g) => (org.groupMembers.get(g) ?? []).length > 0,
        ) && (org.applicationUsers.get(a._id) ?? []).length > 0,
    )!;
    const viaGroup = new Map<string, string[]>();
    for (const g of org.applicationGroups.get(app._id)!)
      for (const id of org.groupMembers.get(g) ?? [])
        viaGroup.set(id, [...(viaGroup.get(id) ?? []), groupName(g)]);
    const direct = new Set(org.applicationUsers.get(app._id)!);
    const everyone = new Set([...direct, ...viaGroup.keys()]);

    const seen = new Map<string, Row>();
    let skip: number | undefined = 0;
    while (skip !== undefined) {
      const { out, requests } = await measured('application_access_list', {
        application_id: app._id,
        limit: 100,
        skip,
      });
      // One graph round (the users; the bound groups too on the first page), then one naming
      // round: one request for the users, one for the groups. Never one request per user.
      expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(skip === 0 ? 4 : 3);
      expect(requests.filter((r) => r === 'POST /api/search/systemusers')).toHaveLength(1);
      expect(requests.filter((r) => r === 'GET /api/v2/usergroups').length).toBeLessThanOrEqual(1);
      if (skip === 0)
        expect(out.groups!.map((g) => g.name).sort()).toEqual(
          org.applicationGroups.get(app._id)!.map(groupName).sort(),
        );
      for (const row of out.results) seen.set(row.id, row);
      skip = out.next_skip;
    }
    expect([...seen.keys()].sort()).toEqual([...everyone].sort());
    for (const [id, row] of seen) {
      const user = org.users.find((u) => u._id === id)!;
      expect(row).toMatchObject({ username: user.username, email: user.email });
      const want = [...(direct.has(id) ? ['direct'] : []), ...(viaGroup.get(id) ?? [])];
      expect([...row.via!].sort()).toEqual(want.sort());
    }
  });

  it('an id that names no object is refused before anything is sent', async () => {
    for (const application_id of ['', '..']) {
      e2e.sandbox.clearRequests();
      const bad = await e2e.call(client, 'application_access_list', { application_id });
      expect(bad.isError).toBe(true);
      expect(text(bad)).toMatch(/needs the id of one object/);
      expect(e2e.sandbox.requests).toHaveLength(0);
    }
  });

  it('a malformed or unknown id is an error the model can act on', async () => {
    const malformed = await e2e.call(client, 'application_access_list', {
      application_id: 'salesforce',
    });
    expect(malformed.isError).toBe(true);
    expect(text(malformed)).toMatch(/not a valid object id/);
    const unknown = await e2e.call(client, 'application_access_list', {
      application_id: '0123456789abcdef01234567',
    });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/not found/i);
  });
});

describe('user_group_membership and device_group_membership', () => {
  it('user_group_membership names every member in two requests per page', async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 30)!;
    const members = org.groupMembers.get(group.id)!;
    const { out, requests } = await measured('user_group_membership', {
      group_id: group.id,
      limit: 30,
    });
    expect(requests).toEqual([
      `GET /api/v2/usergroups/${group.id}/membership`,
      'POST /api/search/systemusers',
    ]);
    expect(out).toMatchObject({ count: 30, total: members.length, next_skip: 30 });
    for (const row of out.results) {
      const user = org.users.find((u) => u._id === row.id)!;
      expect(row).toEqual({
        id: user._id,
        username: user.username,
        email: user.email,
        name: `${user.firstname} ${user.lastname}`,
      });
    }
  });

  it('device_group_membership names every device by hostname in two requests', async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 5)!;
    const { out, requests } = await measured('device_group_membership', {
      group_id: group.id,
      limit: 5,
    });
    expect(requests).toHaveLength(2);
    for (const row of out.results as (Row & { hostname?: string })[])
      expect(row.hostname).toBe(org.systems.find((s) => s._id === row.id)!.hostname);
  });
});

describe('what a user reaches', () => {
  it('user_memberof_list and user_applications_list agree with the directory', async () => {
    const app = org.applications[0]!;
    const userId = org.applicationUsers.get(app._id)![0]!;
    const groups = await measured('user_memberof_list', { user_id: userId });
    const want = org.userGroups.filter((g) => (org.groupMembers.get(g.id) ?? []).includes(userId));
    expect(groups.out.results.map((g) => g.name).sort()).toEqual(want.map((g) => g.name).sort());
    expect(groups.requests).toHaveLength(want.length > 0 ? 2 : 1);
    const apps = await measured('user_applications_list', { user_id: userId });
    expect(apps.out.results.find((r) => r.id === app._id)?.via).toContain('direct');
    expect(apps.requests.length).toBeLessThanOrEqual(3);
  });
});
