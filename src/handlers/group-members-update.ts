/**
 * user_group_members_update, device_group_members_update: one implementation. Adds and removes
 * group members one V2 call per id (`POST /usergroups|systemgroups/{group_id}/members`), never
 * retried, and reports what happened to each id, so a partial failure never hides what succeeded.
 * The safety layer has already named, capped and protection-checked every id before this runs.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { ToolError } from '../upstream/errors.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';

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

/** The two V2 member endpoints, narrowed to what this handler sends. */
type PostMember = (input: {
  groupId: string;
  op: 'add' | 'remove';
  id: string;
  signal: AbortSignal;
}) => Promise<FetchResult<unknown>>;

function postMember(deps: ToolDeps<Upstream>, type: MemberType): PostMember {
  return ({ groupId, op, id, signal }) =>
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

/** What JumpCloud's answer means for one id: 409 on add and 404 on remove change nothing. */
function outcomeOf(op: 'add' | 'remove', status: number): MemberOutcome | undefined {
  if (status >= 200 && status < 300) return op === 'add' ? 'added' : 'removed';
  if (op === 'add' && status === 409) return 'already_member';
  if (op === 'remove' && status === 404) return 'not_member';
  return undefined;
}

async function changeOne({
  send,
  groupId,
  op,
  id,
  deps,
}: {
  send: PostMember;
  groupId: string;
  op: 'add' | 'remove';
  id: string;
  deps: ToolDeps<Upstream>;
}): Promise<MemberResult> {
  const signal = deps.signal;
  try {
    const answer = await send({ groupId, op, id, signal });
    const result = outcomeOf(op, answer.response.status);
    if (result) return { id, op, result };
    unwrap(answer);
    return { id, op, result: 'failed', error: 'JumpCloud gave an unexpected answer.' };
  } catch (error) {
    if (error instanceof ToolError) return { id, op, result: 'failed', error: error.message };
    // A fault of this server, not of the member: reported per id, and logged so it is not lost.
    deps.ctx.logger.error({ err: error, groupId, op }, 'group member change failed unexpectedly');
    return { id, op, result: 'failed', error: 'The request failed unexpectedly.' };
  }
}

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
  const send = postMember(deps, type);
  const planned = [
    ...(args.add ?? []).map((id) => ({ op: 'add' as const, id })),
    ...(args.remove ?? []).map((id) => ({ op: 'remove' as const, id })),
  ];
  const results: MemberResult[] = [];
  for (const { op, id } of planned) {
    if (deps.signal.aborted) {
      results.push({ id, op, result: 'not_sent', error: 'The request was cancelled first.' });
      continue;
    }
    results.push(await changeOne({ send, groupId: args.group_id, op, id, deps }));
  }
  const summary: Record<MemberOutcome, number> = {
    added: 0,
    removed: 0,
    already_member: 0,
    not_member: 0,
    failed: 0,
    not_sent: 0,
  };
  for (const r of results) summary[r.result] += 1;
  return { group_id: args.group_id, summary, results };
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
