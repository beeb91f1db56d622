/**
 * Bulk user and device actions end to end: a real MCP client, the real server, the sandbox's
 * request log as the witness of what reached JumpCloud and the audit log as the record. One
 * confirmation covers a set; a set goes in one bulk request or one request per object, never more.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { AuditRecord } from '../../src/safety/index.js';
import type { OrgData, System, SystemUser } from '../../src/sandbox/index.js';
import { data, mutations, startE2e, text, tokenIn, withToken } from './harness.js';
import type { E2e } from './harness.js';

interface Outcome {
  kind: string;
  id: string;
  name?: string;
  status: string;
  reason?: string;
}
type BulkResult = { outcomes: Outcome[] } & Record<string, unknown>;

const orgOf = (e2e: E2e) => e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
const supports = (command: string) => (s: System) =>
  (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === command) === true;

/** Hands out sandbox objects no earlier test used. */
function picker(org: () => OrgData, exclude: () => string[]) {
  const used = new Set<string>();
  const take = <T extends { _id: string }>(list: T[], test: (item: T) => boolean, n: number) => {
    const found = list.filter((x) => !used.has(x._id) && !exclude().includes(x._id) && test(x));
    if (found.length < n)
      throw new Error(`the sandbox has fewer than ${n} unused matching objects`);
    const picked = found.slice(0, n);
    for (const x of picked) used.add(x._id);
    return picked;
  };
  return {
    users: (n: number, test: (u: SystemUser) => boolean = active) => take(org().users, test, n),
    device: (test: (s: System) => boolean) => take(org().systems, test, 1)[0] as System,
  };
}
const active = (u: SystemUser) => u.state === 'ACTIVATED' && !u.suspended;
const idsOf = (items: { _id: string }[]) => items.map((x) => x._id);

