/**
 * Lists, filters and search through a real MCP client against the sandbox: paging reaches the last
 * item exactly once, and every filter returns what the organization's data says it should.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData } from '../../src/sandbox/index.js';
import { data, startE2e } from './harness.js';
import type { E2e } from './harness.js';

type Item = { _id?: string; id?: string };
type Listed = { results: Item[]; totalCount?: number };

let e2e: E2e;
let client: Client;
let org: OrgData;

beforeAll(async () => {
  e2e = await startE2e();
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
  client = await e2e.connect({ client: 'claude-ai' });
});
afterAll(() => e2e?.close());

const list = async (tool: string, args: Record<string, unknown>) =>
  data<Listed>(await e2e.ok(client, tool, args));
const idOf = (item: Item) => String(item._id ?? item.id);
const sorted = (values: Iterable<string>) => [...values].sort();
const includes = (value: unknown, term: string) =>
  typeof value === 'string' && value.toLowerCase().includes(term.toLowerCase());

/** V1 list: pages of `limit` with skip until totalCount; returns ids in order and page sizes. */
async function pageV1(tool: string, limit: number, extra: Record<string, unknown> = {}) {
  const collected: string[] = [];
  const sizes: number[] = [];
  let total = Infinity;
  for (let skip = 0; skip < total; skip += limit) {
    const page = await list(tool, { ...extra, limit, skip });
    total = page.totalCount as number;
    sizes.push(page.results.length);
    collected.push(...page.results.map(idOf));
    if (page.results.length === 0) break;
  }
  return { collected, sizes, total };
}

/** V2 list (no total): pages until a short page. */
async function pageV2(tool: string, limit: number, extra: Record<string, unknown> = {}) {
  const collected: string[] = [];
  const sizes: number[] = [];
  for (let skip = 0; ; skip += limit) {
    const page = await list(tool, { ...extra, limit, skip });
    sizes.push(page.results.length);
    collected.push(...page.results.map(idOf));
    if (page.results.length < limit) break;
  }
  return { collected, sizes };
}

describe('paging to the last item', () => {
  it('users_list with limit 37 and skip reaches every user exactly once', async () => {
    const { collected, sizes, total } = await pageV1('users_list', 37);
    expect(total).toBe(org.users.length);
    expect(collected).toHaveLength(total);
    expect(new Set(collected).size).toBe(total);
    expect(sorted(collected)).toEqual(sorted(org.users.map((u) => u._id)));
    expect(sizes.at(-1)).toBe(total % 37 || 37);
  });

  it('devices_list with the V1 maximum of 100 reaches every device exactly once', async () => {
    const { collected, sizes, total } = await pageV1('devices_list', 100);
    expect(total).toBe(org.systems.length);
    expect(sizes).toEqual([100, 100, total - 200]);
    expect(sorted(collected)).toEqual(sorted(org.systems.map((s) => s._id)));
  });

  it('a skip past the end is an empty page with the same total', async () => {
    const page = await list('users_list', { limit: 10, skip: org.users.length });
    expect(page).toMatchObject({ results: [], totalCount: org.users.length });
  });

  it('user_groups_list (V2) pages with limit 5 to the last group', async () => {
    const { collected, sizes } = await pageV2('user_groups_list', 5);
    expect(sorted(collected)).toEqual(sorted(org.userGroups.map((g) => g.id)));
    expect(new Set(collected).size).toBe(collected.length);
    expect(sizes.at(-1)).toBe(org.userGroups.length % 5);
  });

  it('device_group_membership (V2) pages with limit 7 to the last member', async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 7)!;
    const { collected } = await pageV2('device_group_membership', 7, { group_id: group.id });
    expect(sorted(collected)).toEqual(sorted(org.groupMembers.get(group.id) ?? []));
  });

  it('di_events_get pages with search_after to older events without overlap', async () => {
    const args = { service: ['directory'], start_time: '30d', limit: 50 };
    const first = data<{ events: Item[]; next_search_after?: unknown[] }>(
      await e2e.ok(client, 'di_events_get', args),
    );
    expect(first.events).toHaveLength(50);
    expect(first.next_search_after).toBeDefined();
    const second = data<{ events: Array<Item & { timestamp: string }> }>(
      await e2e.ok(client, 'di_events_get', { ...args, search_after: first.next_search_after }),
    );
    expect(second.events).toHaveLength(50);
    const firstIds = new Set(first.events.map(idOf));
    expect(second.events.filter((ev) => firstIds.has(idOf(ev)))).toEqual([]);
    const lastOfFirst = (first.events.at(-1) as { timestamp: string }).timestamp;
    expect(second.events.every((ev) => ev.timestamp <= lastOfFirst)).toBe(true);
  });
});

