/** V2 list semantics: bare arrays with x-total-count, filter field:op:value, sort, fields, graph records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';

type Row = Record<string, unknown>;

let sandbox: Sandbox;
let org: OrgData;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  org = sandbox.org(sandbox.orgIds[0]!)!;
});
afterAll(() => sandbox.close());

describe('V2 lists', () => {
  it('answer a bare array with x-total-count, paged by limit and skip', async () => {
    const first = await call<Row[]>(sandbox, '/api/v2/usergroups?limit=5');
    expect(Array.isArray(first.json)).toBe(true);
    expect(first.json).toHaveLength(5);
    expect(first.headers.get('x-total-count')).toBe(String(org.userGroups.length));
    const rest = await call<Row[]>(sandbox, '/api/v2/usergroups?limit=100&skip=5');
    expect([...first.json, ...rest.json].map((g) => g.id)).toEqual(org.userGroups.map((g) => g.id));
  });

  it.each<[string, (g: Row) => boolean]>([
    ['name:eq:Engineering', (g) => g.name === 'Engineering'],
    ['name:ne:Engineering', (g) => g.name !== 'Engineering'],
    ['name:search:ing', (g) => String(g.name).toLowerCase().includes('ing')],
    ['name:in:Sales|Legal', (g) => g.name === 'Sales' || g.name === 'Legal'],
    ['name:eq:*ing', (g) => String(g.name).endsWith('ing')],
  ])('filter=%s', async (filter, pick) => {
    const res = await call<Row[]>(
      sandbox,
      `/api/v2/usergroups?limit=100&filter=${encodeURIComponent(filter)}`,
    );
    expect(res.json.map((g) => g.id)).toEqual(org.userGroups.filter(pick).map((g) => g.id));
    expect(res.json.length).toBeGreaterThan(0);
  });

  it('filters on disabled, a filter field the group object does not carry', async () => {
    const off = await call<Row[]>(sandbox, '/api/v2/usergroups?limit=100&filter=disabled:eq:true');
    expect(off.json.map((g) => g.id)).toEqual(
      org.userGroups.filter((g) => org.disabledGroups.has(g.id)).map((g) => g.id),
    );
    expect(off.json.length).toBeGreaterThan(0);
    for (const g of off.json) expect(g).not.toHaveProperty('disabled');
    const on = await call<Row[]>(
      sandbox,
      '/api/v2/systemgroups?limit=100&filter=disabled:eq:false',
    );
    expect(on.json.length).toBe(
      org.systemGroups.length - org.systemGroups.filter((g) => org.disabledGroups.has(g.id)).length,
    );
  });

  it('ANDs repeated filters', async () => {
    const res = await call<Row[]>(
      sandbox,
      `/api/v2/usergroups?filter=${encodeURIComponent('name:search:s')}&filter=${encodeURIComponent('name:ne:Sales')}&limit=100`,
    );
    expect(res.json.map((g) => g.name)).toEqual(
      org.userGroups
        .filter((g) => g.name.toLowerCase().includes('s') && g.name !== 'Sales')
        .map((g) => g.name),
    );
  });

  it('rejects V1-style operators with a hint', async () => {
    const res = await call<{ message: string }>(
      sandbox,
      `/api/v2/usergroups?filter=${encodeURIComponent('name:$eq:Sales')}`,
    );
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('no $ prefix');
  });

  it('sorts with - and projects comma-separated fields', async () => {
    const res = await call<Row[]>(sandbox, '/api/v2/systemgroups?sort=-name&fields=name');
    expect(res.json.map((g) => g.name)).toEqual(
      org.systemGroups
        .map((g) => g.name)
        .sort()
        .reverse(),
    );
    for (const g of res.json) expect(Object.keys(g).sort()).toEqual(['id', 'name']);
  });

  it('membership lists every member of a group as graph records, paging to the last', async () => {
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id)?.length ?? 0) > 12)!;
    const members = org.groupMembers.get(group.id)!;
    const ids: unknown[] = [];
    for (let skip = 0; skip < members.length; skip += 10) {
      const res = await call<Row[]>(
        sandbox,
        `/api/v2/usergroups/${group.id}/membership?limit=10&skip=${skip}`,
      );
      expect(res.headers.get('x-total-count')).toBe(String(members.length));
      ids.push(...res.json.map((m) => m.id));
      for (const m of res.json) expect(m.type).toBe('user');
    }
    expect(ids).toEqual(members);
  });

  it('command traversal includes systems bound through a group', async () => {
    const command = org.commands.find(
      (c) => (org.commandTargets.get(c._id)?.systemGroups.length ?? 0) > 0,
    )!;
    const targets = org.commandTargets.get(command._id)!;
    const viaGroups = targets.systemGroups.flatMap((g) => org.groupMembers.get(g) ?? []);
    const expected = new Set([...targets.systems, ...viaGroups]);
    const res = await call<Row[]>(sandbox, `/api/v2/commands/${command._id}/systems?limit=100`);
    expect(Number(res.headers.get('x-total-count'))).toBe(expected.size);
    const groups = await call<Row[]>(sandbox, `/api/v2/commands/${command._id}/systemgroups`);
    expect(groups.json.map((g) => g.id)).toEqual(targets.systemGroups);
  });

  it('every Mac is an enrolled Apple MDM device linked to its V1 system', async () => {
    const mdms = await call<Row[]>(sandbox, '/api/v2/applemdms');
    expect(mdms.json).toHaveLength(1);
    const devices = await call<Row[]>(
      sandbox,
      `/api/v2/applemdms/${String(mdms.json[0]!.id)}/devices?limit=100`,
    );
    const macs = org.systems.filter((s) => s.osFamily === 'darwin');
    expect(Number(devices.headers.get('x-total-count'))).toBe(macs.length);
    const byDevice = new Map(
      macs.map((s) => [(s.mdm as { internal: { deviceId: string } }).internal.deviceId, s]),
    );
    for (const d of devices.json) {
      const system = byDevice.get(String(d.id));
      expect(system?.serialNumber).toBe(d.serialNumber);
      expect(d.enrolled).toBe(true);
    }
  });

  it('policies list carries id, name and template; policy get the whole policy', async () => {
    const list = await call<Row[]>(sandbox, '/api/v2/policies?limit=100');
    expect(list.json.map((p) => Object.keys(p).sort())).toEqual(
      org.policies.map(() => ['id', 'name', 'template']),
    );
    const one = await call<Row>(sandbox, `/api/v2/policies/${org.policies[2]!.id}`);
    expect(one.json.name).toBe(org.policies[2]!.name);
    expect(Array.isArray(one.json.configFields)).toBe(true);
    const missing = await call(sandbox, '/api/v2/policies/0123456789abcdef01234567');
    expect(missing.status).toBe(404);
  });
});
