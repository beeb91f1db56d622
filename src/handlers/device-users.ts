/**
 * device_users_list: the users bound to a device, directly or through a user group. One page of
 * the V2 traversal `/systems/{id}/users`, then the users (one V1 search) and the groups they come
 * through (one V2 `/usergroups` filter) named in one round.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { requireObjectId } from '../upstream/path-params.js';
import type { AccessRow } from './application-access.js';
import { nameUserGroups, nameUsers } from './directory-names.js';
import { listResult, readGraphPage, viaOf, type ListResult } from './graph-page.js';

const PAGE = 100;

export interface DeviceUsersArgs {
  device_id: string;
}

export async function deviceUsersList(
  args: DeviceUsersArgs,
  deps: ToolDeps<Upstream>,
): Promise<ListResult<AccessRow>> {
  const page = readGraphPage(
    await deps.api.v2.GET('/systems/{system_id}/users', {
      params: {
        path: {
          system_id: requireObjectId({ arg: 'device_id', value: args.device_id, noun: 'device' }),
        },
        query: { limit: PAGE },
      },
    }),
  );
  const groupIds = [...new Set(page.items.flatMap((u) => u.groupIds))].slice(0, PAGE);
  const [users, groups] = await Promise.all([
    nameUsers(
      deps,
      page.items.map((u) => u.id),
    ),
    nameUserGroups(deps, groupIds),
  ]);
  const rows = page.items.map((u) => ({ id: u.id, ...users.get(u.id), via: viaOf(u, groups) }));
  return listResult({ rows, page, skip: 0, limit: PAGE });
}
