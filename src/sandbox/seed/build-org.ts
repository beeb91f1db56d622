/** Builds one organization's whole directory from a seed: same seed, same organization. */
import { Faker, en } from '@faker-js/faker';
import type { OrgData } from '../types.js';
import { FastRandom } from './fast-random.js';
import { seedAccess } from './access.js';
import { seedDevices } from './devices.js';
import {
  seedApplications,
  seedCommands,
  seedPolicies,
  seedSoftware,
  seedSystemGroups,
  seedUserGroups,
} from './directory.js';
import { seedEvents } from './events.js';
import { seedAdmins, seedUsers } from './users.js';

export interface OrgSpec {
  name: string;
  domain: string;
  users: number;
  devices: number;
  admins: number;
  eventsPerDay: number;
}

export function buildOrg({
  seed,
  spec,
  now,
}: {
  seed: number;
  spec: OrgSpec;
  now: number;
}): OrgData {
  const f = new Faker({ locale: [en], seed });
  const r = new FastRandom(seed);
  const orgId = r.objectId();
  const ctx = { f, r, now, orgId };
  const users = seedUsers({ ctx, count: spec.users, domain: spec.domain });
  const admins = seedAdmins({ ctx, domain: spec.domain, count: spec.admins });
  const { systems, appleMdm, macDevices } = seedDevices({
    ctx,
    count: spec.devices,
    users,
    orgName: spec.name,
  });
  const userGroups = seedUserGroups({ ctx, users });
  const systemGroups = seedSystemGroups({ ctx, systems });
  const apps = seedApplications({ ctx, userGroups: userGroups.groups });
  const commands = seedCommands({ ctx, systems, systemGroups: systemGroups.groups });
  const events = seedEvents({
    ctx,
    days: 30,
    perDay: spec.eventsPerDay,
    users,
    admins,
    systems,
    applications: apps.applications,
  });
  // After everything else, so adding access left the rest of the seeded organization unchanged.
  const access = seedAccess({
    ctx,
    users,
    systems,
    applications: apps.applications,
    userGroups: userGroups.groups,
  });
  return {
    id: orgId,
    name: spec.name,
    users,
    admins,
    systems,
    userGroups: userGroups.groups,
    systemGroups: systemGroups.groups,
    groupMembers: new Map([...userGroups.members, ...systemGroups.members]),
    disabledGroups: new Set(
      [...userGroups.groups, ...systemGroups.groups]
        .filter((g) => g.name.startsWith('Offboarding') || g.name === 'Kiosks')
        .map((g) => g.id),
    ),
    applications: apps.applications,
    applicationGroups: apps.bindings,
    applicationUsers: access.applicationUsers,
    systemUsers: access.systemUsers,
    systemUserGroups: access.systemUserGroups,
    bulkJobs: new Map(),
    scheduledStates: [],
    commands: commands.commands,
    commandTargets: commands.targets,
    commandRunResults: commands.runResults,
    commandResults: commands.results,
    policies: seedPolicies(ctx),
    softwareApps: seedSoftware(ctx),
    appleMdms: [appleMdm],
    appleMdmDevices: new Map([[appleMdm.id, macDevices]]),
    events,
  };
}

/** The organizations an MSP administrator sees in the sandbox: one large, one small. */
export const DEFAULT_ORGS: readonly OrgSpec[] = [
  {
    name: 'Acme Robotics',
    domain: 'acme-robotics.example',
    users: 320,
    devices: 220,
    admins: 6,
    eventsPerDay: 90,
  },
  {
    name: 'Globex Labs',
    domain: 'globex-labs.example',
    users: 48,
    devices: 36,
    admins: 3,
    eventsPerDay: 20,
  },
];