describe('bulk actions in stateless mode', () => {
  let e2e: E2e;
  let client: Client;
  let guarded: SystemUser;
  let pick: ReturnType<typeof picker>;
  let auditSeen = 0;

  /** Audit records written since the last call. */
  async function newAudit(): Promise<AuditRecord[]> {
    const all = await e2e.audit();
    const fresh = all.slice(auditSeen);
    auditSeen = all.length;
    return fresh;
  }

  beforeAll(async () => {
    e2e = await startE2e({
      argv: (sandbox) => {
        const users = (sandbox.org(sandbox.orgIds[0] as string) as OrgData).users;
        guarded = users.find(active) as SystemUser;
        return ['--protected-users', guarded.username];
      },
    });
    client = await e2e.connect({ client: 'cursor' });
    pick = picker(
      () => orgOf(e2e),
      () => [guarded._id],
    );
  });
  afterAll(() => e2e?.close());
  beforeEach(async () => {
    e2e.sandbox.clearRequests();
    e2e.sandbox.faults.clear();
    await newAudit();
  });

  it('suspends 5 users by ids in one confirmed call: one bulk request, one audit record each', async () => {
    const users = pick.users(5);
    const ids = idsOf(users);
    const preview = await e2e.call(client, 'user_suspend', { ids });
    expect(text(preview)).toMatch(/Action: Suspend 5 users\./);
    expect(text(preview)).toMatch(/Objects \(5 users\):/);
    for (const user of users) expect(text(preview)).toContain(`"${user.username}"`);
    expect(mutations(e2e.sandbox)).toEqual([]);

    const out = await e2e.ok(client, 'user_suspend', withToken({ ids }, preview));
    const writes = mutations(e2e.sandbox);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      method: 'POST',
      path: '/api/v2/bulk/userstates',
      body: { user_ids: ids, state: 'SUSPENDED' },
      status: 201,
    });
    const result = data<BulkResult>(out);
    expect(result.done).toBe(5);
    expect(result.outcomes).toEqual(
      users.map((u) => ({ kind: 'user', id: u._id, name: u.username, status: 'done' })),
    );
    // JumpCloud runs a change scheduled for now at once: the users read back suspended.
    for (const id of ids) {
      expect(data(await e2e.ok(client, 'user_get', { id }))).toMatchObject({
        state: 'SUSPENDED',
      });
    }
    const executed = (await newAudit()).filter((r) => r.outcome === 'executed');
    expect(executed.map((r) => r.target?.id).sort()).toEqual([...ids].sort());
    expect(new Set(executed.map((r) => r.targetCount))).toEqual(new Set([5]));
  });

  it('suspends every member of a user group by group_id, as previewed: a member added later is not acted on', async () => {
    const org = orgOf(e2e);
    const group = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length === 0)!;
    const members = pick.users(4);
    const late = pick.users(1)[0] as SystemUser;
    org.groupMembers.set(group.id, idsOf(members));

    const preview = await e2e.call(client, 'user_suspend', { group_id: group.id });
    expect(text(preview)).toMatch(/Every member of user group/);
    expect(preview.structuredContent?.targets).toEqual(
      members.map((u) => expect.objectContaining({ kind: 'user', id: u._id, name: u.username })),
    );
    expect(mutations(e2e.sandbox)).toEqual([]);

    org.groupMembers.get(group.id)!.push(late._id);
    const out = await e2e.ok(client, 'user_suspend', withToken({ group_id: group.id }, preview));
    const writes = mutations(e2e.sandbox);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      path: '/api/v2/bulk/userstates',
      body: { user_ids: idsOf(members), state: 'SUSPENDED' },
    });
    expect(data<BulkResult>(out).outcomes.map((o) => o.id)).toEqual(idsOf(members));
    expect(data(await e2e.ok(client, 'user_get', { id: late._id }))).toMatchObject({
      state: 'ACTIVATED',
    });
  });

  it('sends one request per user where JumpCloud has no bulk endpoint (user_resetmfa), never more', async () => {
    const ids = idsOf(pick.users(3));
    await e2e.confirmed(client, 'user_resetmfa', { ids });
    expect(
      mutations(e2e.sandbox)
        .map((r) => r.path)
        .sort(),
    ).toEqual(ids.map((id) => `/api/systemusers/${id}/resetmfa`).sort());
  });

  it('unlocks and expires passwords through the bulk jobs, with per-user job results', async () => {
    const locked = idsOf(pick.users(2, (u) => u.account_locked === true));
    const unlock = data<BulkResult>(await e2e.confirmed(client, 'user_unlock', { ids: locked }));
    expect(unlock.outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    const expire = idsOf(pick.users(2));
    const out = data<BulkResult>(
      await e2e.confirmed(client, 'user_force_password_reset', { ids: expire }),
    );
    expect(out.outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    expect(mutations(e2e.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/bulk/user/unlocks',
      'POST /api/v2/bulk/user/expires',
    ]);
    for (const id of locked)
      expect(orgOf(e2e).users.find((u) => u._id === id)?.account_locked).toBe(false);
    for (const id of expire)
      expect(orgOf(e2e).users.find((u) => u._id === id)?.password_expired).toBe(true);
  });

  it('restarts a Mac and a Windows device in one call, each by its own route', async () => {
    const mac = pick.device((s) => s.osFamily === 'darwin' && s.mdm !== undefined);
    const windows = pick.device((s) => s.osFamily === 'windows' && supports('restart')(s));
    const out = await e2e.confirmed(client, 'device_restart', { ids: [mac._id, windows._id] });
    expect(data<BulkResult>(out).outcomes.map((o) => [o.id, o.status])).toEqual([
      [mac._id, 'done'],
      [windows._id, 'done'],
    ]);
    const paths = mutations(e2e.sandbox).map((r) => r.path);
    expect(paths).toHaveLength(2);
    expect(paths).toContain(`/api/systems/${windows._id}/command/builtin/restart`);
    expect(paths).toContainEqual(
      expect.stringMatching(/^\/api\/v2\/applemdms\/\w+\/devices\/\w+\/restart$/),
    );
  });

  it('refuses a Mac lock without its PIN at preview, before any token; with it, only the Mac gets the PIN', async () => {
    const mac = pick.device((s) => s.osFamily === 'darwin' && s.mdm !== undefined);
    const windows = pick.device((s) => s.osFamily === 'windows' && supports('lock')(s));
    const ids = [windows._id, mac._id];
    const refused = await e2e.call(client, 'device_lock', { ids });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/is a Mac: macOS needs a 6-digit PIN to lock it/);
    expect(text(refused)).not.toMatch(/confirmation_token/);
    expect(mutations(e2e.sandbox)).toEqual([]);
    expect((await newAudit()).map((r) => r.outcome)).toEqual(['refused', 'refused']);

    await e2e.confirmed(client, 'device_lock', { ids, pin: '482913' });
    const writes = mutations(e2e.sandbox);
    expect(writes).toHaveLength(2);
    const toMac = writes.find((r) => r.path.startsWith('/api/v2/applemdms/'));
    expect(toMac?.body).toEqual({ pin: '482913' });
    const toWindows = writes.find(
      (r) => r.path === `/api/systems/${windows._id}/command/builtin/lock`,
    );
    expect(toWindows?.body ?? {}).not.toHaveProperty('pin');
  });

  it('reports a failure on the third user beside the ones that succeeded, and never retries it', async () => {
    const ids = idsOf(pick.users(5));
    e2e.sandbox.faults.set({
      method: 'POST',
      path: `/api/systemusers/${ids[2]}/resetmfa`,
      status: 503,
    });
    const out = await e2e.confirmed(client, 'user_resetmfa', { ids });
    const result = data<BulkResult>(out);
    expect(result).toMatchObject({ done: 4, failed: 1 });
    expect(result.outcomes.map((o) => o.status)).toEqual([
      'done',
      'done',
      'failed',
      'done',
      'done',
    ]);
    expect(result.outcomes[2]?.reason).toMatch(/\S/);
    // One request per user, the failed one included once.
    expect(
      mutations(e2e.sandbox)
        .map((r) => r.path)
        .sort(),
    ).toEqual(ids.map((id) => `/api/systemusers/${id}/resetmfa`).sort());
    const audit = (await newAudit()).filter((r) => r.outcome !== 'previewed');
    expect(audit.find((r) => r.target?.id === ids[2])).toMatchObject({
      outcome: 'failed',
      status: 'failed',
    });
    expect(audit.filter((r) => r.outcome === 'executed')).toHaveLength(4);
  });

  it('reports every user failed when the bulk request fails, and sends it once', async () => {
    const ids = idsOf(pick.users(3));
    e2e.sandbox.faults.set({ method: 'POST', path: '/api/v2/bulk/userstates', status: 503 });
    const result = data<BulkResult>(await e2e.confirmed(client, 'user_reactivate', { ids }));
    expect(result).toMatchObject({ failed: 3 });
    expect(result.outcomes.every((o) => o.status === 'failed' && /\S/.test(o.reason ?? ''))).toBe(
      true,
    );
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual(['/api/v2/bulk/userstates']);
    const audit = (await newAudit()).filter((r) => r.outcome !== 'previewed');
    expect(audit.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('previews a set for a write tool that runs one object at once (reactivate, emails)', async () => {
    const org = orgOf(e2e);
    const [one, ...set] = idsOf(pick.users(5));
    const group = org.userGroups.at(-1)!;
    const members = org.groupMembers.get(group.id);
    org.groupMembers.set(group.id, set.slice(2));
    onTestFinished(() => void org.groupMembers.set(group.id, members ?? []));
    const single = await e2e.call(client, 'user_unlock', { id: one });
    expect(single.structuredContent?.status).not.toBe('confirmation_required');
    const before = mutations(e2e.sandbox).length;
    for (const args of [{ ids: set.slice(0, 2) }, { group_id: group.id }]) {
      const preview = await e2e.call(client, 'user_reactivate', args);
      expect(preview.isError, text(preview)).toBeFalsy();
      expect(preview.structuredContent).toMatchObject({ status: 'confirmation_required' });
    }
    expect(mutations(e2e.sandbox)).toHaveLength(before);
  });

  it('refuses more objects than the cap, by ids or by group, sending nothing', async () => {
    const ids = idsOf(pick.users(11));
    const tooMany = await e2e.call(client, 'user_suspend', { ids });
    expect(tooMany.isError).toBe(true);
    expect(text(tooMany)).toMatch(/acts on 11 objects; at most 10 are allowed per call/);
    const org = orgOf(e2e);
    const big = org.userGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length > 10)!;
    const group = await e2e.call(client, 'user_suspend', { group_id: big.id });
    expect(group.isError).toBe(true);
    expect(text(group)).toMatch(/has more than 10 users; at most 10 objects are allowed per call/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });

  it('refuses a set with a protected user at preview, sending nothing', async () => {
    const ids = [...idsOf(pick.users(2)), guarded._id];
    const out = await e2e.call(client, 'user_suspend', { ids });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/protected by this server's configuration/);
    expect(text(out)).not.toMatch(/confirmation_token/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });

  it('refuses a token replayed for a different set, sending nothing', async () => {
    const users = idsOf(pick.users(4));
    const preview = await e2e.call(client, 'user_suspend', { ids: users.slice(0, 3) });
    const replayed = await e2e.call(client, 'user_suspend', {
      ids: users,
      confirmation_token: tokenIn(preview),
    });
    expect(replayed.isError).toBe(true);
    expect(text(replayed)).toMatch(/does not match this call/);
    // Nor does a group's token confirm another group.
    const org = orgOf(e2e);
    const [g1, g2] = org.userGroups.filter((g) => g.name !== 'Offboarding (empty)').slice(0, 2);
    org.groupMembers.set(g1!.id, users.slice(0, 2));
    org.groupMembers.set(g2!.id, users.slice(2, 4));
    const tokenForG1 = await e2e.call(client, 'user_resetmfa', { group_id: g1!.id });
    const other = await e2e.call(client, 'user_resetmfa', {
      group_id: g2!.id,
      confirmation_token: tokenIn(tokenForG1),
    });
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/different arguments/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });

  it('asks for exactly one of id, ids and group_id, with a clear error', async () => {
    const [user] = idsOf(pick.users(1));
    for (const args of [{}, { id: user, ids: [user] }, { ids: [] }, { ids: [user, user] }]) {
      const out = await e2e.call(client, 'user_unlock', args);
      expect(out.isError, JSON.stringify(args)).toBe(true);
      expect(text(out)).toMatch(
        /exactly one of 'id' \(one user\), 'ids'|'ids' is empty|listed twice/,
      );
    }
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('restarts every device of a device group, and refuses an empty group', async () => {
    const org = orgOf(e2e);
    const empty = org.systemGroups.find((g) => (org.groupMembers.get(g.id) ?? []).length === 0)!;
    const none = await e2e.call(client, 'device_restart', { group_id: empty.id });
    expect(none.isError).toBe(true);
    expect(text(none)).toMatch(/device group .* has no members, so there is nothing to do/);
    const devices = [
      pick.device((s) => s.osFamily === 'windows' && supports('restart')(s)),
      pick.device((s) => s.osFamily === 'linux' && supports('restart')(s)),
    ];
    org.groupMembers.set(empty.id, idsOf(devices));
    const out = await e2e.confirmed(client, 'device_restart', { group_id: empty.id });
    expect(data<BulkResult>(out)).toMatchObject({ done: 2 });
    expect(
      mutations(e2e.sandbox)
        .map((r) => r.path)
        .sort(),
    ).toEqual(devices.map((d) => `/api/systems/${d._id}/command/builtin/restart`).sort());
  });

  it('keeps one request for one id, as before', async () => {
    const [id] = idsOf(pick.users(1));
    await e2e.confirmed(client, 'user_suspend', { id });
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([
      `/api/systemusers/${id}/state/suspend`,
    ]);
  });

  it('sends progress notifications when the client asks for them', async () => {
    const ids = idsOf(pick.users(3));
    const preview = await e2e.call(client, 'user_resetmfa', { ids });
    const seen: Progress[] = [];
    const out = (await client.callTool(
      { name: 'user_resetmfa', arguments: withToken({ ids }, preview) },
      undefined,
      { onprogress: (p) => seen.push(p) },
    )) as CallToolResult;
    expect(out.isError).toBeFalsy();
    expect(data<BulkResult>(out).done).toBe(3);
    expect(seen.map((p) => p.progress)).toEqual([1, 2, 3]);
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([3]));
  });
});

describe('a bulk call confirmed by the person (stateful session, elicitation)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ argv: () => ['--stateful'] });
  });
  afterAll(() => e2e?.close());

  it('asks once, naming every user, then sends one bulk request', async () => {
    const asked: string[] = [];
    const client = await e2e.connect({
      client: 'cursor',
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const users = orgOf(e2e).users.filter(active).slice(0, 3);
    e2e.sandbox.clearRequests();
    const out = await e2e.ok(client, 'user_suspend', { ids: idsOf(users) });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^Suspend 3 users\?/);
    for (const u of users) expect(asked[0]).toContain(`"${u.username}"`);
    expect(data<BulkResult>(out).done).toBe(3);
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual(['/api/v2/bulk/userstates']);
  });
});

describe('cancelling a bulk call (stateful session)', () => {
  let e2e: E2e;
  let client: Client;

  beforeAll(async () => {
    e2e = await startE2e({ argv: () => ['--stateful'] });
    client = await e2e.connect({ client: 'cursor' });
  });
  afterAll(() => e2e?.close());

  it('stops sending after the cancellation and reports the rest not_sent', async () => {
    const users = orgOf(e2e).users.filter(active).slice(0, 8);
    const ids = idsOf(users);
    const preview = await e2e.call(client, 'user_resetmfa', { ids });
    e2e.sandbox.clearRequests();
    // Every user after the first answers slowly, so the call is midway when it is cancelled.
    for (const id of ids.slice(1)) {
      e2e.sandbox.faults.set({
        method: 'POST',
        path: `/api/systemusers/${id}/resetmfa`,
        latencyMs: 5000,
      });
    }
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'user_resetmfa', arguments: withToken({ ids }, preview) },
      undefined,
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(call).rejects.toThrow();
    const records = await vi.waitFor(
      async () => {
        const executed = (await e2e.audit()).filter(
          (r) => r.tool === 'user_resetmfa' && r.outcome !== 'previewed',
        );
        expect(executed).toHaveLength(8);
        return executed;
      },
      { timeout: 20_000, interval: 100 },
    );
    const byId = new Map(records.map((r) => [r.target?.id, r]));
    expect(byId.get(ids[0])).toMatchObject({ outcome: 'executed' });
    const notSent = ids.filter((id) => byId.get(id)?.outcome === 'not_sent');
    expect(notSent.length).toBeGreaterThan(0);
    // Nothing was sent for them, then or later (requests in flight are logged once answered).
    await vi.waitFor(() => expect(mutations(e2e.sandbox).length).toBe(8 - notSent.length), {
      timeout: 20_000,
    });
    const sent = mutations(e2e.sandbox).map((r) => r.path);
    for (const id of notSent) expect(sent).not.toContain(`/api/systemusers/${id}/resetmfa`);
    expect(sent.length).toBe(8 - notSent.length);
  });
});
