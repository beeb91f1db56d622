/** Actions change state and leave a Directory Insights event naming the initiator and the user agent. */
import { describe, expect, it } from 'vitest';
import type { DiEvent, OrgData, Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { call, useResetSandbox } from './sandbox-client.js';

let sandbox: Sandbox;
let org: OrgData;
const UA = 'jumpcloudmcp-cursor-bot/0.1.0';

useResetSandbox((started, first) => {
  sandbox = started;
  org = first;
});

const pickUser = (pick: (u: SystemUser) => boolean) => org.users.find(pick)!;
const getUser = async (id: string) =>
  (await call<SystemUser>(sandbox, `/api/systemusers/${id}`)).json;

async function eventsFor(resourceId: string): Promise<DiEvent[]> {
  const res = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
    body: {
      service: ['all'],
      start_time: new Date(Date.now() - 3_600_000).toISOString(),
      search_term: { or: [{ 'resource.id': resourceId }, { 'system.id': resourceId }] },
    },
  });
  return res.json;
}

function expectAudited(event: DiEvent | undefined, eventType: string): void {
  expect(event?.event_type).toBe(eventType);
  const admin = org.admins[0]!;
  expect(event?.initiated_by).toEqual({ id: admin._id, type: 'admin', email: admin.email });
  expect((event?.useragent as { name: string }).name).toBe('jumpcloudmcp-cursor-bot');
  expect((event?.useragent as { major: string }).major).toBe('0');
  expect(event?.auth_method).toBe('api-key');
}

const post = (path: string, body?: unknown) =>
  call(sandbox, path, {
    method: 'POST',
    headers: { 'user-agent': UA },
    ...(body !== undefined ? { body } : {}),
  });

describe('user actions', () => {
  it('suspend, then activate', async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED');
    expect((await post(`/api/systemusers/${user._id}/state/suspend`)).status).toBe(200);
    expect(await getUser(user._id)).toMatchObject({ state: 'SUSPENDED', suspended: true });
    expect(
      (await post(`/api/systemusers/${user._id}/state/activate`, { email: false })).status,
    ).toBe(200);
    expect(await getUser(user._id)).toMatchObject({ state: 'ACTIVATED', suspended: false });
    const events = await eventsFor(user._id);
    expectAudited(events[0], 'user_suspended');
    expectAudited(events[1], 'user_unsuspended');
  });

  it('unlock clears the lockout', async () => {
    const user = pickUser((u) => u.account_locked);
    await post(`/api/systemusers/${user._id}/unlock`);
    expect(await getUser(user._id)).toMatchObject({
      account_locked: false,
      account_locked_date: null,
    });
    expectAudited((await eventsFor(user._id))[0], 'user_unlocked');
  });

  it('resetmfa clears TOTP enrolment and applies an exclusion window', async () => {
    const user = pickUser((u) => u.totp_enabled);
    await post(`/api/systemusers/${user._id}/resetmfa`, { exclusion: true, exclusionDays: 3 });
    const after = await getUser(user._id);
    expect(after).toMatchObject({
      totp_enabled: false,
      mfa: { configured: false, exclusion: true, exclusionDays: 3 },
    });
    expect(after.mfaEnrollment.totpStatus).toBe('NOT_ENROLLED');
    expectAudited((await eventsFor(user._id))[0], 'user_update');
  });

  it('mfa/enforce turns the MFA requirement on and off', async () => {
    const user = pickUser((u) => !u.enable_user_portal_multifactor && u.state === 'ACTIVATED');
    await post(`/api/systemusers/${user._id}/mfa/enforce`, {
      enable_user_portal_multifactor: true,
      mfa: { exclusion: true, exclusionUntil: '2030-01-01T00:00:00Z' },
    });
    expect(await getUser(user._id)).toMatchObject({
      enable_user_portal_multifactor: true,
      mfa: { exclusion: true, exclusionUntil: '2030-01-01T00:00:00.000Z' },
    });
    await post(`/api/systemusers/${user._id}/mfa/enforce`, {
      enable_user_portal_multifactor: false,
      mfa: { exclusion: false },
    });
    expect(await getUser(user._id)).toMatchObject({
      enable_user_portal_multifactor: false,
      mfa: { exclusion: false },
    });
    const bad = await post(`/api/systemusers/${user._id}/mfa/enforce`, {
      enable_user_portal_multifactor: 'yes',
    });
    expect(bad.status).toBe(400);
  });

  it('expire marks the password expired', async () => {
    const user = pickUser((u) => !u.password_expired && u.state === 'ACTIVATED');
    await post(`/api/systemusers/${user._id}/expire`);
    expect((await getUser(user._id)).password_expired).toBe(true);
  });

  it('reactivate sends an activation email to a pending user, a reset email to an active one, refuses a suspended one', async () => {
    const staged = pickUser((u) => u.state === 'STAGED');
    const active = pickUser((u) => u.state === 'ACTIVATED');
    const suspended = pickUser((u) => u.state === 'SUSPENDED');
    await post(`/api/systemusers/${staged._id}/reactivate`, {});
    await post(`/api/systemusers/${active._id}/reactivate`, {});
    expectAudited((await eventsFor(staged._id))[0], 'user_activation_email');
    expectAudited((await eventsFor(active._id))[0], 'user_password_reset_request');
    expect((await post(`/api/systemusers/${suspended._id}/reactivate`, {})).status).toBe(409);
  });

  it('400 for a malformed id, 404 for an unknown one', async () => {
    expect((await post('/api/systemusers/not-an-id/state/suspend')).status).toBe(400);
    expect((await post('/api/systemusers/0123456789abcdef01234567/state/suspend')).status).toBe(
      404,
    );
  });
});

