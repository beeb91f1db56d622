/**
 * applicationAccessUpdate and deviceAccessUpdate against the sandbox: the current associations read
 * once, one POST per change and none for what is already so, JumpCloud's 409 and 404 read as
 * `already` and `absent`, a failure kept to its item, nothing sent after a cancellation, and a
 * sentence per item.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applicationAccessUpdate, deviceAccessUpdate } from '../../src/handlers/access-update.js';
import { graphOutcome } from '../../src/handlers/item-changes.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { ToolError } from '../../src/upstream/errors.js';
import { v2QueryString } from '../../src/upstream/request-helpers.js';
import { sandboxDeps } from './sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;

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

const requests = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);
const userName = (id: string) => org.users.find((u) => u._id === id)!.username;

function applicationFixture() {
  const app = org.applications[0]!;
  const users = org.applicationUsers.get(app._id)!;
  const groups = org.applicationGroups.get(app._id)!;
  const otherUsers = org.users.filter((u) => !users.includes(u._id)).map((u) => u._id);
  const otherGroups = org.userGroups.filter((g) => !groups.includes(g.id)).map((g) => g.id);
  return { app, users, groups, otherUsers, otherGroups };
}

describe('applicationAccessUpdate(args, deps)', () => {
  it('sends one POST per change, none for what is already so, and says what happened to each', async () => {
    const { app, users, groups, otherUsers, otherGroups } = applicationFixture();
    const args = {
      application_id: app._id,
      add_user_groups: [otherGroups[0]!],
      remove_user_groups: [groups[0]!],
      add_users: [otherUsers[0]!, users[0]!],
      remove_users: [users[1] ?? users[0]!, otherUsers[1]!].slice(users[1] ? 0 : 1),
    };
    sandbox.clearRequests();
    const out = await applicationAccessUpdate(args, sandboxDeps(sandbox));
    const posts = sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/associations'),
    );
    expect(posts.map((r) => r.body)).toEqual([
      { op: 'add', type: 'user_group', id: otherGroups[0] },
      { op: 'remove', type: 'user_group', id: groups[0] },
      { op: 'add', type: 'user', id: otherUsers[0] },
      ...(users[1] ? [{ op: 'remove', type: 'user', id: users[1] }] : []),
    ]);
    // The current associations in one read, whatever the number of items.
    expect(requests().filter((r) => r.startsWith('GET') && r.endsWith('/associations'))).toEqual([
      `GET /api/v2/applications/${app._id}/associations`,
    ]);
    expect(out.application).toBe(app.displayLabel);
    expect(out.outcomes.map((o) => [o.kind, o.id, o.status])).toEqual([
      ['user_group', otherGroups[0], 'added'],
      ['user_group', groups[0], 'removed'],
      ['user', otherUsers[0], 'added'],
      ['user', users[0], 'already'],
      ...(users[1] ? [['user', users[1], 'removed']] : []),
      ['user', otherUsers[1], 'absent'],
    ]);
    expect(out.outcomes[2]!.said).toBe(
      `User ${userName(otherUsers[0]!)} can now use ${app.displayLabel} directly.`,
    );
    expect(out.outcomes[3]!.said).toMatch(/could already use .* directly; nothing changed\./);
    expect(org.applicationUsers.get(app._id)).toContain(otherUsers[0]);
    expect(org.applicationGroups.get(app._id)).not.toContain(groups[0]);
  });

  it('keeps a failure to its item and never retries it', async () => {
    const { app, otherUsers } = applicationFixture();
    const [a, b, c] = otherUsers;
    sandbox.faults.set({
      method: 'POST',
      path: `/api/v2/applications/${app._id}/associations`,
      status: 503,
      times: 1,
    });
    const out = await applicationAccessUpdate(
      { application_id: app._id, add_users: [a!, b!, c!] },
      sandboxDeps(sandbox),
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['failed', 'added', 'added']);
    expect(out.outcomes[0]!.reason).toBeTruthy();
    expect(out.outcomes[0]!.said).toMatch(
      /^Granting user .+ direct access to .* failed: .* It was not retried\.$/,
    );
    expect(out.summary).toBe('added 2, failed 1');
    // Never retried: one POST per item.
    expect(
      sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/associations')),
    ).toHaveLength(3);
  });

  it('sends nothing once the call is cancelled; the items left are not_sent', async () => {
    const { app, otherUsers } = applicationFixture();
    const deps = sandboxDeps(sandbox);
    const controller = new AbortController();
    // Cancelled as the first change comes back, as a client's cancellation would.
    const post = deps.api.v2.POST.bind(deps.api.v2) as (...call: unknown[]) => Promise<unknown>;
    deps.api.v2.POST = (async (...call: unknown[]) => {
      const answer = await post(...call);
      controller.abort();
      return answer;
    }) as typeof deps.api.v2.POST;
    const out = await applicationAccessUpdate(
      { application_id: app._id, add_users: otherUsers.slice(0, 3) },
      { ...deps, signal: controller.signal },
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['added', 'not_sent', 'not_sent']);
    expect(out.outcomes[1]!.said).toMatch(/was not sent: the call was cancelled first\./);
    expect(
      sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/associations')),
    ).toHaveLength(1);
  });

  it('reads JumpCloud’s 409 and 404 as already and absent when the associations fill more than a page', async () => {
    const { app, users, otherUsers } = applicationFixture();
    // 150 more direct users: the one read sees the first 100 of them.
    users.push(...otherUsers.slice(0, 150));
    const deps = sandboxDeps(sandbox);
    const page = (await deps.api.v2.GET('/applications/{application_id}/associations', {
      params: { path: { application_id: app._id }, query: { targets: ['user'], limit: 100 } },
      querySerializer: v2QueryString,
    })) as { data?: { to: { id: string } }[] };
    const seen = new Set(page.data!.map((r) => r.to.id));
    const late = users.find((id) => !seen.has(id))!;
    const outsider = otherUsers[160]!;
    sandbox.clearRequests();
    const out = await applicationAccessUpdate(
      { application_id: app._id, add_users: [late], remove_users: [outsider] },
      deps,
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['already', 'absent']);
    expect(
      sandbox.requests
        .filter((r) => r.method === 'POST' && r.path.endsWith('/associations'))
        .map((r) => r.body),
    ).toEqual([
      { op: 'add', type: 'user', id: late },
      { op: 'remove', type: 'user', id: outsider },
    ]);
  });

  it('refuses a call that lists nothing, sending nothing', async () => {
    const { app } = applicationFixture();
    sandbox.clearRequests();
    await expect(
      applicationAccessUpdate({ application_id: app._id }, sandboxDeps(sandbox)),
    ).rejects.toThrow(ToolError);
    expect(sandbox.requests).toEqual([]);
  });
});

describe('graphOutcome(op, status): JumpCloud’s answer to one graph change', () => {
  it.each([
    ['add', 204, 'added'],
    ['remove', 204, 'removed'],
    ['add', 409, 'already'],
    ['remove', 404, 'absent'],
    ['add', 404, undefined],
    ['remove', 409, undefined],
    ['add', 503, undefined],
  ] as const)('%s answered %i: %s', (op, status, want) => {
    expect(graphOutcome(op, status)).toBe(want);
  });
});

describe('deviceAccessUpdate(args, deps)', () => {
  it('binds and unbinds users and groups through the system associations', async () => {
    const system = org.systems.find((s) => (org.systemUsers.get(s._id) ?? []).length > 0)!;
    const bound = org.systemUsers.get(system._id)!;
    const outsider = org.users.find((u) => !bound.includes(u._id))!;
    const group = org.userGroups.find(
      (g) => !(org.systemUserGroups.get(system._id) ?? []).includes(g.id),
    )!;
    const out = await deviceAccessUpdate(
      {
        device_id: system._id,
        add_users: [outsider._id],
        remove_users: [bound[0]!],
        add_user_groups: [group.id],
      },
      sandboxDeps(sandbox),
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['added', 'removed', 'added']);
    expect(out.device).toBe(system.hostname);
    expect(out.outcomes[0]!.said).toBe(
      `User ${outsider.username} can now sign in to ${system.hostname} directly.`,
    );
    expect(out.outcomes[2]!.said).toBe(
      `Members of group ${group.name} can now sign in to ${system.hostname}.`,
    );
    expect(org.systemUsers.get(system._id)).toContain(outsider._id);
    expect(org.systemUsers.get(system._id)).not.toContain(bound[0]);
    expect(org.systemUserGroups.get(system._id)).toContain(group.id);
  });
});
