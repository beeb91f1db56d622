/**
 * The objects of a call on several objects (a tool with `bulk`): exactly one of its id argument,
 * `ids` or `group_id`; a group becomes its members' ids, read when the call is previewed. A
 * confirming call with `group_id` acts on the ids its token was issued for, so a member added
 * after the preview is not acted on.
 */
import type { ToolDefinition } from '../registry/types.js';
import { UpstreamError } from '../upstream/errors.js';
import { OBJECT_ID_PATTERN } from '../upstream/path-params.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';
import type { CallRecord, GateStep } from './call-record.js';
import { refuse } from './call-record.js';
import { nounOf, countOf } from './object-kinds.js';
import type { ObjectKinds } from './object-kinds.js';
import { NOTHING_DONE } from './results.js';

const PAGE = 100;

/** The record with these ids as the call's objects (before they are looked up). */
export function withIds(record: CallRecord, ids: readonly string[]): CallRecord {
  const kind = record.tool.target?.kind ?? 'object';
  return {
    ...record,
    ids: [...ids],
    targets: ids.map((id) => ({ kind, id, aliases: [], state: [] })),
    binding: { ...record.binding, targetIds: [...ids] },
  };
}

/** Whether a bulk call names its objects by group and must take them from its token. */
export function idsFromToken(record: CallRecord): boolean {
  return record.pendingGroup !== undefined;
}

/** Whether a bulk call names its objects by group (its token must then keep their ids). */
export function namesGroup(record: CallRecord): boolean {
  const group = record.tool.bulk?.group;
  return group !== undefined && record.args[group] !== undefined && record.args[group] !== null;
}

/** The arguments the handler gets: the objects always in `ids`, never the group. */
export function handlerArgs(record: CallRecord): Record<string, unknown> {
  const { tool, args } = record;
  if (!tool.bulk || !tool.target) return args;
  const given = args[tool.bulk.ids] !== undefined || args[tool.bulk.group] !== undefined;
  if (!given) return args;
  const rest = { ...args };
  delete rest[tool.target.idArg];
  delete rest[tool.bulk.group];
  return { ...rest, [tool.bulk.ids]: [...record.ids] };
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** What is wrong with how a bulk call names its objects, or undefined. */
export function bulkArgsReason(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  kinds: ObjectKinds,
): string | undefined {
  const { bulk, target } = tool;
  if (!bulk || !target) return undefined;
  const noun = nounOf(kinds, target.kind);
  const group = nounOf(kinds, bulk.groupKind);
  const named = [target.idArg, bulk.ids, bulk.group].filter((a) => given(args[a]));
  if (named.length !== 1) {
    const how = `'${target.idArg}' (one ${noun}), '${bulk.ids}' (a list of ${noun} ids) or '${bulk.group}' (every member of a ${group})`;
    return named.length === 0
      ? `${tool.name} needs exactly one of ${how}.`
      : `${tool.name} takes exactly one of ${how}, but got ${named.map((a) => `'${a}'`).join(' and ')}. Keep one.`;
  }
  const ids = args[bulk.ids];
  if (Array.isArray(ids)) {
    if (ids.length === 0) return `'${bulk.ids}' is empty; list at least one ${noun} id.`;
    const seen = new Set<string>();
    for (const id of ids as string[]) {
      if (!OBJECT_ID_PATTERN.test(id)) {
        return `'${bulk.ids}' holds ${JSON.stringify(id.slice(0, 64))}, which is not a ${noun} id: ids are made of letters, digits, '-' and '_'. Look the ${noun} up first and pass its id.`;
      }
      if (seen.has(id))
        return `The ${noun} id ${JSON.stringify(id)} is listed twice in '${bulk.ids}'; list it once.`;
      seen.add(id);
    }
  }
  const groupId = args[bulk.group];
  if (typeof groupId === 'string' && !OBJECT_ID_PATTERN.test(groupId)) {
    return `'${bulk.group}' holds ${JSON.stringify(groupId.slice(0, 64))}, which is not a ${group} id. Find the group's id first and pass it.`;
  }
  return undefined;
}

/** An openapi-fetch client, as far as listing a group's members uses it. */
interface Reader {
  GET(
    path: string,
    init: {
      params: { path: Record<string, string>; query: { limit: number; skip: number } };
      signal?: AbortSignal;
    },
  ): Promise<FetchResult<unknown>>;
}

/**
 * The ids of a group's members, read page by page; stops once there are more than `max` (the
 * call will be refused for them), so a large group costs no more than the cap.
 */
export async function groupMemberIds({
  kinds,
  groupKind,
  groupId,
  api,
  signal,
  max,
}: {
  kinds: ObjectKinds;
  groupKind: string;
  groupId: string;
  api: unknown;
  signal?: AbortSignal;
  max: number;
}): Promise<{ ids: string[]; more: boolean } | { error: string }> {
  const listing = kinds[groupKind]?.members;
  const group = nounOf(kinds, groupKind);
  const client = listing
    ? (api as Record<string, { GET?: unknown } | undefined> | undefined)?.[listing.spec]
    : undefined;
  if (!listing || typeof client?.GET !== 'function') {
    return { error: `The members of ${group} ${groupId} cannot be listed by this server.` };
  }
  const reader = client as Reader;
  const ids: string[] = [];
  for (let skip = 0; ; skip += PAGE) {
    let page: unknown;
    try {
      page = unwrap(
        await reader.GET(listing.path, {
          params: { path: { [listing.param]: groupId }, query: { limit: PAGE, skip } },
          signal,
        }),
      );
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        const list = kinds[groupKind]?.lookup?.listTool;
        return {
          error: `No ${group} with id ${groupId} exists in this organization.${list ? ` Check the id with ${list}.` : ''}`,
        };
      }
      const detail = error instanceof UpstreamError ? ` ${error.message}` : '';
      return { error: `The members of ${group} ${groupId} could not be read.${detail}` };
    }
    const records = Array.isArray(page) ? (page as { id?: unknown }[]) : [];
    for (const record of records) {
      if (typeof record?.id === 'string' && !ids.includes(record.id)) ids.push(record.id);
    }
    if (ids.length > max) return { ids: ids.slice(0, max + 1), more: true };
    if (records.length < PAGE) return { ids, more: false };
  }
}