describe('device actions', () => {
  it('V1 built-in lock on Windows queues a command result and an event', async () => {
    const device = org.systems.find((s) => s.osFamily === 'windows')!;
    const before = org.commandResults.length;
    const res = await post(`/api/systems/${device._id}/command/builtin/lock`, {});
    expect(res.status).toBe(201);
    const results = await call<{
      results: { systemId: string; responseTime: string | null }[];
      totalCount: number;
    }>(sandbox, `/api/commandresults?limit=100&sort=-requestTime`);
    expect(results.json.totalCount).toBe(before + 1);
    expect(results.json.results[0]).toMatchObject({ systemId: device._id, responseTime: null });
    expectAudited((await eventsFor(device._id))[0], 'command_run');
  });

  it('V1 built-ins refuse macOS and commands the OS lacks', async () => {
    const mac = org.systems.find((s) => s.osFamily === 'darwin')!;
    const linux = org.systems.find((s) => s.osFamily === 'linux')!;
    const refused = await call<{ message: string }>(
      sandbox,
      `/api/systems/${mac._id}/command/builtin/lock`,
      { method: 'POST', body: {} },
    );
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain('Apple MDM');
    expect((await post(`/api/systems/${linux._id}/command/builtin/erase`, {})).status).toBe(400);
    expect((await post(`/api/systems/${linux._id}/command/builtin/selfdestruct`, {})).status).toBe(
      404,
    );
  });

  it('Apple MDM erase on a Mac answers 204, queues a result and an mdm event', async () => {
    const mdm = org.appleMdms[0]!;
    const device = org.appleMdmDevices.get(mdm.id)![0]!;
    const system = org.systems.find(
      (s) =>
        (s.mdm as { internal?: { deviceId: string } } | undefined)?.internal?.deviceId ===
        device.id,
    )!;
    const res = await post(`/api/v2/applemdms/${mdm.id}/devices/${device.id}/erase`, {
      pin: '123456',
    });
    expect(res.status).toBe(204);
    expect(org.commandResults.at(-1)).toMatchObject({
      systemId: system._id,
      command: 'EraseDevice',
    });
    const event = (await eventsFor(system._id))[0];
    expectAudited(event, 'mdm_command_result');
    expect(event?.service).toBe('mdm');
    expect(
      (await post(`/api/v2/applemdms/${mdm.id}/devices/${device.id}/lock`, { pin: '12' })).status,
    ).toBe(400);
  });

  it('PUT /api/systems/{id} updates allowed fields, rejects others', async () => {
    const device = org.systems[5]!;
    const res = await call<{ displayName: string }>(sandbox, `/api/systems/${device._id}`, {
      method: 'PUT',
      body: { displayName: 'Lab kiosk', allowSshRootLogin: false },
    });
    expect(res.json.displayName).toBe('Lab kiosk');
    expect(
      (await call<{ displayName: string }>(sandbox, `/api/systems/${device._id}`)).json.displayName,
    ).toBe('Lab kiosk');
    const bad = await call<{ message: string }>(sandbox, `/api/systems/${device._id}`, {
      method: 'PUT',
      body: { hostname: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('updatable fields');
  });
});

describe('reset', () => {
  it('restores the seeded state', async () => {
    const user = pickUser((u) => u.state === 'ACTIVATED');
    await post(`/api/systemusers/${user._id}/state/suspend`);
    sandbox.reset();
    expect((await getUser(user._id)).state).toBe('ACTIVATED');
  });
});
