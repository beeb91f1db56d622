/**
 * MSP organizations end to end: `/v1?organizationID=<id>` answers with that organization's data
 * alone, and one organization's objects never appear in the other's answers.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData } from '../../src/sandbox/index.js';
import { data, startE2e, text } from './harness.js';
import type { E2e } from './harness.js';

type Item = { _id?: string; id?: string };
type Listed = { results: Item[]; totalCount?: number };

let e2e: E2e;
let orgs: [OrgData, OrgData];
/** Every id of each organization's users, devices, groups, applications and events. */
let idsOf: [Set<string>, Set<string>];

beforeAll(async () => {
  e2e = await startE2e();
  orgs = e2e.sandbox.orgIds.map((id) => e2e.sandbox.org(id)) as [OrgData, OrgData];
  idsOf = orgs.map(
    (org) =>
      new Set([
        ...org.users.map((u) => u._id),
        ...org.systems.map((s) => s._id),
        ...org.userGroups.map((g) => g.id),
        ...org.systemGroups.map((g) => g.id),
        ...org.applications.map((a) => a._id),
      ]),
  ) as [Set<string>, Set<string>];
});
afterAll(() => e2e?.close());

const idOf = (item: Item) => String(item._id ?? item.id);

async function allV1(client: Client, tool: string) {
  const out: string[] = [];
  let total = Infinity;
  for (let skip = 0; skip < total; skip += 100) {
    const page = data<Listed>(await e2e.ok(client, tool, { limit: 100, skip }));
    total = page.totalCount as number;
    out.push(...page.results.map(idOf));
  }
  return out;
}

describe.each([
  [0, 1],
  [1, 0],
] as const)('organization %i, seen through ?organizationID=', (mine, other) => {
  let client: Client;
  beforeAll(async () => {
    client = await e2e.connect({ client: 'vscode', orgId: orgs[mine].id });
    e2e.sandbox.clearRequests();
  });

  it('users_list pages through this organization’s users and no other', async () => {
    const users = await allV1(client, 'users_list');
    expect(users.sort()).toEqual(orgs[mine].users.map((u) => u._id).sort());
    expect(users.filter((id) => idsOf[other].has(id))).toEqual([]);
  });

  it('devices_list pages through this organization’s devices and no other', async () => {
    const devices = await allV1(client, 'devices_list');
    expect(devices.sort()).toEqual(orgs[mine].systems.map((s) => s._id).sort());
    expect(devices.filter((id) => idsOf[other].has(id))).toEqual([]);
  });

  it('user_groups_list has this organization’s groups (same names, other ids)', async () => {
    const page = data<Listed>(await e2e.ok(client, 'user_groups_list', { limit: 100 }));
    expect(page.results.map(idOf).sort()).toEqual(orgs[mine].userGroups.map((g) => g.id).sort());
    expect(page.results.filter((g) => idsOf[other].has(idOf(g)))).toEqual([]);
  });

  it('search_api counts this organization’s Windows devices', async () => {
    const out = data<{ results: Array<{ kind: string; total: number }> }>(
      await e2e.ok(client, 'search_api', { query: 'How many Windows devices are in my account?' }),
    );
    const windows = orgs[mine].systems.filter((s) => s.osFamily === 'windows').length;
    expect(out.results).toEqual([expect.objectContaining({ kind: 'devices', total: windows })]);
  });

  it('search_api finds nothing of the other organization by its exact email', async () => {
    const stranger = orgs[other].users.find(
      (u) => !orgs[mine].users.some((m) => m.email === u.email),
    )!;
    const result = await e2e.ok(client, 'search_api', { query: stranger.email });
    expect(text(result)).not.toContain(stranger._id);
  });

  it('di_events_get returns this organization’s events only', async () => {
    const out = data<{ events: Array<{ organization: string }> }>(
      await e2e.ok(client, 'di_events_get', { service: ['all'], start_time: '30d', limit: 500 }),
    );
    expect(out.events.length).toBeGreaterThan(0);
    expect(new Set(out.events.map((ev) => ev.organization))).toEqual(new Set([orgs[mine].id]));
  });

  it('user_get and device_get of the other organization’s objects are not found', async () => {
    for (const [tool, id] of [
      ['user_get', orgs[other].users[0]!._id],
      ['device_get', orgs[other].systems[0]!._id],
    ] as const) {
      const out = await e2e.call(client, tool, { id });
      expect(out.isError, `${tool} ${text(out)}`).toBe(true);
      expect(text(out)).toMatch(/not found|No .* has id|404/i);
    }
  });

  it('sent every upstream call with x-org-id of this organization', () => {
    expect(e2e.sandbox.requests.length).toBeGreaterThan(0);
    expect(new Set(e2e.sandbox.requests.map((r) => r.headers['x-org-id']))).toEqual(
      new Set([orgs[mine].id]),
    );
  });
});

describe('changes and keys across organizations', () => {
  it('a confirmed suspension in the second organization changes only that organization', async () => {
    const [first, second] = orgs;
    const before = JSON.stringify(first.users);
    const client = await e2e.connect({ client: 'cursor', orgId: second.id });
    const user = second.users.find((u) => u.state === 'ACTIVATED' && !u.suspended)!;
    await e2e.confirmed(client, 'user_suspend', { id: user._id });
    const seen = data<{ suspended: boolean }>(await e2e.ok(client, 'user_get', { id: user._id }));
    expect(seen.suspended).toBe(true);
    expect(JSON.stringify(first.users)).toBe(before);
  });

  it('without organizationID, the MSP key acts on its default organization', async () => {
    const client = await e2e.connect({ client: 'cursor' });
    e2e.sandbox.clearRequests();
    const users = await allV1(client, 'users_list');
    expect(users.sort()).toEqual(orgs[0].users.map((u) => u._id).sort());
    expect(e2e.sandbox.requests.every((r) => r.headers['x-org-id'] === undefined)).toBe(true);
  });

  it('an organization’s own key sees that organization alone', async () => {
    const client = await e2e.connect({
      client: 'cursor',
      apiKey: e2e.sandbox.orgApiKeys[1] as string,
    });
    const users = await allV1(client, 'users_list');
    expect(users.sort()).toEqual(orgs[1].users.map((u) => u._id).sort());
  });

  it('an organization’s own key cannot reach the other organization: refused at connection', async () => {
    const refused = await e2e
      .connect({ client: 'cursor', apiKey: e2e.sandbox.orgApiKeys[1] as string, orgId: orgs[0].id })
      .then(
        () => undefined,
        (error: Error) => error.message,
      );
    expect(refused).toMatch(/Forbidden: JumpCloud refused organization/);
    expect(refused).toContain(orgs[0].id);
    expect(orgs[0].users.filter((u) => refused?.includes(u._id))).toEqual([]);
  });
});
