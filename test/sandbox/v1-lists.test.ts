/** V1 list semantics: limit/skip paging to the last item, filters, search, sort, fields, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';
import { startTestSandbox } from './sandbox-client.js';

interface V1List<T = Record<string, unknown>> {
  results: T[];
  totalCount: number;
}

let sandbox: Sandbox;
let users: SystemUser[];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  users = sandbox.org(sandbox.orgIds[0]!)!.users;
});
afterAll(() => sandbox.close());

describe('GET /api/systemusers paging', () => {
  it('defaults to 10 results and reports the total', async () => {
    const res = await call<V1List>(sandbox, '/api/systemusers');
    expect(res.json.results).toHaveLength(10);
    expect(res.json.totalCount).toBe(users.length);
  });

  it('pages with limit and skip to the last item, each user exactly once', async () => {
    const seen: string[] = [];
    for (let skip = 0; ; skip += 100) {
      const res = await call<V1List<SystemUser>>(
        sandbox,
        `/api/systemusers?limit=100&skip=${skip}&fields=username`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.json.results.map((u) => u._id));
      if (res.json.results.length < 100) break;
    }
    expect(seen).toHaveLength(users.length);
    expect(new Set(seen).size).toBe(users.length);
    expect(seen.at(-1)).toBe(users.at(-1)!._id);
  });

  it.each([
    ['limit=101', 'limit must be at most 100'],
    ['limit=-1', 'limit must be a non-negative integer'],
    ['skip=abc', 'skip must be a non-negative integer'],
  ])('rejects %s with 400', async (query, message) => {
    const res = await call<{ message: string }>(sandbox, `/api/systemusers?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain(message);
  });
});

describe('V1 filter field:$op:value', () => {
  const count = (pick: (u: SystemUser) => boolean) => users.filter(pick).length;

  it.each<[string, (u: SystemUser) => boolean]>([
    ['state:$eq:SUSPENDED', (u) => u.state === 'SUSPENDED'],
    ['state:$ne:ACTIVATED', (u) => u.state !== 'ACTIVATED'],
    ['account_locked:$eq:true', (u) => u.account_locked],
    ['password_expired:$eq:true', (u) => u.password_expired],
    ['totp_enabled:$eq:false', (u) => !u.totp_enabled],
    ['department:$in:Finance|IT', (u) => u.department === 'Finance' || u.department === 'IT'],
    ['department:$nin:Finance|IT', (u) => u.department !== 'Finance' && u.department !== 'IT'],
    ['unix_uid:$gte:5100', (u) => Number(u.unix_uid) >= 5100],
    ['unix_uid:$lt:5010', (u) => Number(u.unix_uid) < 5010],
    ['username:$sw:a', (u) => u.username.startsWith('a')],
    ['mfa.configured:$eq:true', (u) => u.mfa.configured],
  ])('filter=%s', async (filter, pick) => {
    const res = await call<V1List>(
      sandbox,
      `/api/systemusers?limit=1&filter=${encodeURIComponent(filter)}`,
    );
    expect(res.status).toBe(200);
    expect(res.json.totalCount).toBe(count(pick));
    expect(res.json.totalCount).toBeGreaterThan(0);
  });

  it('ANDs repeated filters and filter[N], ORs filter[or][N]', async () => {
    const and = await call<V1List>(
      sandbox,
      `/api/systemusers?limit=1&filter=${encodeURIComponent('state:$eq:ACTIVATED')}&filter=${encodeURIComponent('department:$eq:IT')}`,
    );
    expect(and.json.totalCount).toBe(
      count((u) => u.state === 'ACTIVATED' && u.department === 'IT'),
    );
    const indexed = await call<V1List>(
      sandbox,
      `/api/systemusers?limit=1&filter[0]=${encodeURIComponent('state:$eq:ACTIVATED')}&filter[1]=${encodeURIComponent('department:$eq:IT')}`,
    );
    expect(indexed.json.totalCount).toBe(and.json.totalCount);
    const or = await call<V1List>(
      sandbox,
      `/api/systemusers?limit=1&filter[or][0]=${encodeURIComponent('state:$eq:STAGED')}&filter[or][1]=${encodeURIComponent('state:$eq:SUSPENDED')}`,
    );
    expect(or.json.totalCount).toBe(count((u) => u.state !== 'ACTIVATED'));
  });

  it('needs x-eventually-consistent for $co, then matches any term', async () => {
    const without = await call<{ message: string }>(
      sandbox,
      `/api/systemusers?filter=${encodeURIComponent('email:$co:ann|bob')}`,
    );
    expect(without.status).toBe(400);
    expect(without.json.message).toContain('x-eventually-consistent');
    const withHeader = await call<V1List>(
      sandbox,
      `/api/systemusers?limit=1&filter=${encodeURIComponent('email:$co:ann|bob')}`,
      { headers: { 'x-eventually-consistent': 'true' } },
    );
    expect(withHeader.json.totalCount).toBe(
      count((u) => u.email.includes('ann') || u.email.includes('bob')),
    );
  });

  it.each(['state=SUSPENDED', 'state:eq:SUSPENDED', 'state:$like:x'])(
    'rejects malformed filter %s with a message naming the syntax',
    async (filter) => {
      const res = await call<{ message: string }>(
        sandbox,
        `/api/systemusers?filter=${encodeURIComponent(filter)}`,
      );
      expect(res.status).toBe(400);
      expect(res.json.message).toMatch(/field>:<operator>:<value>|unknown operator/);
    },
  );
});

describe('V1 search, sort and fields', () => {
  it('search (plain or search[searchTerm]/search[fields]) is a case-insensitive partial match', async () => {
    const target = users[7]!;
    const term = target.lastname.slice(0, 4).toUpperCase();
    const expected = users.filter((u) =>
      [u.username, u.email, u.firstname, u.lastname, u.displayname].some((v) =>
        String(v).toLowerCase().includes(term.toLowerCase()),
      ),
    );
    const plain = await call<V1List<SystemUser>>(
      sandbox,
      `/api/systemusers?limit=100&search=${encodeURIComponent(term)}`,
    );
    expect(plain.json.totalCount).toBe(expected.length);
    expect(plain.json.results.map((u) => u._id)).toContain(target._id);
    const qs = await call<V1List<SystemUser>>(
      sandbox,
      `/api/systemusers?limit=100&search[searchTerm]=${encodeURIComponent(target.email)}&search[fields][]=email`,
    );
    expect(qs.json.results.map((u) => u._id)).toEqual([target._id]);
  });

  it('POST /api/search/systemusers combines filter and searchFilter', async () => {
    const res = await call<V1List<SystemUser & { memberof: string[] }>>(
      sandbox,
      '/api/search/systemusers?limit=100',
      {
        body: {
          filter: { or: [{ department: 'IT' }, { department: 'Legal' }] },
          searchFilter: { searchTerm: ['a', 'e'], fields: ['username'] },
          fields: 'username department',
        },
      },
    );
    const expected = users.filter(
      (u) => (u.department === 'IT' || u.department === 'Legal') && /[ae]/.test(u.username),
    );
    expect(res.json.totalCount).toBe(expected.length);
    for (const u of res.json.results)
      expect(Object.keys(u).sort()).toEqual(['_id', 'department', 'username']);
  });

  it('POST /api/search/systemusers gives memberof where the fields ask for it, and filters by it', async () => {
    const org = sandbox.org(sandbox.orgIds[0]!)!;
    const groupsOf = (id: string) =>
      org.userGroups
        .filter((g) => (org.groupMembers.get(g.id) ?? []).includes(id))
        .map((g) => g.id);
    const all = await call<V1List<SystemUser & { memberof: string[] }>>(
      sandbox,
      '/api/search/systemusers?limit=100',
      { body: {} },
    );
    expect(all.json.results).toHaveLength(100);
    for (const u of all.json.results) expect(u.memberof).toEqual(groupsOf(u._id));
    const named = await call<V1List<SystemUser & { memberof: string[] }>>(
      sandbox,
      '/api/search/systemusers?limit=100&fields=username%20memberof',
      { body: {} },
    );
    for (const u of named.json.results) {
      expect(Object.keys(u).sort()).toEqual(['_id', 'memberof', 'username']);
      expect(u.memberof).toEqual(groupsOf(u._id));
    }
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 1)!;
    const members = org.groupMembers.get(group.id)!;
    const filtered = await call<V1List<SystemUser>>(
      sandbox,
      '/api/search/systemusers?limit=100&fields=username',
      { body: { filter: [{ memberof: group.id }] } },
    );
    expect(filtered.json.totalCount).toBe(members.length);
    expect(filtered.json.results.map((u) => u._id).sort()).toEqual([...members].sort());
    expect(Object.keys(filtered.json.results[0]!).sort()).toEqual(['_id', 'username']);
  });

  it('POST /api/search/systems filters devices by OS', async () => {
    const systems = sandbox.org(sandbox.orgIds[0]!)!.systems;
    const res = await call<V1List>(sandbox, '/api/search/systems?limit=1', {
      body: { filter: [{ osFamily: 'windows' }] },
    });
    expect(res.json.totalCount).toBe(systems.filter((s) => s.osFamily === 'windows').length);
    const bad = await call<{ message: string }>(sandbox, '/api/search/systems', {
      body: '{"filter": [',
    });
    expect(bad.status).toBe(400);
  });

  it('sorts by space-separated fields, - for descending', async () => {
    const res = await call<V1List<SystemUser>>(
      sandbox,
      '/api/systemusers?limit=100&sort=-username&fields=username',
    );
    const names = res.json.results.map((u) => u.username);
    expect(names).toEqual([...users.map((u) => u.username)].sort().reverse().slice(0, 100));
  });

  it('fields limits each record to the named fields plus _id', async () => {
    const res = await call<V1List>(sandbox, '/api/systems?limit=3&fields=hostname%20os');
    for (const s of res.json.results)
      expect(Object.keys(s).sort()).toEqual(['_id', 'hostname', 'os']);
  });

  it('GET /api/users lists administrators with limit, skip and search', async () => {
    const admins = sandbox.org(sandbox.orgIds[0]!)!.admins;
    const page = await call<V1List>(sandbox, '/api/users?limit=2&skip=1');
    expect(page.json.totalCount).toBe(admins.length);
    expect(page.json.results.map((a) => a._id)).toEqual(admins.slice(1, 3).map((a) => a._id));
    const found = await call<V1List>(sandbox, '/api/users?search=api.admin');
    expect(found.json.results.map((a) => a.email)).toEqual([admins[0]!.email]);
  });
});
