/** POST /usergroups/{id}/members and /systemgroups/{id}/members: JumpCloud's answers, state, events. */
import { describe, expect, it } from 'vitest';
import type { DiEvent, OrgData, Sandbox } from '../../src/sandbox/index.js';
import { call, UNKNOWN, useResetSandbox } from './sandbox-client.js';

let sandbox: Sandbox;
let org: OrgData;

useResetSandbox((started, first) => {
  sandbox = started;
  org = first;
});

const post = (path: string, body: unknown) =>
  call(sandbox, `/api/v2${path}`, {
    method: 'POST',
    headers: { 'user-agent': 'jumpcloudmcp-cursor-bot/0.1.0' },
    body,
  });
const memberIds = async (path: string) =>
  (await call<Array<{ id: string }>>(sandbox, `/api/v2${path}?limit=100`)).json.map((r) => r.id);

async function eventsFor(groupId: string): Promise<DiEvent[]> {
  const res = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
    body: {
      service: ['directory'],
      start_time: new Date(Date.now() - 3_600_000).toISOString(),
      search_term: { and: [{ 'resource.id': groupId }, { event_type: 'association_change' }] },
    },
  });
  return res.json;
}

describe.each([
  ['usergroups', 'user', () => ({ groups: org.userGroups, members: org.users.map((u) => u._id) })],
  [
    'systemgroups',
    'system',
    () => ({ groups: org.systemGroups, members: org.systems.map((s) => s._id) }),
  ],
] as const)('POST /%s/{group_id}/members', (collection, type, pick) => {
  function fixture() {
    const { groups, members } = pick();
    const group = groups[0]!;
    const current = org.groupMembers.get(group.id) ?? [];
    const outsider = members.find((id) => !current.includes(id))!;
    return { group, member: current[0]!, outsider };
  }

  it('add then remove: 204 each, membership changes, one event per change', async () => {
    const { group, outsider } = fixture();
    const path = `/${collection}/${group.id}`;
    expect((await post(`${path}/members`, { op: 'add', type, id: outsider })).status).toBe(204);
    expect(await memberIds(`${path}/membership`)).toContain(outsider);
    expect((await post(`${path}/members`, { op: 'remove', type, id: outsider })).status).toBe(204);
    expect(await memberIds(`${path}/membership`)).not.toContain(outsider);
    const events = await eventsFor(group.id);
    // Both changes happen within the same millisecond: compare without order.
    expect(events.map((e) => (e.association as { op: string }).op).sort()).toEqual([
      'add',
      'remove',
    ]);
    expect(events[0]?.association).toMatchObject({
      connection: { from: { object_id: group.id }, to: { object_id: outsider, type } },
    });
  });

  it('409 when adding a member, 404 when removing a non-member; nothing changes', async () => {
    const { group, member, outsider } = fixture();
    const path = `/${collection}/${group.id}/members`;
    const before = [...(org.groupMembers.get(group.id) ?? [])];
    expect((await post(path, { op: 'add', type, id: member })).status).toBe(409);
    expect((await post(path, { op: 'remove', type, id: outsider })).status).toBe(404);
    expect(org.groupMembers.get(group.id)).toEqual(before);
    expect(await eventsFor(group.id)).toEqual([]);
  });

  it('404 for an unknown group or member, 400 for a wrong op, type or id', async () => {
    const { group, outsider } = fixture();
    const path = `/${collection}/${group.id}/members`;
    expect(
      (await post(`/${collection}/${UNKNOWN}/members`, { op: 'add', type, id: outsider })).status,
    ).toBe(404);
    expect((await post(path, { op: 'add', type, id: UNKNOWN })).status).toBe(404);
    expect((await post(path, { op: 'update', type, id: outsider })).status).toBe(400);
    expect((await post(path, { op: 'add', type: 'group', id: outsider })).status).toBe(400);
    expect((await post(path, { op: 'add', type, id: '../x' })).status).toBe(400);
  });
});
