import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchApiTool } from '../../generated/tools/search-api.js';
import { searchApi } from '../../src/handlers/search-api.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { ToolError } from '../../src/upstream/errors.js';
import { sandboxDeps } from './sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  org = sandbox.org(sandbox.orgIds[0] as string) as OrgData;
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.clearRequests();
});

const ask = (query: string) => searchApi({ query }, sandboxDeps(sandbox));
const apiRequests = () => sandbox.requests.filter((r) => r.path.startsWith('/api'));

describe('searchApi({ query }, deps) against the sandbox', () => {
  it.each([
    [
      'How many Windows devices are in my account?',
      () => org.systems.filter((s) => s.os === 'Windows').length,
    ],
    [
      'count of macOS 14 devices',
      () =>
        org.systems.filter((s) => s.os === 'Mac OS X' && String(s.version).startsWith('14.'))
          .length,
    ],
    [
      'how many linux machines are offline',
      () => org.systems.filter((s) => s.osFamily === 'linux' && s.active === false).length,
    ],
    ['how many suspended users', () => org.users.filter((u) => u.state === 'SUSPENDED').length],
    [
      'number of users without MFA',
      () =>
        org.users.filter(
          (u) => (u.mfaEnrollment as { overallStatus?: string }).overallStatus !== 'ENROLLED',
        ).length,
    ],
    ['how many user groups', () => org.userGroups.length],
    ['how many device groups', () => org.systemGroups.length],
    ['how many applications', () => org.applications.length],
  ])('%s answers the true count', async (question, truth) => {
    const result = await ask(question);
    expect(result.mode).toBe('count');
    expect(result.results).toHaveLength(1);
    expect(result.results[0]?.total).toBe(truth());
    expect(result.answer).toMatch(new RegExp(`: ${truth()}(, |$)`));
  });

  it('counts in one upstream call that also names the first ten, never a listing of all', async () => {
    await ask('How many Windows devices are in my account?');
    const requests = apiRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/systems',
      query: { limit: '10', filter: 'os:$eq:Windows' },
    });
  });

  it('sends an OS and its version as two filters that must both match', async () => {
    await ask('how many macOS 14 devices');
    expect(apiRequests()[0]?.query).toMatchObject({
      'filter[0]': 'os:$eq:Mac OS X',
      'filter[1]': 'version:$sw:14.',
    });
  });

  it('says how the question was read', async () => {
    expect((await ask('how many Windows 11 devices are online')).interpretation).toBe(
      'Count devices (Windows 11, online).',
    );
  });

  it('finds a user by username across every kind, with ids and totals', async () => {
    const user = org.users[3] as { _id: string; username: string };
    const result = await ask(user.username);
    expect(result.mode).toBe('search');
    expect(result.results.map((r) => r.kind)).toEqual([
      'users',
      'devices',
      'user_groups',
      'device_groups',
      'applications',
    ]);
    const users = result.results[0];
    expect(users?.total).toBeGreaterThanOrEqual(1);
    expect(users?.items?.map((i) => i.id)).toContain(user._id);
    expect(apiRequests().find((r) => r.path === '/api/search/systemusers')?.body).toEqual({
      searchFilter: {
        searchTerm: user.username,
        fields: [
          'username',
          'email',
          'firstname',
          'lastname',
          'displayname',
          'department',
          'jobTitle',
        ],
      },
    });
  });

  it('finds an application by part of its name, case-insensitively', async () => {
    const app = org.applications[0] as { _id: string; displayLabel?: string; name?: string };
    const label = String(app.displayLabel ?? app.name);
    const result = await ask(`${label.slice(0, 4).toLowerCase()} app`);
    const apps = result.results.find((r) => r.kind === 'applications');
    expect(apps?.items?.map((i) => i.id)).toContain(app._id);
  });

  it('returns at most ten matches per kind, with the full total and where to read on', async () => {
    const result = await ask('suspended users');
    const users = result.results[0];
    expect(users?.items).toHaveLength(10);
    expect(users?.next_skip).toBe(10);
    expect(users?.total).toBe(org.users.filter((u) => u.state === 'SUSPENDED').length);
  });

  it('answers the other kinds when one is unavailable, and says why', async () => {
    const id = sandbox.faults.set({ method: 'GET', path: '/api/v2/usergroups', status: 403 });
    try {
      const result = await ask('how many groups');
      expect(result.results.find((r) => r.kind === 'user_groups')?.error).toMatch(/403/);
      expect(result.results.find((r) => r.kind === 'device_groups')?.total).toBe(
        org.systemGroups.length,
      );
    } finally {
      sandbox.faults.clear(id);
    }
  });

  it('combines a user state filter with text search', async () => {
    const user = org.users.find((u) => u.state === 'ACTIVATED') as {
      _id: string;
      username: string;
    };
    const result = await ask(`active users named ${user.username}`);
    expect(result.results[0]?.items?.map((i) => i.id)).toContain(user._id);
    expect(apiRequests()[0]).toMatchObject({
      method: 'POST',
      path: '/api/search/systemusers',
      query: { filter: 'state:$eq:ACTIVATED' },
    });
    const suspended = await ask(`suspended users named ${user.username}`);
    expect(suspended.results[0]?.total).toBe(0);
  });

  it('finds groups by part of their name', async () => {
    const group = org.userGroups[0] as { id: string; name: string };
    const word = group.name.split(/\s+/)[0] as string;
    const result = await ask(`user groups ${word}`);
    expect(result.results[0]?.items?.map((i) => i.id)).toContain(group.id);
  });

  it('points to the right tool for objects it does not cover, calling nothing', async () => {
    await expect(ask('how many policies')).rejects.toThrow(/For policies: use policies_list/);
    expect(apiRequests()).toHaveLength(0);
    const mixed = await ask('how many users and admins');
    expect(mixed.hint).toMatch(/Not searched here: administrators: use admins_list/);
  });

  it('gives no hint when it read the whole question, even for a count of 0', async () => {
    const result = await ask('which users in Finance are suspended?');
    expect(result.interpretation).toBe('Search users (department Finance, suspended).');
    const truth = org.users.filter((u) => u.department === 'Finance' && u.state === 'SUSPENDED');
    expect(result.results[0]?.total).toBe(truth.length);
    expect(result.hint).toBeUndefined();
  });

  it('answers words that name nothing with what can be asked', async () => {
    const result = await ask('what is the meaning of life');
    expect(result.results.every((r) => r.total === 0)).toBe(true);
    expect(result.hint).toMatch(/"meaning life" is not a department/);
    expect(result.hint).toMatch(/Ask about users/);
  });

  it('refuses an empty query without calling JumpCloud', async () => {
    await expect(ask('   ')).rejects.toThrow(ToolError);
    await expect(ask('   ')).rejects.toThrow(/query is empty/);
    expect(apiRequests()).toHaveLength(0);
  });
});

describe('search_api in tools/list', () => {
  it('keeps its description lean: at most 60 o200k tokens', () => {
    expect(encode(searchApiTool.description).length).toBeLessThanOrEqual(60);
  });

  it('reads the organization’s values only when words are left that could name one', async () => {
    sandbox.clearRequests();
    await ask('Which users are suspended?');
    expect(apiRequests()).toHaveLength(1);
  });
});
