/**
 * user_group_members_update, device_group_members_update: one implementation. Adds and removes
 * group members one V2 call per id (`POST /usergroups|systemgroups/{group_id}/members`), never
 * retried (src/handlers/item-changes.ts), and reports what happened to each id, so a partial
 * failure never hides what succeeded.
 * The safety layer has already named, capped and protection-checked every id before this runs.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { ToolError } from '../upstream/errors.js';
import { countOutcomes, sendEach } from './item-changes.js';
import type { ChangeOp, ItemChange, ItemResult } from './item-changes.js';

export interface GroupMembersArgs {
  group_id: string;
  add?: string[];
  remove?: string[];
}

export type MemberOutcome =
  'added' | 'removed' | 'already_member' | 'not_member' | 'failed' | 'not_sent';

export interface MemberResult {
  id: string;
  op: 'add' | 'remove';
  result: MemberOutcome;
  /** Why it failed or was not sent (sanitized). */
  error?: string;
}

export interface GroupMembersResult {
  group_id: string;
  summary: Record<MemberOutcome, number>;
  results: MemberResult[];
}

type MemberType = 'user' | 'system';

function postMember({
  deps,
  type,
  groupId,
  op,
  id,
}: {
  deps: ToolDeps<Upstream>;
  type: MemberType;
  groupId: string;
  op: ChangeOp;
  id: string;
}): ItemChange<string> {
  const send = (signal: AbortSignal) =>
    type === 'user'
      ? deps.api.v2.POST('/usergroups/{group_id}/members', {
          params: { path: { group_id: groupId } },
          body: { op, type: 'user', id },
          signal,
        })
      : deps.api.v2.POST('/systemgroups/{group_id}/members', {
          params: { path: { group_id: groupId } },
          body: { op, type: 'system', id },
          signal,
        });
  return { item: id, op, send };
}

/** Refusal text for arguments that name no member, or one id twice; undefined when they are fine. */
export function membersArgsProblem(args: GroupMembersArgs): string | undefined {
  const add = args.add ?? [];
  const remove = args.remove ?? [];
  if (add.length + remove.length === 0) return 'Give at least one id in add or remove.';
  const both = add.find((id) => remove.includes(id));
  if (both !== undefined) return `The id ${both} is in both add and remove; list it in one.`;
  const twice = [add, remove].flatMap((list) => list.filter((id, i) => list.indexOf(id) !== i));
  if (twice.length > 0) return `The id ${twice[0]} is listed twice; list it once.`;
  return undefined;
}

/** This tool's names for the shared outcomes (its result predates them). */
const MEMBER_OUTCOME: Record<ItemResult<string>['status'], MemberOutcome> = {
  added: 'added',
  removed: 'removed',
  already: 'already_member',
  absent: 'not_member',
  failed: 'failed',
  not_sent: 'not_sent',
};

async function updateMembers({
  args,
  deps,
  type,
}: {
  args: GroupMembersArgs;
  deps: ToolDeps<Upstream>;
  type: MemberType;
}): Promise<GroupMembersResult> {
  const problem = membersArgsProblem(args);
  if (problem) throw new ToolError(`${problem} Nothing was changed.`);
  const groupId = args.group_id;
  const changes = [
    ...(args.add ?? []).map((id) => postMember({ deps, type, groupId, op: 'add', id })),
    ...(args.remove ?? []).map((id) => postMember({ deps, type, groupId, op: 'remove', id })),
  ];
  const results: MemberResult[] = (await sendEach(changes, deps)).map((r) => ({
    id: r.item,
    op: r.op,
    result: MEMBER_OUTCOME[r.status],
    ...(r.reason === undefined ? {} : { error: r.reason }),
  }));
  const summary = countOutcomes(
    results.map((r) => r.result),
    ['added', 'removed', 'already_member', 'not_member', 'failed', 'not_sent'],
  );
  return { group_id: groupId, summary, results };
}

export function userGroupMembersUpdate(
  args: GroupMembersArgs,
  deps: ToolDeps<Upstream>,
): Promise<GroupMembersResult> {
  return updateMembers({ args, deps, type: 'user' });
}

export function deviceGroupMembersUpdate(
  args: GroupMembersArgs,
  deps: ToolDeps<Upstream>,
): Promise<GroupMembersResult> {
  return updateMembers({ args, deps, type: 'system' });
}
