import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deviceErase,
  deviceLock,
  deviceRestart,
  deviceShutdown,
} from '../../src/handlers/device-action.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox, System } from '../../src/sandbox/index.js';
import { ToolError, UpstreamError } from '../../src/upstream/errors.js';
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

const deps = () => sandboxDeps(sandbox);
const device = (family: string): System => org.systems.find((s) => s.osFamily === family) as System;
const posts = () => sandbox.requests.filter((r) => r.method === 'POST');
const mdmDeviceIdOf = (system: System) =>
  (system.mdm as { internal: { deviceId: string } }).internal.deviceId;

describe('device actions against the sandbox', () => {
  it.each([
    ['lock', deviceLock],
    ['restart', deviceRestart],
    ['shutdown', deviceShutdown],
    ['erase', deviceErase],
  ] as const)('%s on Windows queues one V1 built-in command', async (action, run) => {
    const win = device('windows');
    const before = org.commandResults.length;
    const result = await run({ id: win._id }, deps());
    expect(result).toMatchObject({
      queued: true,
      action,
      device: { id: win._id, hostname: win.hostname },
      route: `v1 POST /systems/${win._id}/command/builtin/${action}`,
    });
    expect(posts().map((r) => r.path)).toEqual([
      `/api/systems/${win._id}/command/builtin/${action}`,
    ]);
    expect(org.commandResults.length).toBe(before + 1);
  });

  it('locks a Mac through its Apple MDM record, with the PIN', async () => {
    const mac = device('darwin');
    const mdmId = org.appleMdms[0]?.id as string;
    const result = await deviceLock({ id: mac._id, pin: '482913' }, deps());
    expect(result.route).toBe(`v2 POST /applemdms/${mdmId}/devices/${mdmDeviceIdOf(mac)}/lock`);
    expect(posts()).toMatchObject([
      {
        path: `/api/v2/applemdms/${mdmId}/devices/${mdmDeviceIdOf(mac)}/lock`,
        body: { pin: '482913' },
      },
    ]);
  });

  it('restarts and shuts down a Mac without a PIN', async () => {
    const mac = device('darwin');
    await deviceRestart({ id: mac._id }, deps());
    await deviceShutdown({ id: mac._id }, deps());
    expect(posts().map((r) => r.path.split('/').pop())).toEqual(['restart', 'shutdown']);
  });

  it('finds the Mac by serial number when it carries no MDM device id', async () => {
    const mac = device('darwin');
    const mdmDeviceId = mdmDeviceIdOf(mac);
    const mdmId = org.appleMdms[0]?.id as string;
    (mac.mdm as { internal: { deviceId?: string } }).internal = {};
    // The sandbox links MDM commands to systems by that id, so it answers 409 here; what matters
    // is which record the handler chose.
    await deviceRestart({ id: mac._id }, deps()).catch(() => undefined);
    const lookup = sandbox.requests.find((r) => r.method === 'GET' && r.path.endsWith('/devices'));
    expect(lookup?.query.filter).toBe(`serialNumber:eq:${mac.serialNumber}`);
    expect(posts().map((r) => r.path)).toEqual([
      `/api/v2/applemdms/${mdmId}/devices/${mdmDeviceId}/restart`,
    ]);
  });

  it.each([
    ['lock', deviceLock],
    ['erase', deviceErase],
  ] as const)('refuses to %s a Mac without a PIN, sending nothing', async (action, run) => {
    const mac = device('darwin');
    await expect(run({ id: mac._id }, deps())).rejects.toThrow(
      new RegExp(`6-digit PIN to ${action}.*Nothing was sent`),
    );
    expect(posts()).toEqual([]);
  });

  it('refuses a PIN for a Windows device, sending nothing', async () => {
    await expect(deviceLock({ id: device('windows')._id, pin: '123456' }, deps())).rejects.toThrow(
      /pin applies only/,
    );
    expect(posts()).toEqual([]);
  });

  it('refuses a Mac that is not enrolled in MDM, saying why and what to do', async () => {
    const mac = device('darwin');
    mac.mdm = { vendor: 'none' };
    const call = deviceShutdown({ id: mac._id }, deps());
    await expect(call).rejects.toThrow(ToolError);
    await expect(deviceShutdown({ id: mac._id }, deps())).rejects.toThrow(
      /not enrolled in MDM.*Enroll the device in JumpCloud MDM/,
    );
    expect(posts()).toEqual([]);
  });

  it('refuses a Mac whose MDM record is no longer enrolled', async () => {
    const mac = device('darwin');
    const record = [...org.appleMdmDevices.values()]
      .flat()
      .find((d) => d.id === mdmDeviceIdOf(mac));
    expect(record).toBeDefined();
    if (record) record.enrolled = false;
    await expect(deviceRestart({ id: mac._id }, deps())).rejects.toThrow(/no longer enrolled/);
    expect(posts()).toEqual([]);
  });

  it('refuses a built-in command the device does not support', async () => {
    await expect(deviceErase({ id: device('linux')._id }, deps())).rejects.toThrow(
      /does not support the built-in erase command/,
    );
    expect(posts()).toEqual([]);
  });

  it('says when no device has the id', async () => {
    const call = deviceLock({ id: '0123456789abcdef01234567' }, deps());
    await expect(call).rejects.toBeInstanceOf(UpstreamError);
    await expect(deviceLock({ id: '0123456789abcdef01234567' }, deps())).rejects.toThrow(
      /No device has id 0123456789abcdef01234567/,
    );
    expect(posts()).toEqual([]);
  });

  it('refuses a malformed id without calling JumpCloud', async () => {
    await expect(deviceLock({ id: '../users' }, deps())).rejects.toThrow(/is not a device id/);
    expect(sandbox.requests).toEqual([]);
  });

  it('never retries a failed command', async () => {
    const win = device('windows');
    sandbox.faults.set({
      method: 'POST',
      path: '/api/systems/*/command/builtin/restart',
      status: 503,
    });
    await expect(deviceRestart({ id: win._id }, deps())).rejects.toBeInstanceOf(UpstreamError);
    expect(posts()).toHaveLength(1);
  });
});
