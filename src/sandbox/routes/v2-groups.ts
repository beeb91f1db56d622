/**
 * V2 user and system groups and their memberships. POST .../members adds or removes one member:
 * 204 on success, 409 when adding a member already in the group, 404 for an unknown group or
 * member and when removing an object that is not a member.
 */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { badRequest, notFound, SandboxHttpError } from '../query/bad-request.js';
import { listV2 } from '../query/v2-list.js';
import type { Group, JsonRecord } from '../types.js';
import { findById, jsonBody, param, recordEvent, sendV2List } from './route-helpers.js';
import { graphRecord } from './v2-graph.js';

function membership(
  ctx: SandboxContext,
  { groups, memberType }: { groups: Group[]; memberType: 'user' | 'system' },
): void {
  const group = findById({
    records: groups,
    id: param(ctx, 'group_id'),
    idField: 'id',
    kind: groups === ctx.state.org.userGroups ? 'user group' : 'system group',
  });
  const members = ctx.state.org.groupMembers.get(group.id) ?? [];
  const records = members.map((id) =>
    graphRecord({
      id,
      type: memberType,
      paths: [[{ from: { id: group.id, type: group.type }, to: { id, type: memberType } }]],
    }),
  );
  sendV2List(ctx, listV2({ records, query: ctx.query }));
}

function groupOf(ctx: SandboxContext, { groups, id }: { groups: Group[]; id: string }): Group {
  return findById({
    records: groups,
    id: param(ctx, id),
    idField: 'id',
    kind: groups === ctx.state.org.userGroups ? 'user group' : 'system group',
  });
}

/** The member as a Directory Insights object: id, type and the name JumpCloud shows for it. */
function memberObject(ctx: SandboxContext, type: 'user' | 'system', id: string): JsonRecord {
  const org = ctx.state.org;
  if (type === 'user') {
    const user = org.users.find((u) => u._id === id);
    if (!user) throw notFound('user', id);
    return { object_id: id, type, name: user.username };
  }
  const system = org.systems.find((s) => s._id === id);
  if (!system) throw notFound('system', id);
  return { object_id: id, type, name: system.displayName ?? system.hostname };
}

function changeMembers(
  ctx: SandboxContext,
  { groups, memberType }: { groups: Group[]; memberType: 'user' | 'system' },
): void {
  const group = groupOf(ctx, { groups, id: 'group_id' });
  const body = jsonBody(ctx);
  const { op, type, id } = body;
  if (op !== 'add' && op !== 'remove') throw badRequest('op must be "add" or "remove"');
  if (type !== memberType) throw badRequest(`type must be "${memberType}"`);
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/i.test(id))
    throw badRequest('id must be an object id (24 hexadecimal characters)');
  const to = memberObject(ctx, memberType, id);
  const members = ctx.state.org.groupMembers.get(group.id) ?? [];
  const isMember = members.includes(id);
  if (op === 'add' && isMember) {
    throw new SandboxHttpError({ status: 409, message: 'Already Exists' });
  }
  if (op === 'remove' && !isMember) throw notFound(`${memberType} member`, id);
  ctx.state.org.groupMembers.set(
    group.id,
    op === 'add' ? [...members, id] : members.filter((m) => m !== id),
  );
  recordEvent(ctx, {
    eventType: 'association_change',
    resource: { type: group.type, id: group.id, name: group.name },
    extra: {
      association: {
        op,
        connection: { from: { object_id: group.id, type: group.type, name: group.name }, to },
      },
    },
  });
  ctx.status = 204;
}

export function v2GroupsRouter(): Router<RequestState> {
  const router = new Router<RequestState>();
  const disabled = (ctx: SandboxContext) => (g: Group) => ({
    disabled: ctx.state.org.disabledGroups.has(g.id),
  });
  router.get('/usergroups', (ctx) =>
    sendV2List(
      ctx,
      listV2({ records: ctx.state.org.userGroups, query: ctx.query, filterOnly: disabled(ctx) }),
    ),
  );
  router.get('/systemgroups', (ctx) =>
    sendV2List(
      ctx,
      listV2({ records: ctx.state.org.systemGroups, query: ctx.query, filterOnly: disabled(ctx) }),
    ),
  );
  router.get('/usergroups/:id', (ctx) => {
    ctx.body = groupOf(ctx, { groups: ctx.state.org.userGroups, id: 'id' });
  });
  router.get('/systemgroups/:id', (ctx) => {
    ctx.body = groupOf(ctx, { groups: ctx.state.org.systemGroups, id: 'id' });
  });
  router.post('/usergroups/:group_id/members', (ctx) =>
    changeMembers(ctx, { groups: ctx.state.org.userGroups, memberType: 'user' }),
  );
  router.post('/systemgroups/:group_id/members', (ctx) =>
    changeMembers(ctx, { groups: ctx.state.org.systemGroups, memberType: 'system' }),
  );
  router.get('/usergroups/:group_id/membership', (ctx) =>
    membership(ctx, { groups: ctx.state.org.userGroups, memberType: 'user' }),
  );
  router.get('/systemgroups/:group_id/membership', (ctx) =>
    membership(ctx, { groups: ctx.state.org.systemGroups, memberType: 'system' }),
  );
  return router;
}
