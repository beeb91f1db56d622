/**
 * application_access_update, device_access_update: grant and revoke who can use an SSO
 * application or sign in to a device, through the resource's V2 direct associations
 * (`POST /applications/{id}/associations`, `POST /systems/{id}/associations`, `op: add|remove`,
 * `type: user|user_group`). The current associations are read first (one page, both kinds in one
 * call): an item already so is reported `already` or `absent` and not sent. Every other item is
 * one request, in argument order, never retried (src/handlers/item-changes.ts); JumpCloud's 409 on
 * add and 404 on remove mean the same. The result says in one sentence per item what happened.
 * The safety layer has already named, capped and protection-checked every id before this runs.
 */
import type { Upstream } from '../../generated/upstream.js';
import { JUMPCLOUD_KINDS } from '../jumpcloud/kinds.js';
import type { ToolDeps } from '../registry/types.js';
import type { MultiTargetResult, TargetOutcome } from '../safety/outcomes.js';
import { resolveTarget } from '../safety/resolve-target.js';
import { ToolError } from '../upstream/errors.js';
import { v2QueryString } from '../upstream/request-helpers.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';
import { accessSentence, type AccessWords } from './access-sentences.js';
import { nameUserGroups, nameUsers, NAME_PAGE } from './directory-names.js';
import { countOutcomes, sendEach } from './item-changes.js';
import type { ChangeOp, ItemChange, ItemResult } from './item-changes.js';

/** A member's graph type, which is also its kind in src/jumpcloud/kinds.ts. */
type Member = 'user' | 'user_group';

interface AccessLists {
  add_users?: string[];
  remove_users?: string[];
  add_user_groups?: string[];
  remove_user_groups?: string[];
}

export interface ApplicationAccessUpdateArgs extends AccessLists {
  application_id: string;
}

export interface DeviceAccessUpdateArgs extends AccessLists {
  device_id: string;
}

/** One requested change: the argument that listed it, the kind of member and its id. */
interface Item {
  arg: keyof AccessLists;
  type: Member;
  id: string;
}

export interface AccessOutcome extends TargetOutcome {
  /** What happened, in a sentence. */
  said: string;
}

export interface AccessUpdateResult extends MultiTargetResult {
  summary: string;
  outcomes: AccessOutcome[];
}

/** What differs between the two resources. */
interface Resource {
  kind: 'application' | 'device';
  id: string;
  /** The member arguments in the order the tool lists them (and sends them). */
  order: readonly (keyof AccessLists)[];
  words: (name: string) => AccessWords;
  /** One page of direct associations of these member types. */
  read(types: Member[]): Promise<FetchResult<unknown>>;
  post(
    body: { op: ChangeOp; type: Member; id: string },
    signal: AbortSignal,
  ): Promise<FetchResult<unknown>>;
}

const ARGS: Record<keyof AccessLists, { op: ChangeOp; type: Member }> = {
  add_users: { op: 'add', type: 'user' },
  remove_users: { op: 'remove', type: 'user' },
  add_user_groups: { op: 'add', type: 'user_group' },
  remove_user_groups: { op: 'remove', type: 'user_group' },
};

function itemsOf(args: AccessLists, order: Resource['order']): Item[] {
  const items = order.flatMap((arg) =>
    (args[arg] ?? []).map((id): Item => ({ arg, type: ARGS[arg].type, id })),
  );
  if (items.length === 0) {
    throw new ToolError(
      'Give at least one user or user group id in add_users, remove_users, add_user_groups or remove_user_groups. Nothing was changed.',
    );
  }
  return items;
}

/** The resource's direct associations, and whether the page held all of them. */
interface Current {
  bound: Set<string>;
  complete: boolean;
}

async function currentAssociations(resource: Resource, types: Member[]): Promise<Current> {
  const answer = await resource.read(types);
  const records = (unwrap(answer) ?? []) as { to?: { id?: string; type?: string } }[];
  const bound = new Set(records.map((r) => `${r.to?.type}\n${r.to?.id}`));
  const total = Number(answer.response.headers.get('x-total-count') ?? Number.NaN);
  const complete = Number.isInteger(total) ? records.length >= total : records.length < NAME_PAGE;
  return { bound, complete };
}

