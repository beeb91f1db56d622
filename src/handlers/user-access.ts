/**
 * user_applications_list, user_memberof_list: what a user can reach. One V2 traversal
 * (`/users/{id}/applications`, `/users/{id}/memberof`), then the results named in one round
 * (V1 `/applications` filtered on the ids, V2 `/usergroups` filtered on the ids).
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { nameApplications, nameUserGroups } from './directory-names.js';
import { listResult, readGraphPage, viaOf, type ListResult } from './graph-page.js';

/** A user's applications and groups fit one page of JumpCloud's maximum. */
const PAGE = 100;

export interface UserAccessArgs {
  user_id: string;
}

export type NamedRow = { id: string; name?: string };
export type ApplicationRow = NamedRow & { via: string[] };

export async function userApplicationsList(
  args: UserAccessArgs,
  deps: ToolDeps<Upstream>,
): Promise<ListResult<ApplicationRow>> {
  const page = readGraphPage(
    await deps.api.v2.GET('/users/{user_id}/applications', {
      params: { path: { user_id: args.user_id }, query: { limit: PAGE } },
    }),
  );
  const groupIds = [...new Set(page.items.flatMap((a) => a.groupIds))].slice(0, PAGE);
  const [apps, groups] = await Promise.all([
    nameApplications(
      deps,
      page.items.map((a) => a.id),
    ),
    nameUserGroups(deps, groupIds),
  ]);
  const rows = page.items.map((a) => ({
    id: a.id,
    ...(apps.has(a.id) ? { name: apps.get(a.id) } : {}),
    via: viaOf(a, groups),
  }));
  return listResult({ rows, page, skip: 0, limit: PAGE });
}

export async function userMemberofList(
  args: UserAccessArgs,
  deps: ToolDeps<Upstream>,
): Promise<ListResult<NamedRow>> {
  const page = readGraphPage(
    await deps.api.v2.GET('/users/{user_id}/memberof', {
      params: { path: { user_id: args.user_id }, query: { limit: PAGE } },
    }),
  );
  const groups = await nameUserGroups(
    deps,
    page.items.map((g) => g.id),
  );
  const rows = page.items.map((g) => ({
    id: g.id,
    ...(groups.has(g.id) ? { name: groups.get(g.id) } : {}),
  }));
  return listResult({ rows, page, skip: 0, limit: PAGE });
}
