/**
 * user_group_membership, device_group_membership: a page of a group's members, each named, in two
 * upstream calls (V2 `.../membership`, then one V1 search on the page's ids) instead of one
 * user_get or device_get per member.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { nameDevices, nameUsers, type DeviceNames, type UserNames } from './directory-names.js';
import { DEFAULT_LIMIT, listResult, readGraphPage, type ListResult } from './graph-page.js';

export interface GroupMembershipArgs {
  group_id: string;
  limit?: number;
  skip?: number;
}

export type UserRow = { id: string } & UserNames;
export type DeviceRow = { id: string } & DeviceNames;

export async function userGroupMembership(
  args: GroupMembershipArgs,
  deps: ToolDeps<Upstream>,
): Promise<ListResult<UserRow>> {
  const { limit = DEFAULT_LIMIT, skip = 0 } = args;
  const page = readGraphPage(
    await deps.api.v2.GET('/usergroups/{group_id}/membership', {
      params: { path: { group_id: args.group_id }, query: { limit, skip } },
    }),
  );
  const names = await nameUsers(
    deps,
    page.items.map((m) => m.id),
  );
  const rows = page.items.map((m) => ({ id: m.id, ...names.get(m.id) }));
  return listResult({ rows, page, skip, limit });
}

export async function deviceGroupMembership(
  args: GroupMembershipArgs,
  deps: ToolDeps<Upstream>,
): Promise<ListResult<DeviceRow>> {
  const { limit = DEFAULT_LIMIT, skip = 0 } = args;
  const page = readGraphPage(
    await deps.api.v2.GET('/systemgroups/{group_id}/membership', {
      params: { path: { group_id: args.group_id }, query: { limit, skip } },
    }),
  );
  const names = await nameDevices(
    deps,
    page.items.map((m) => m.id),
  );
  const rows = page.items.map((m) => ({ id: m.id, ...names.get(m.id) }));
  return listResult({ rows, page, skip, limit });
}
