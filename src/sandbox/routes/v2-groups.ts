/** V2 user and system groups and their memberships. */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { listV2 } from '../query/v2-list.js';
import type { Group } from '../types.js';
import { findById, param, sendV2List } from './route-helpers.js';
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
  router.get('/usergroups/:group_id/membership', (ctx) =>
    membership(ctx, { groups: ctx.state.org.userGroups, memberType: 'user' }),
  );
  router.get('/systemgroups/:group_id/membership', (ctx) =>
    membership(ctx, { groups: ctx.state.org.systemGroups, memberType: 'system' }),
  );
  return router;
}
