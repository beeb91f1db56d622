/**
 * The JumpCloud graph of one organization as paths: who reaches an application or a device,
 * directly or through a user group, and the reverse. Each function returns, per reached object,
 * every path to it (a direct binding is one hop; a group binding is two).
 */
import type { GraphHop, GraphType } from '../routes/v2-graph.js';
import type { OrgData } from '../types.js';

export type Paths = Map<string, GraphHop[][]>;

const node = (id: string, type: GraphType) => ({ id, type });

function addPath(paths: Paths, id: string, path: GraphHop[]): void {
  paths.set(id, [...(paths.get(id) ?? []), path]);
}

/** User id -> the user groups it is a member of. */
export function groupsOfUsers(org: OrgData): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of org.userGroups)
    for (const id of org.groupMembers.get(group.id) ?? [])
      out.set(id, [...(out.get(id) ?? []), group.id]);
  return out;
}

/** Users reached from a resource (application or system) bound to users and user groups. */
function usersOf({
  org,
  from,
  users,
  groups,
}: {
  org: OrgData;
  from: { id: string; type: GraphType };
  users: readonly string[];
  groups: readonly string[];
}): Paths {
  const paths: Paths = new Map();
  for (const id of users) addPath(paths, id, [{ from, to: node(id, 'user') }]);
  for (const groupId of groups) {
    const group = node(groupId, 'user_group');
    for (const id of org.groupMembers.get(groupId) ?? [])
      addPath(paths, id, [
        { from, to: group },
        { from: group, to: node(id, 'user') },
      ]);
  }
  return paths;
}

function groupsOf(from: { id: string; type: GraphType }, groups: readonly string[]): Paths {
  return new Map(groups.map((id) => [id, [[{ from, to: node(id, 'user_group') }]]]));
}

export function applicationUsers(org: OrgData, appId: string): Paths {
  return usersOf({
    org,
    from: node(appId, 'application'),
    users: org.applicationUsers.get(appId) ?? [],
    groups: org.applicationGroups.get(appId) ?? [],
  });
}

export function applicationUserGroups(org: OrgData, appId: string): Paths {
  return groupsOf(node(appId, 'application'), org.applicationGroups.get(appId) ?? []);
}

export function systemUsers(org: OrgData, systemId: string): Paths {
  return usersOf({
    org,
    from: node(systemId, 'system'),
    users: org.systemUsers.get(systemId) ?? [],
    groups: org.systemUserGroups.get(systemId) ?? [],
  });
}

export function systemUserGroups(org: OrgData, systemId: string): Paths {
  return groupsOf(node(systemId, 'system'), org.systemUserGroups.get(systemId) ?? []);
}

/** The resources (applications or systems) a user reaches, directly or through its groups. */
function reachedBy({
  userId,
  groupIds,
  resources,
  type,
  users,
  groups,
}: {
  userId: string;
  groupIds: readonly string[];
  resources: readonly string[];
  type: GraphType;
  users: Map<string, string[]>;
  groups: Map<string, string[]>;
}): Paths {
  const paths: Paths = new Map();
  const user = node(userId, 'user');
  for (const id of resources) {
    if ((users.get(id) ?? []).includes(userId))
      addPath(paths, id, [{ from: user, to: node(id, type) }]);
    for (const groupId of groups.get(id) ?? []) {
      if (!groupIds.includes(groupId)) continue;
      const group = node(groupId, 'user_group');
      addPath(paths, id, [
        { from: user, to: group },
        { from: group, to: node(id, type) },
      ]);
    }
  }
  return paths;
}

export function userApplications(org: OrgData, userId: string): Paths {
  return reachedBy({
    userId,
    groupIds: groupsOfUsers(org).get(userId) ?? [],
    resources: org.applications.map((a) => a._id),
    type: 'application',
    users: org.applicationUsers,
    groups: org.applicationGroups,
  });
}

export function userSystems(org: OrgData, userId: string): Paths {
  return reachedBy({
    userId,
    groupIds: groupsOfUsers(org).get(userId) ?? [],
    resources: org.systems.map((s) => s._id),
    type: 'system',
    users: org.systemUsers,
    groups: org.systemUserGroups,
  });
}

export function userMemberOf(org: OrgData, userId: string): Paths {
  return groupsOf(node(userId, 'user'), groupsOfUsers(org).get(userId) ?? []);
}
