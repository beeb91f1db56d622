import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deviceGroupMembersUpdate,
  membersArgsProblem,
  userGroupMembersUpdate,
} from '../../src/handlers/group-members-update.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { ToolError } from '../../src/upstream/errors.js';
import { sandboxDeps } from './sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;
const UNKNOWN = '0123456789abcdef01234567';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  org = sandbox.org(sandbox.orgIds[0] as string) as OrgData;
});

const deps = () => sandboxDeps(sandbox);
const posts = () => sandbox.requests.filter((r) => r.method === 'POST');

function userGroupFixture() {
  const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 1)!;
  const members = [...(org.groupMembers.get(group.id) ?? [])];
  const outsiders = org.users.filter((u) => !members.includes(u._id)).map((u) => u._id);
  return { group, members, outsiders };
}

describe('membersArgsProblem(args)', () => {
  it.each([
    ['no ids', { group_id: 'g' }, /at least one id/],
    ['empty lists', { group_id: 'g', add: [], remove: [] }, /at least one id/],
    ['an id in both', { group_id: 'g', add: ['a'], remove: ['b', 'a'] }, /a is in both/],
    ['an id twice', { group_id: 'g', add: ['a', 'b', 'a'] }, /a is listed twice/],
    ['fine', { group_id: 'g', add: ['a'], remove: ['b'] }, undefined],
  ] as const)('%s', (_name, args, want) => {
    const got = membersArgsProblem({ ...args } as never);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});

describe('userGroupMembersUpdate against the sandbox', () => {
  it('adds and removes, one POST per id, and reports each id', async () => {
    const { group, members, outsiders } = userGroupFixture();
    const [a, b] = outsiders;
    const [stay, leave] = members;
    const out = await userGroupMembersUpdate(
      { group_id: group.id, add: [a!, b!, stay!], remove: [leave!, UNKNOWN] },
      deps(),
    );
    expect(out.results).toEqual([
      { id: a, op: 'add', result: 'added' },
      { id: b, op: 'add', result: 'added' },
      { id: stay, op: 'add', result: 'already_member' },
      { id: leave, op: 'remove', result: 'removed' },
      { id: UNKNOWN, op: 'remove', result: 'not_member' },
    ]);
    expect(out.summary).toEqual({
      added: 2,
      removed: 1,
      already_member: 1,
      not_member: 1,
      failed: 0,
      not_sent: 0,
    });
    expect(posts().map((r) => r.body)).toEqual([
      { op: 'add', type: 'user', id: a },
      { op: 'add', type: 'user', id: b },
      { op: 'add', type: 'user', id: stay },
      { op: 'remove', type: 'user', id: leave },
      { op: 'remove', type: 'user', id: UNKNOWN },
    ]);
    const now = org.groupMembers.get(group.id) ?? [];
    expect(now).toEqual(expect.arrayContaining([a, b, stay]));
    expect(now).not.toContain(leave);
  });

  it('a partial failure keeps the other results, is never retried, and hides the raw body', async () => {
    const { group, outsiders } = userGroupFixture();
    const [a, b] = outsiders;
    sandbox.faults.set({
      method: 'POST',
      path: `/api/v2/usergroups/${group.id}/members`,
      status: 503,
      body: { message: 'internal trace 7f3a' },
      times: 1,
    });
    const out = await userGroupMembersUpdate(
      { group_id: group.id, add: [a!, UNKNOWN, b!] },
      deps(),
    );
    expect(out.results.map((r) => [r.id, r.result])).toEqual([
      [a, 'failed'],
      [UNKNOWN, 'failed'],
      [b, 'added'],
    ]);
    expect(out.results[0]?.error).toMatch(/503|unavailable|JumpCloud/i);
    expect(JSON.stringify(out)).not.toContain('internal trace');
    expect(out.results[1]?.error).toMatch(/404|not found/i);
    expect(out.summary).toMatchObject({ added: 1, failed: 2 });
    expect(posts()).toHaveLength(3);
    expect(org.groupMembers.get(group.id)).not.toContain(a);
  });

  it('sends nothing once the call is cancelled', async () => {
    const { group, outsiders } = userGroupFixture();
    const controller = new AbortController();
    controller.abort();
    const out = await userGroupMembersUpdate(
      { group_id: group.id, add: [outsiders[0]!] },
      { ...deps(), signal: controller.signal },
    );
    expect(out.results).toEqual([
      expect.objectContaining({ id: outsiders[0], result: 'not_sent' }),
    ]);
    expect(posts()).toEqual([]);
  });

  it('refuses bad argument combinations before sending anything', async () => {
    const { group, outsiders } = userGroupFixture();
    const id = outsiders[0]!;
    await expect(
      userGroupMembersUpdate({ group_id: group.id, add: [id], remove: [id] }, deps()),
    ).rejects.toBeInstanceOf(ToolError);
    await expect(userGroupMembersUpdate({ group_id: group.id }, deps())).rejects.toThrow(
      /at least one id.*Nothing was changed/,
    );
    expect(posts()).toEqual([]);
  });
});

describe('deviceGroupMembersUpdate against the sandbox', () => {
  it('sends type system to /systemgroups/{group_id}/members', async () => {
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const joining = org.systems.find((s) => !members.includes(s._id))!._id;
    const leaving = members[0]!;
    const out = await deviceGroupMembersUpdate(
      { group_id: group.id, add: [joining], remove: [leaving] },
      deps(),
    );
    expect(out.results.map((r) => r.result)).toEqual(['added', 'removed']);
    expect(posts().map((r) => `${r.path} ${JSON.stringify(r.body)}`)).toEqual([
      `/api/v2/systemgroups/${group.id}/members {"op":"add","type":"system","id":"${joining}"}`,
      `/api/v2/systemgroups/${group.id}/members {"op":"remove","type":"system","id":"${leaving}"}`,
    ]);
    expect(org.groupMembers.get(group.id)).toContain(joining);
    expect(org.groupMembers.get(group.id)).not.toContain(leaving);
  });
});