/**
 * Whether a call waits for a person's confirmation: every destructive call, and any change made
 * to a set of objects at once (`ids` with more than one, or a group's members), so that
 * reactivating a department or emailing a group is never done on a guess either.
 */
export function needsConfirmation({ tool, args }: Pick<CallRecord, 'tool' | 'args'>): boolean {
  if (tool.annotations.destructiveHint) return true;
  if (!tool.bulk || tool.annotations.readOnlyHint) return false;
  const ids = args[tool.bulk.ids];
  return (Array.isArray(ids) && ids.length > 1) || args[tool.bulk.group] !== undefined;
}

/**
 * The first step of the gate for a bulk call: exactly one way of naming the objects, and a group
 * expanded to its members (unless a token will say which they are).
 */
export const expandTargets: GateStep = async (record, env) => {
  const { tool, args, deps } = record;
  const { bulk, target } = tool;
  if (!bulk || !target) return record;
  const { kinds } = env.protection;
  const wrong = bulkArgsReason(tool, args, kinds);
  if (wrong) return refuse(record, `${wrong} ${NOTHING_DONE}`);
  const ids = args[bulk.ids];
  if (Array.isArray(ids)) return withIds(record, ids as string[]);
  const groupId = args[bulk.group];
  if (typeof groupId !== 'string') return record;
  const confirming = needsConfirmation(record) && !record.elicit && record.token !== undefined;
  if (confirming) return { ...withIds(record, []), pendingGroup: groupId };
  const found = await groupMemberIds({
    kinds,
    groupKind: bulk.groupKind,
    groupId,
    api: deps.api,
    signal: deps.signal,
    max: env.maxObjectsPerCall,
  });
  const group = nounOf(kinds, bulk.groupKind);
  if ('error' in found) return refuse(record, `${found.error} ${NOTHING_DONE}`);
  if (found.ids.length === 0) {
    return refuse(
      record,
      `The ${group} ${groupId} has no members, so there is nothing to do. ${NOTHING_DONE}`,
    );
  }
  if (found.more) {
    const many = countOf({ kinds, kind: target.kind, count: env.maxObjectsPerCall });
    return refuse(
      record,
      `The ${group} ${groupId} has more than ${many}; at most ${env.maxObjectsPerCall} objects are allowed per call. Pass at most that many ids in '${bulk.ids}' per call instead. ${NOTHING_DONE}`,
    );
  }
  return withIds(record, found.ids);
};
