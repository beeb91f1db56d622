/**
 * End-to-end cases of the read tools over what an organization configures: admins, applications
 * and who can reach them, commands and their targets and results, policies and software.
 */
import { expect } from 'vitest';
import { ids } from './suite.js';
import type { Listed, ToolCases } from './suite.js';

export const CATALOG_CASES: ToolCases = {
  admins_list: async (t) => {
    const out = (await t.get('admins_list', { limit: 100 })) as Listed<{ email: string }>;
    expect(out.totalCount).toBe(t.org.admins.length);
    expect(out.results.map((a) => a.email).sort()).toEqual(t.org.admins.map((a) => a.email).sort());
  },
  application_access_list: async (t) => {
    const app = t.org.applications[0]!;
    const out = (await t.get('application_access_list', {
      application_id: app._id,
      limit: 100,
    })) as Listed<{ id: string; username: string; via: string[] }>;
    const direct = t.org.applicationUsers.get(app._id) ?? [];
    for (const id of direct) expect(out.results.find((r) => r.id === id)?.via).toContain('direct');
    expect(out.results.every((r) => r.username && r.via.length > 0)).toBe(true);
  },
  application_get: async (t) => {
    const app = t.org.applications[0]!;
    expect(await t.get('application_get', { id: app._id })).toMatchObject({
      _id: app._id,
      name: app.name,
      displayLabel: app.displayLabel,
    });
  },
  applications_list: async (t) => {
    const out = (await t.get('applications_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(t.org.applications.length);
    expect(ids(out.results)).toEqual(ids(t.org.applications));
  },
  command_device_groups_list: async (t) => {
    const [commandId, bound] = [...t.org.commandTargets].find(
      ([, targets]) => targets.systemGroups.length > 0,
    )!;
    const out = (await t.get('command_device_groups_list', { id: commandId })) as Listed<{
      id: string;
      type: string;
    }>;
    expect(ids(out.results)).toEqual([...bound.systemGroups].sort());
    expect(out.results.every((r) => r.type === 'system_group')).toBe(true);
  },
  command_devices_list: async (t) => {
    const [commandId, bound] = [...t.org.commandTargets].find(
      ([, targets]) => targets.systems.length > 0,
    )!;
    const out = (await t.get('command_devices_list', { id: commandId, limit: 100 })) as Listed<{
      id: string;
    }>;
    // A graph traversal: devices bound directly and through bound device groups.
    const viaGroups = bound.systemGroups.flatMap((g) => t.org.groupMembers.get(g) ?? []);
    expect(ids(out.results)).toEqual([...new Set([...bound.systems, ...viaGroups])].sort());
  },
  command_get: async (t) => {
    const command = t.org.commands[0]!;
    expect(await t.get('command_get', { id: command._id })).toMatchObject({
      name: command.name,
      command: command.command,
      commandType: command.commandType,
    });
  },
  command_result_list: async (t) => {
    const [commandId, runs] = [...t.org.commandRunResults].find(([, r]) => r.length > 0)!;
    const out = (await t.get('command_result_list', { id: commandId, limit: 100 })) as Listed<{
      id: string;
    }>;
    expect(out.results).toHaveLength(runs.length);
  },
  commandresults_list: async (t) => {
    const out = (await t.get('commandresults_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(t.org.commandResults.length);
    expect(ids(out.results)).toEqual(ids(t.org.commandResults.slice(0, 100)));
  },
  commands_list: async (t) => {
    const out = (await t.get('commands_list', { limit: 100 })) as Listed<{ name: string }>;
    expect(out.totalCount).toBe(t.org.commands.length);
    expect(out.results.map((c) => c.name).sort()).toEqual(t.org.commands.map((c) => c.name).sort());
  },
  policies_list: async (t) => {
    const out = (await t.get('policies_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(t.org.policies));
  },
  policy_get: async (t) => {
    const policy = t.org.policies[0]!;
    expect(await t.get('policy_get', { id: policy.id })).toMatchObject({
      id: policy.id,
      name: policy.name,
    });
  },
  softwareapp_list: async (t) => {
    const out = (await t.get('softwareapp_list', { limit: 100 })) as Listed<{ id: string }>;
    expect(ids(out.results)).toEqual(ids(t.org.softwareApps));
  },
  user_applications_list: async (t) => {
    const app = t.org.applications[0]!;
    const user = t.org.applicationUsers.get(app._id)![0]!;
    const out = (await t.get('user_applications_list', { user_id: user })) as Listed<{
      id: string;
      name: string;
      via: string[];
    }>;
    expect(out.results.find((r) => r.id === app._id)).toMatchObject({
      name: app.displayLabel,
      via: expect.arrayContaining(['direct']),
    });
  },
};
