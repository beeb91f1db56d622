/** End-to-end cases of the group tools: lists, memberships and the confirmed membership changes. */
import { expect } from 'vitest';
import { ids } from './suite.js';
import type { Listed, ToolCases, ToolSuite } from './suite.js';

const associationEvents = (t: ToolSuite, groupId: string) =>
  t.org.events.filter(
    (ev) =>
      ev.event_type === 'association_change' && (ev.resource as { id?: string })?.id === groupId,
  );

export const GROUP_CASES: ToolCases = {
  device_group_membership: async (t) => {
    const { org } = t;
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const out = (await t.get('device_group_membership', {
      group_id: group.id,
      limit: 100,
    })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual([...(org.groupMembers.get(group.id) ?? [])].sort());
  },
  device_group_members_update: async (t) => {
    const { org } = t;
    const group = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const leaving = t.pickDevice((d) => members.includes(d._id));
    const joining = t.pickDevice((d) => !members.includes(d._id));
    const args = { group_id: group.id, add: [joining._id], remove: [leaving._id] };
    await t.refused(
      'device_group_members_update',
      { group_id: group.id, add: [joining._id], remove: [joining._id] },
      /in both 'add' and 'remove'/,
    );
    const out = await t.previewThenApply({
      name: 'device_group_members_update',
      args,
      names: [group.name, joining.hostname, leaving.hostname],
    });
    expect(out.results).toEqual([
      { id: joining._id, op: 'add', result: 'added' },
      { id: leaving._id, op: 'remove', result: 'removed' },
    ]);
    const now = await t.membersOf('device_group_membership', group.id);
    expect(now).toContain(joining._id);
    expect(now).not.toContain(leaving._id);
    expect(associationEvents(t, group.id)).toHaveLength(2);
  },
  device_groups_list: async (t) => {
    const out = (await t.get('device_groups_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(t.org.systemGroups));
  },
  user_memberof_list: async (t) => {
    const { org } = t;
    const user = org.users.find((u) => u.state === 'ACTIVATED')!;
    const out = (await t.get('user_memberof_list', { user_id: user._id })) as Listed<{
      name: string;
    }>;
    const want = org.userGroups.filter((g) =>
      (org.groupMembers.get(g.id) ?? []).includes(user._id),
    );
    expect(out.results.map((g) => g.name).sort()).toEqual(want.map((g) => g.name).sort());
  },
  user_group_membership: async (t) => {
    const { org } = t;
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 0)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const collected: string[] = [];
    for (let skip = 0; skip < members.length; skip += 100) {
      const page = (await t.get('user_group_membership', {
        group_id: group.id,
        limit: 100,
        skip,
      })) as Listed<{ id: string }>;
      collected.push(...ids(page.results));
    }
    expect(collected.sort()).toEqual([...members].sort());
  },
  user_group_members_update: async (t) => {
    const { org, guarded } = t;
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 1)!;
    const members = org.groupMembers.get(group.id) ?? [];
    const leaving = t.pickUser((u) => members.includes(u._id));
    const staying = t.pickUser((u) => members.includes(u._id));
    const joining = [1, 2].map(() => t.pickUser((u) => !members.includes(u._id)));
    const name = 'user_group_members_update';
    const eleven = Array.from({ length: 11 }, (_, i) => `0123456789abcdef012345${10 + i}`);
    await t.refused(name, { group_id: group.id, add: eleven }, /at most 10 are allowed/);
    await t.refused(
      name,
      { group_id: group.id, add: [joining[0]!._id], remove: [joining[0]!._id] },
      /in both 'add' and 'remove'/,
    );
    await t.refused(
      name,
      { group_id: group.id, add: [joining[0]!._id, guarded._id] },
      new RegExp(`"${guarded.username}" \\(id ${guarded._id}\\) is protected`),
    );
    expect(await t.membersOf('user_group_membership', group.id)).toEqual([...members].sort());

    const args = {
      group_id: group.id,
      add: [...joining.map((u) => u._id), staying._id],
      remove: [leaving._id],
    };
    const out = await t.previewThenApply({
      name,
      args,
      names: [group.name, ...joining.map((u) => u.username), staying.username, leaving.username],
    });
    expect(out.summary).toMatchObject({ added: 2, removed: 1, already_member: 1, failed: 0 });
    expect(out.results).toEqual([
      ...joining.map((u) => ({ id: u._id, op: 'add', result: 'added' })),
      { id: staying._id, op: 'add', result: 'already_member' },
      { id: leaving._id, op: 'remove', result: 'removed' },
    ]);
    const now = await t.membersOf('user_group_membership', group.id);
    for (const u of [...joining, staying]) expect(now).toContain(u._id);
    expect(now).not.toContain(leaving._id);
    // One event per change: the member already there changed nothing.
    expect(associationEvents(t, group.id)).toHaveLength(3);
  },
  user_groups_list: async (t) => {
    const out = (await t.get('user_groups_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(t.org.userGroups));
  },
};