describe('filters and search', () => {
  it('users_list searchTerm finds the users whose email, username or name contain it', async () => {
    const term = org.users[7]!.lastname.slice(0, 4);
    const want = org.users.filter((u) =>
      [u.email, u.username, u.firstname, u.lastname].some((v) => includes(v, term)),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(org.users.length);
    const { collected, total } = await pageV1('users_list', 100, { searchTerm: term });
    expect(total).toBe(want.length);
    expect(sorted(collected)).toEqual(sorted(want.map((u) => u._id)));
  });

  it('users_list searchTerm with one email finds that user alone', async () => {
    const user = org.users[42]!;
    const page = await list('users_list', { searchTerm: user.email });
    expect(page.totalCount).toBe(1);
    expect(page.results.map(idOf)).toEqual([user._id]);
  });

  it('devices_list search finds the devices whose hostname, name, OS or serial contain it', async () => {
    const term = 'ubuntu';
    const want = org.systems.filter((s) =>
      [s.hostname, s.displayName, s.os, s.serialNumber].some((v) => includes(v, term)),
    );
    expect(want.length).toBeGreaterThan(0);
    const { collected, total } = await pageV1('devices_list', 100, { search: term });
    expect(total).toBe(want.length);
    expect(sorted(collected)).toEqual(sorted(want.map((s) => s._id)));
  });

  it('devices_list search by one hostname finds that device', async () => {
    const device = org.systems[100]!;
    const page = await list('devices_list', { search: device.hostname });
    expect(page.results.map(idOf)).toContain(device._id);
    expect(
      page.results.every((s) => {
        const found = org.systems.find((x) => x._id === idOf(s))!;
        return [found.hostname, found.displayName, found.os, found.serialNumber].some((v) =>
          includes(v, device.hostname),
        );
      }),
    ).toBe(true);
  });

  it('user_groups_list search finds groups by name', async () => {
    const term = 'eng';
    const want = org.userGroups.filter((g) => includes(g.name, term));
    expect(want.length).toBeGreaterThan(0);
    const page = await list('user_groups_list', { search: term, limit: 100 });
    expect(sorted(page.results.map(idOf))).toEqual(sorted(want.map((g) => g.id)));
  });

  it('user_groups_list disabled true and false split the groups', async () => {
    const disabled = org.userGroups.filter((g) => org.disabledGroups.has(g.id)).map((g) => g.id);
    expect(disabled.length).toBeGreaterThan(0);
    const yes = await list('user_groups_list', { disabled: true, limit: 100 });
    const no = await list('user_groups_list', { disabled: false, limit: 100 });
    expect(sorted(yes.results.map(idOf))).toEqual(sorted(disabled));
    expect(sorted(no.results.map(idOf))).toEqual(
      sorted(org.userGroups.filter((g) => !disabled.includes(g.id)).map((g) => g.id)),
    );
  });

  it('device_groups_list search and disabled combine', async () => {
    const group = org.systemGroups[0]!;
    const page = await list('device_groups_list', {
      search: group.name,
      disabled: org.disabledGroups.has(group.id),
    });
    expect(page.results.map(idOf)).toContain(group.id);
    expect(
      page.results.every(
        (g) => org.disabledGroups.has(idOf(g)) === org.disabledGroups.has(group.id),
      ),
    ).toBe(true);
  });

  it('applications_list search finds applications by the start of their name', async () => {
    const app = org.applications[3]!;
    const prefix = app.displayName.slice(0, 3);
    const page = await list('applications_list', { search: prefix });
    const want = org.applications.filter((a) => a.displayName.startsWith(prefix));
    expect(want.length).toBeGreaterThan(0);
    expect(page.results.map(idOf).sort()).toEqual(want.map((a) => a._id).sort());
    expect(page.results.length).toBeLessThan(org.applications.length);
  });

  it('policies_list search finds a policy by name', async () => {
    const policy = org.policies[2]!;
    const page = await list('policies_list', { search: policy.name });
    expect(page.results.map(idOf)).toContain(policy.id);
  });

  it('admins_list search finds an administrator by email', async () => {
    const admin = org.admins[1]!;
    const page = await list('admins_list', { search: admin.email });
    expect(page.results.map((a) => (a as { email?: string }).email)).toEqual([admin.email]);
  });
});

describe('search_api', () => {
  it('answers "How many Windows devices are in my account?" with the true count', async () => {
    const windows = org.systems.filter((s) => s.osFamily === 'windows').length;
    expect(windows).toBeGreaterThan(0);
    const out = data<{
      mode: string;
      answer: string;
      results: Array<{ kind: string; total: number }>;
    }>(
      await e2e.ok(client, 'search_api', { query: 'How many Windows devices are in my account?' }),
    );
    expect(out.mode).toBe('count');
    expect(out.results).toEqual([expect.objectContaining({ kind: 'devices', total: windows })]);
    expect(out.answer).toContain(String(windows));
  });

  it('counts suspended users truly', async () => {
    const suspended = org.users.filter((u) => u.suspended).length;
    const out = data<{ results: Array<{ kind: string; total: number }> }>(
      await e2e.ok(client, 'search_api', { query: 'how many suspended users?' }),
    );
    expect(out.results).toEqual([expect.objectContaining({ kind: 'users', total: suspended })]);
  });

  it('only reads: it sends nothing that changes anything', () => {
    expect(
      e2e.sandbox.requests.every(
        (r) =>
          r.method === 'GET' || r.path.startsWith('/api/search/') || r.path.endsWith('/events'),
      ),
    ).toBe(true);
  });
});

describe('the client name JumpCloud sees, stateless', () => {
  it('comes from the last initialize of the same caller, else from the User-Agent, else is unknown', async () => {
    // No User-Agent of its own (the runtime's `node`): the clientInfo of its initialize names it.
    const bare = await e2e.connect({ client: 'Cursor', userAgent: false });
    e2e.sandbox.clearRequests();
    await e2e.ok(bare, 'users_list', { limit: 1 });
    expect(e2e.sandbox.requests.map((r) => r.headers['user-agent'])).toEqual([
      'jumpcloudmcp-cursor-bot',
    ]);
    // A clientInfo that names no client leaves it to the User-Agent.
    const named = await e2e.connect({ client: 'node', userAgent: 'Cursor/1.7.3 (darwin)' });
    e2e.sandbox.clearRequests();
    await e2e.ok(named, 'users_list', { limit: 1 });
    expect(e2e.sandbox.requests.map((r) => r.headers['user-agent'])).toEqual([
      'jumpcloudmcp-cursor-bot',
    ]);
    // A caller that never sent initialize, with an HTTP library's User-Agent, is unknown.
    e2e.sandbox.clearRequests();
    const raw = await e2e.post(
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'users_list', arguments: { limit: 1 } },
      },
      { 'user-agent': 'python-httpx/0.27' },
    );
    expect(raw.status).toBe(200);
    expect(e2e.sandbox.requests.map((r) => r.headers['user-agent'])).toEqual([
      'jumpcloudmcp-unknown-bot',
    ]);
  });
});
