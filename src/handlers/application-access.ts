/**
 * application_access_list: who can use an SSO application. One page of the V2 traversal
 * `/applications/{id}/users` (with, on the first page, `/applications/{id}/usergroups` for the
 * groups bound to it), then the page's users and groups named in one round: one V1 search for the
 * users, one V2 `/usergroups` filter for the groups. Each user says `direct` and/or the groups it
 * is reached through.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { nameUserGroups, nameUsers, type UserNames } from './directory-names.js';
import {
  DEFAULT_LIMIT,
  listResult,
  readGraphPage,
  viaOf,
  type GraphPage,
  type ListResult,
} from './graph-page.js';

export interface ApplicationAccessArgs {
  application_id: string;
  limit?: number;
  skip?: number;
}

export type AccessRow = { id: string } & UserNames & { via: string[] };

export interface ApplicationAccessResult extends ListResult<AccessRow> {
  /** The user groups bound to the application (first page only). */
  groups?: { id: string; name: string }[];
}

export async function applicationAccessList(
  args: ApplicationAccessArgs,
  deps: ToolDeps<Upstream>,
): Promise<ApplicationAccessResult> {
  const { application_id, limit = DEFAULT_LIMIT, skip = 0 } = args;
  const path = { application_id };
  const [page, bound] = await Promise.all([
    deps.api.v2
      .GET('/applications/{application_id}/users', {
        params: { path, query: { limit, skip } },
      })
      .then(readGraphPage),
    skip === 0
      ? deps.api.v2
          .GET('/applications/{application_id}/usergroups', {
            params: { path, query: { limit: 100 } },
          })
          .then(readGraphPage)
      : Promise.resolve<GraphPage | undefined>(undefined),
  ]);
  const groupIds = [
    ...new Set([
      ...(bound?.items ?? []).map((g) => g.id),
      ...page.items.flatMap((u) => u.groupIds),
    ]),
  ];
  const [users, groups] = await Promise.all([
    nameUsers(
      deps,
      page.items.map((u) => u.id),
    ),
    nameUserGroups(deps, groupIds.slice(0, 100)),
  ]);
  const rows = page.items.map((u) => ({ id: u.id, ...users.get(u.id), via: viaOf(u, groups) }));
  const out: ApplicationAccessResult = listResult({ rows, page, skip, limit });
  if (bound) out.groups = bound.items.map((g) => ({ id: g.id, name: groups.get(g.id) ?? g.id }));
  return out;
}
