/**
 * Seeded access: users bound straight to SSO applications (beside the groups bound to them), each
 * device's primary user bound to it, and some devices bound to a department's user group.
 */
import type { Application, Group, System, SystemUser } from '../types.js';
import { DEPARTMENTS } from './catalog.js';
import type { SeedContext } from './seed-context.js';

export interface SeededAccess {
  applicationUsers: Map<string, string[]>;
  systemUsers: Map<string, string[]>;
  systemUserGroups: Map<string, string[]>;
}

export function seedAccess({
  ctx,
  users,
  systems,
  applications,
  userGroups,
}: {
  ctx: SeedContext;
  users: SystemUser[];
  systems: System[];
  applications: Application[];
  userGroups: Group[];
}): SeededAccess {
  const active = users.filter((u) => u.state === 'ACTIVATED');
  const applicationUsers = new Map<string, string[]>();
  for (const app of applications)
    applicationUsers.set(
      app._id,
      ctx.r.sample(active, { min: 1, max: 4 }).map((u) => u._id),
    );

  const departments = userGroups.filter((g) => (DEPARTMENTS as readonly string[]).includes(g.name));
  const systemUsers = new Map<string, string[]>();
  const systemUserGroups = new Map<string, string[]>();
  for (const system of systems) {
    const owner = (system.primarySystemUser as { id?: string | null } | undefined)?.id;
    systemUsers.set(system._id, owner ? [owner] : []);
    const groupBound = ctx.r.bool({ probability: system.osFamily === 'linux' ? 0.5 : 0.1 });
    systemUserGroups.set(
      system._id,
      groupBound && departments.length > 0 ? [ctx.r.pick(departments).id] : [],
    );
  }
  return { applicationUsers, systemUsers, systemUserGroups };
}