/** Names for the sentences; a lookup that fails leaves ids, as the change itself does not need names. */
async function namesFor(
  deps: ToolDeps<Upstream>,
  resource: Resource,
  items: readonly Item[],
): Promise<{ resource?: string; members: Map<string, string> }> {
  const idsOf = (type: Member) => items.filter((i) => i.type === type).map((i) => i.id);
  const quiet = <T>(promise: Promise<T>, empty: T) =>
    promise.catch((error: unknown) => {
      deps.ctx.logger.warn({ err: error }, 'naming the objects of an access change failed');
      return empty;
    });
  const [found, users, groups] = await Promise.all([
    quiet(
      resolveTarget({
        kinds: JUMPCLOUD_KINDS,
        kind: resource.kind,
        id: resource.id,
        api: deps.api,
      }),
      undefined,
    ),
    quiet(nameUsers(deps, idsOf('user')), new Map()),
    quiet(nameUserGroups(deps, idsOf('user_group')), new Map<string, string>()),
  ]);
  const members = new Map<string, string>();
  for (const [id, names] of users) if (names.username) members.set(`user\n${id}`, names.username);
  for (const [id, name] of groups) members.set(`user_group\n${id}`, name);
  return { resource: found?.name, members };
}

const SUMMARY_ORDER = ['added', 'removed', 'already', 'absent', 'failed', 'not_sent'] as const;

async function updateAccess({
  args,
  deps,
  resource,
}: {
  args: AccessLists;
  deps: ToolDeps<Upstream>;
  resource: Resource;
}): Promise<AccessUpdateResult> {
  const items = itemsOf(args, resource.order);
  const types = [...new Set(items.map((i) => i.type))];
  const [current, names] = await Promise.all([
    currentAssociations(resource, types),
    namesFor(deps, resource, items),
  ]);
  const key = (item: Item) => `${item.type}\n${item.id}`;
  const settled: ItemResult<Item>[] = [];
  const changes: ItemChange<Item>[] = [];
  for (const item of items) {
    const { op } = ARGS[item.arg];
    const bound = current.bound.has(key(item));
    if (op === 'add' && bound) settled.push({ item, op, status: 'already' });
    else if (op === 'remove' && !bound && current.complete)
      settled.push({ item, op, status: 'absent' });
    else
      changes.push({
        item,
        op,
        send: (signal) => resource.post({ op, type: item.type, id: item.id }, signal),
      });
  }
  const sent = await sendEach(changes, deps);
  const byItem = new Map([...settled, ...sent].map((r) => [r.item, r]));
  const words = resource.words(names.resource ?? `${resource.kind} ${resource.id}`);
  const outcomes = items.map((item): AccessOutcome => {
    const result = byItem.get(item) as ItemResult<Item>;
    const name = names.members.get(key(item));
    // The row leaves the member's name and argument to the sentence; the audit record takes both
    // from the gate's lookup.
    return {
      kind: item.type, // the kinds table names them as the graph does
      id: item.id,
      status: result.status,
      said: accessSentence({
        words,
        member: item.type,
        name: name ?? item.id,
        op: result.op,
        status: result.status,
        reason: result.reason,
      }),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
  });
  const counts = countOutcomes(
    outcomes.map((o) => o.status as (typeof SUMMARY_ORDER)[number]),
    SUMMARY_ORDER,
  );
  const summary = SUMMARY_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${s} ${counts[s]}`)
    .join(', ');
  return {
    [resource.kind]: names.resource ?? resource.id,
    [`${resource.kind}_id`]: resource.id,
    summary,
    outcomes,
  };
}

export function applicationAccessUpdate(
  args: ApplicationAccessUpdateArgs,
  deps: ToolDeps<Upstream>,
): Promise<AccessUpdateResult> {
  const path = { application_id: args.application_id };
  return updateAccess({
    args,
    deps,
    resource: {
      kind: 'application',
      id: args.application_id,
      order: ['add_user_groups', 'remove_user_groups', 'add_users', 'remove_users'],
      words: (name) => ({ resource: name, can: `use ${name}` }),
      read: (targets) =>
        deps.api.v2.GET('/applications/{application_id}/associations', {
          params: { path, query: { targets, limit: NAME_PAGE } },
          querySerializer: v2QueryString,
        }),
      post: (body, signal) =>
        deps.api.v2.POST('/applications/{application_id}/associations', {
          params: { path },
          body,
          signal,
        }),
    },
  });
}

export function deviceAccessUpdate(
  args: DeviceAccessUpdateArgs,
  deps: ToolDeps<Upstream>,
): Promise<AccessUpdateResult> {
  const path = { system_id: args.device_id };
  return updateAccess({
    args,
    deps,
    resource: {
      kind: 'device',
      id: args.device_id,
      order: ['add_users', 'remove_users', 'add_user_groups', 'remove_user_groups'],
      words: (name) => ({ resource: name, can: `sign in to ${name}` }),
      read: (targets) =>
        deps.api.v2.GET('/systems/{system_id}/associations', {
          params: { path, query: { targets, limit: NAME_PAGE } },
          querySerializer: v2QueryString,
        }),
      post: (body, signal) =>
        deps.api.v2.POST('/systems/{system_id}/associations', { params: { path }, body, signal }),
    },
  });
}
