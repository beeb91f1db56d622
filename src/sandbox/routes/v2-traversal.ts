/**
 * V2 graph traversal: every user or user group that reaches an application or a device, directly
 * or through a group, and the reverse (a user's applications, devices and groups), with each path.
 * Also the direct members of a group (`GET .../members`, graph connections) beside `/membership`.
 */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import {
  applicationUserGroups,
  applicationUsers,
  systemUserGroups,
  systemUsers,
  userApplications,
  userMemberOf,
  userSystems,
  type Paths,
} from '../graph/access-graph.js';
import { listV2 } from '../query/v2-list.js';
import type { Group, OrgData } from '../types.js';
import { findById, param, sendV2List } from './route-helpers.js';
import { graphRecord, type GraphType } from './v2-graph.js';

function sendPaths(ctx: SandboxContext, { paths, type }: { paths: Paths; type: GraphType }): void {
  const records = [...paths].map(([id, p]) => graphRecord({ id, type, paths: p }));
  // memberof documents `object_id` and `type` as its filter fields.
  sendV2List(ctx, listV2({ records, query: ctx.query, filterOnly: (r) => ({ object_id: r.id }) }));
}

const appOf = (ctx: SandboxContext) =>
  findById({
    records: ctx.state.org.applications,
    id: param(ctx, 'application_id'),
    idField: '_id',
    kind: 'application',
  })._id;
const systemOf = (ctx: SandboxContext) =>
  findById({
    records: ctx.state.org.systems,
    id: param(ctx, 'system_id'),
    idField: '_id',
    kind: 'system',
  })._id;
const userOf = (ctx: SandboxContext) =>
  findById({
    records: ctx.state.org.users,
    id: param(ctx, 'user_id'),
    idField: '_id',
    kind: 'user',
  })._id;

function directMembers(
  ctx: SandboxContext,
  { groups, type }: { groups: (org: OrgData) => Group[]; type: 'user' | 'system' },
): void {
  const group = findById({
    records: groups(ctx.state.org),
    id: param(ctx, 'group_id'),
    idField: 'id',
    kind: type === 'user' ? 'user group' : 'system group',
  });
  const records = (ctx.state.org.groupMembers.get(group.id) ?? []).map((id) => ({
    attributes: null,
    to: { attributes: null, id, type },
  }));
  sendV2List(ctx, listV2({ records, query: ctx.query, filterOnly: (r) => ({ id: r.to.id }) }));
}

export function v2TraversalRouter(): Router<RequestState> {
  const router = new Router<RequestState>();
  router.get('/applications/:application_id/users', (ctx) =>
    sendPaths(ctx, { paths: applicationUsers(ctx.state.org, appOf(ctx)), type: 'user' }),
  );
  router.get('/applications/:application_id/usergroups', (ctx) =>
    sendPaths(ctx, { paths: applicationUserGroups(ctx.state.org, appOf(ctx)), type: 'user_group' }),
  );
  router.get('/systems/:system_id/users', (ctx) =>
    sendPaths(ctx, { paths: systemUsers(ctx.state.org, systemOf(ctx)), type: 'user' }),
  );
  router.get('/systems/:system_id/usergroups', (ctx) =>
    sendPaths(ctx, { paths: systemUserGroups(ctx.state.org, systemOf(ctx)), type: 'user_group' }),
  );
  router.get('/users/:user_id/applications', (ctx) =>
    sendPaths(ctx, { paths: userApplications(ctx.state.org, userOf(ctx)), type: 'application' }),
  );
  router.get('/users/:user_id/systems', (ctx) =>
    sendPaths(ctx, { paths: userSystems(ctx.state.org, userOf(ctx)), type: 'system' }),
  );
  router.get('/users/:user_id/memberof', (ctx) =>
    sendPaths(ctx, { paths: userMemberOf(ctx.state.org, userOf(ctx)), type: 'user_group' }),
  );
  router.get('/usergroups/:group_id/members', (ctx) =>
    directMembers(ctx, { groups: (org) => org.userGroups, type: 'user' }),
  );
  router.get('/systemgroups/:group_id/members', (ctx) =>
    directMembers(ctx, { groups: (org) => org.systemGroups, type: 'system' }),
  );
  return router;
}
