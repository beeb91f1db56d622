/** End-to-end cases of the access changes: who can use an application, who can sign in to a device. */
import { expect } from 'vitest';
import type { ToolCases, ToolSuite } from './suite.js';

type Outcome = { kind: string; id: string; status: string; said: string };
type AccessResult = { summary: string; outcomes: Outcome[] };

const apply = async (t: ToolSuite, call: Parameters<ToolSuite['previewThenApply']>[0]) =>
  (await t.previewThenApply(call)) as unknown as AccessResult;

const associationPosts = (t: ToolSuite) =>
  t.e2e.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/associations'));

export const ACCESS_CASES: ToolCases = {
  application_access_update: async (t) => {
    const { org, guarded } = t;
    const app = org.applications.find((a) => (org.applicationUsers.get(a._id) ?? []).length > 0)!;
    const direct = org.applicationUsers.get(app._id)!;
    const joining = t.pickUser((u) => !direct.includes(u._id));
    const leaving = t.pickUser((u) => direct.includes(u._id));
    const group = org.userGroups.find((g) => !org.applicationGroups.get(app._id)!.includes(g.id))!;
    const name = 'application_access_update';
    await t.refused(
      name,
      { application_id: app._id, add_users: [joining._id, guarded._id] },
      new RegExp(`"${guarded.username}" \\(id ${guarded._id}\\) is protected`),
    );
    t.e2e.sandbox.clearRequests();
    const out = await apply(t, {
      name,
      args: {
        application_id: app._id,
        add_user_groups: [group.id],
        add_users: [joining._id],
        remove_users: [leaving._id],
      },
      names: [app.displayLabel, group.name, joining.username, leaving.username],
    });
    expect(out.outcomes.map((o) => [o.id, o.status])).toEqual([
      [group.id, 'added'],
      [joining._id, 'added'],
      [leaving._id, 'removed'],
    ]);
    expect(associationPosts(t)).toHaveLength(3);
    expect(org.applicationGroups.get(app._id)).toContain(group.id);
    expect(org.applicationUsers.get(app._id)).toContain(joining._id);
    expect(org.applicationUsers.get(app._id)).not.toContain(leaving._id);
  },
  device_access_update: async (t) => {
    const { org } = t;
    const device = t.pickDevice((s) => (org.systemUsers.get(s._id) ?? []).length > 0);
    const bound = org.systemUsers.get(device._id)!;
    const leaving = org.users.find((u) => u._id === bound[0])!;
    const joining = t.pickUser((u) => !bound.includes(u._id));
    t.e2e.sandbox.clearRequests();
    const out = await apply(t, {
      name: 'device_access_update',
      args: { device_id: device._id, add_users: [joining._id], remove_users: [leaving._id] },
      names: [device.hostname, joining.username, leaving.username],
    });
    expect(out.outcomes.map((o) => [o.id, o.status])).toEqual([
      [joining._id, 'added'],
      [leaving._id, 'removed'],
    ]);
    expect(out.outcomes[0]!.said).toBe(
      `User ${joining.username} can now sign in to ${device.hostname} directly.`,
    );
    expect(associationPosts(t)).toHaveLength(2);
    expect(org.systemUsers.get(device._id)).toContain(joining._id);
    expect(org.systemUsers.get(device._id)).not.toContain(leaving._id);
  },
};
