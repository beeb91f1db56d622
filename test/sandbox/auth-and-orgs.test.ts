/** x-api-key and x-org-id: 401 without a valid key, MSP keys reach every organization, data never leaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiEvent, Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';

type V1List = { results: { _id: string; organization?: string }[]; totalCount: number };

let sandbox: Sandbox;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  [orgA, orgB] = sandbox.orgIds as [string, string];
});
afterAll(() => sandbox.close());

describe('x-api-key', () => {
  it.each([
    ['missing', null, 'missing api key'],
    ['wrong', 'jca_not_a_real_key', 'invalid api key'],
  ])('%s key -> 401 on V1, V2 and Directory Insights', async (_name, key, message) => {
    for (const [path, body] of [
      ['/api/systemusers', undefined],
      ['/api/v2/usergroups', undefined],
      ['/insights/directory/v1/events', { service: ['all'], start_time: '2026-01-01T00:00:00Z' }],
    ] as const) {
      const res = await call<{ message: string }>(sandbox, path, {
        key,
        ...(body ? { body } : {}),
      });
      expect(res.status).toBe(401);
      expect(res.json.message).toContain(message);
    }
  });

  it('the answer never echoes the key', async () => {
    const res = await call(sandbox, '/api/systemusers', { key: 'jca_secret_value_123' });
    expect(res.text).not.toContain('jca_secret_value_123');
  });
});

describe('organizations', () => {
  it('has at least two organizations, the first by default', async () => {
    expect(sandbox.orgIds.length).toBeGreaterThanOrEqual(2);
    const res = await call<V1List>(sandbox, '/api/systemusers?limit=1&fields=organization');
    expect(res.json.results[0]!.organization).toBe(orgA);
  });

  it('x-org-id selects the organization; no record of one appears in the other', async () => {
    for (const path of [
      '/api/systemusers',
      '/api/systems',
      '/api/applications',
      '/api/commands',
      '/api/commandresults',
      '/api/users',
    ]) {
      const a = await call<V1List>(sandbox, `${path}?limit=100`, { orgId: orgA });
      const b = await call<V1List>(sandbox, `${path}?limit=100`, { orgId: orgB });
      const idsA = new Set(a.json.results.map((r) => r._id));
      expect(b.json.results.length).toBeGreaterThan(0);
      for (const r of b.json.results) expect(idsA.has(r._id)).toBe(false);
    }
    for (const path of [
      '/api/v2/usergroups',
      '/api/v2/systemgroups',
      '/api/v2/policies',
      '/api/v2/softwareapps',
      '/api/v2/applemdms',
    ]) {
      const a = await call<{ id: string }[]>(sandbox, `${path}?limit=100`, { orgId: orgA });
      const b = await call<{ id: string }[]>(sandbox, `${path}?limit=100`, { orgId: orgB });
      const idsA = new Set(a.json.map((r) => r.id));
      for (const r of b.json) expect(idsA.has(r.id)).toBe(false);
    }
  });

  it("one organization's record is 404 from the other", async () => {
    const userB = sandbox.org(orgB)!.users[0]!;
    expect((await call(sandbox, `/api/systemusers/${userB._id}`, { orgId: orgB })).status).toBe(
      200,
    );
    expect((await call(sandbox, `/api/systemusers/${userB._id}`, { orgId: orgA })).status).toBe(
      404,
    );
    expect(
      (
        await call(sandbox, `/api/systemusers/${userB._id}/state/suspend`, {
          method: 'POST',
          orgId: orgA,
        })
      ).status,
    ).toBe(404);
    expect(sandbox.org(orgB)!.users[0]!.state).toBe(userB.state);
  });

  it('Directory Insights returns only the named organizations', async () => {
    const body = { service: ['all'], start_time: '2026-05-01T00:00:00Z', limit: 10_000 };
    const b = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
      body,
      orgId: orgB,
    });
    expect(new Set(b.json.map((e) => e.organization))).toEqual(new Set([orgB]));
    const both = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
      body,
      orgId: [orgA, orgB],
    });
    expect(new Set(both.json.map((e) => e.organization))).toEqual(new Set([orgA, orgB]));
  });

  it('a key bound to one organization cannot reach another (401)', async () => {
    const keyB = sandbox.orgApiKeys[1]!;
    const own = await call<V1List>(sandbox, '/api/systemusers?limit=1&fields=organization', {
      key: keyB,
    });
    expect(own.json.results[0]!.organization).toBe(orgB);
    const other = await call<{ message: string }>(sandbox, '/api/systemusers', {
      key: keyB,
      orgId: orgA,
    });
    expect(other.status).toBe(401);
    expect(other.json.message).toContain('not accessible');
    const unknown = await call(sandbox, '/api/systemusers', { orgId: '0123456789abcdef01234567' });
    expect(unknown.status).toBe(401);
  });
});
