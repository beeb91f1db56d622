/** V2 policies, software apps, and the systems and system groups a command is bound to. */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { listV2 } from '../query/v2-list.js';
import { findById, param, sendV2List } from './route-helpers.js';
import { graphRecord, type GraphHop } from './v2-graph.js';

function commandTargets(ctx: SandboxContext) {
  const org = ctx.state.org;
  const command = findById({
    records: org.commands,
    id: param(ctx, 'command_id'),
    idField: '_id',
    kind: 'command',
  });
  return {
    command,
    targets: org.commandTargets.get(command._id) ?? { systems: [], systemGroups: [] },
  };
}

export function v2ResourcesRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/policies', (ctx) => {
    const records = ctx.state.org.policies.map(({ id, name, template }) => ({
      id,
      name,
      template,
    }));
    sendV2List(ctx, listV2({ records, query: ctx.query }));
  });

  router.get('/policies/:id', (ctx) => {
    ctx.body = findById({
      records: ctx.state.org.policies,
      id: param(ctx, 'id'),
      idField: 'id',
      kind: 'policy',
    });
  });

  router.get('/softwareapps', (ctx) =>
    sendV2List(ctx, listV2({ records: ctx.state.org.softwareApps, query: ctx.query })),
  );

  router.get('/commands/:command_id/systems', (ctx) => {
    const org = ctx.state.org;
    const { command, targets } = commandTargets(ctx);
    const paths = new Map<string, GraphHop[][]>();
    const add = (systemId: string, path: GraphHop[]) =>
      paths.set(systemId, [...(paths.get(systemId) ?? []), path]);
    for (const id of targets.systems)
      add(id, [{ from: { id: command._id, type: 'command' }, to: { id, type: 'system' } }]);
    for (const groupId of targets.systemGroups) {
      for (const id of org.groupMembers.get(groupId) ?? []) {
        add(id, [
          { from: { id: command._id, type: 'command' }, to: { id: groupId, type: 'system_group' } },
          { from: { id: groupId, type: 'system_group' }, to: { id, type: 'system' } },
        ]);
      }
    }
    const records = [...paths].map(([id, p]) => graphRecord({ id, type: 'system', paths: p }));
    sendV2List(ctx, listV2({ records, query: ctx.query }));
  });

  router.get('/commands/:command_id/systemgroups', (ctx) => {
    const { command, targets } = commandTargets(ctx);
    const records = targets.systemGroups.map((id) =>
      graphRecord({
        id,
        type: 'system_group',
        paths: [[{ from: { id: command._id, type: 'command' }, to: { id, type: 'system_group' } }]],
      }),
    );
    sendV2List(ctx, listV2({ records, query: ctx.query }));
  });

  return router;
}
