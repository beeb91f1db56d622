/** End-to-end cases of the device tools: reads, the settings update and the built-in commands. */
import { expect } from 'vitest';
import type { System } from '../../../src/sandbox/index.js';
import { data, mutations } from '../harness.js';
import { linuxFor, windowsFor } from './suite.js';
import type { Listed, ToolCases, ToolSuite } from './suite.js';

/** The command results of one device, read through commandresults_list paged to its last item. */
async function commandResultsOf(t: ToolSuite, deviceId: string) {
  const first = (await t.get('commandresults_list', { limit: 1 })) as Listed<{ systemId: string }>;
  const total = first.totalCount as number;
  const all: Array<{ systemId: string; command: string }> = [];
  for (let skip = 0; skip < total; skip += 100) {
    const page = (await t.get('commandresults_list', { limit: 100, skip })) as Listed<{
      systemId: string;
      command: string;
    }>;
    all.push(...page.results);
  }
  expect(all).toHaveLength(total);
  return all.filter((r) => r.systemId === deviceId);
}

/** A confirmed built-in command: one POST upstream and one more command result for the device. */
async function deviceAction(t: ToolSuite, name: string, action: string, device: System) {
  const before = t.org.commandResults.filter((r) => r.systemId === device._id).length;
  const result = await t.destructive(name, { id: device._id });
  expect(data(result)).toMatchObject({ queued: true, action, device: { id: device._id } });
  expect(mutations(t.e2e.sandbox).map((r) => `${r.method} ${r.path}`)).toContain(
    `POST /api/systems/${device._id}/command/builtin/${action}`,
  );
  const results = await commandResultsOf(t, device._id);
  expect(results).toHaveLength(before + 1);
  expect(results.at(-1)?.command).toBe(`builtin:${action}`);
}

export const DEVICE_CASES: ToolCases = {
  device_erase: async (t) =>
    deviceAction(t, 'device_erase', 'erase', t.pickDevice(windowsFor('erase'))),
  device_get: async (t) => {
    const device = t.org.systems[0]!;
    expect(await t.get('device_get', { id: device._id })).toMatchObject({
      _id: device._id,
      hostname: device.hostname,
      os: device.os,
      osFamily: device.osFamily,
    });
  },
  device_lock: async (t) => {
    const device = t.pickDevice(linuxFor('lock'));
    await deviceAction(t, 'device_lock', 'lock', device);
    const events = (await t.get('di_events_get', {
      service: ['all'],
      start_time: '1h',
      limit: 1000,
    })) as { events: Array<Record<string, unknown>> };
    const mine = events.events.filter(
      (ev) =>
        ev.event_type === 'command_run' &&
        (ev.system as { id?: string } | undefined)?.id === device._id &&
        (ev.command as { name?: string } | undefined)?.name === 'lock',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ useragent: { name: 'jumpcloudmcp-cursor-bot' } });
  },
  device_restart: async (t) =>
    deviceAction(t, 'device_restart', 'restart', t.pickDevice(linuxFor('restart'))),
  device_shutdown: async (t) =>
    deviceAction(t, 'device_shutdown', 'shutdown', t.pickDevice(windowsFor('shutdown'))),
  device_update: async (t) => {
    const device = t.pickDevice((s) => s.osFamily === 'darwin');
    const rootLogin = !device.allowSshRootLogin;
    const before = await t.get('device_get', { id: device._id });
    expect(before.displayName).not.toBe('e2e-renamed-mac');
    await t.write('device_update', {
      id: device._id,
      displayName: 'e2e-renamed-mac',
      allowSshRootLogin: rootLogin,
    });
    expect(await t.get('device_get', { id: device._id })).toEqual({
      ...before,
      displayName: 'e2e-renamed-mac',
      allowSshRootLogin: rootLogin,
    });
  },
  device_users_list: async (t) => {
    const { org } = t;
    const device = org.systems.find((s) => (org.systemUsers.get(s._id) ?? []).length > 0)!;
    const owner = org.systemUsers.get(device._id)![0]!;
    const out = (await t.get('device_users_list', { device_id: device._id })) as Listed<{
      id: string;
      username: string;
      via: string[];
    }>;
    expect(out.results.find((r) => r.id === owner)).toMatchObject({
      username: org.users.find((u) => u._id === owner)!.username,
      via: expect.arrayContaining(['direct']),
    });
  },
  devices_list: async (t) => {
    const out = (await t.get('devices_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(t.org.systems.length);
    expect(out.results).toHaveLength(100);
  },
};
