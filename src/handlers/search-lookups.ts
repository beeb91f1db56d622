/**
 * One upstream lookup per object kind for search_api, each in a small, bounded number of calls.
 * Counting never lists every object: it asks for one record and reads the total JumpCloud reports
 * (V1 `totalCount`, V2 `x-total-count`). Members of a group are read from the group's V2
 * membership and named (or filtered further) with V1 searches on their ids.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { v1QueryString, v2QueryString } from '../upstream/request-helpers.js';
import { unwrap, type FetchResult } from '../upstream/unwrap.js';
import type { KindLookup } from './search-plan.js';

export interface FoundItem {
  id: string;
  name: string;
  [detail: string]: string | number | boolean | undefined;
}

export interface KindResult {
  kind: KindLookup['kind'];
  /** Total matching objects; null when JumpCloud did not say and it could not be counted. */
  total: number | null;
  /** False when the total is a lower bound (a scan stopped at its cap). */
  exact: boolean;
  /** Up to `top` matches from `skip` on (when asked for any). */
  items?: FoundItem[];
}

export interface LookupInput {
  lookup: KindLookup;
  /** How many matches to return; 0 to count only. */
  top: number;
  /** How many matches to pass over first. */
  skip?: number;
  deps: ToolDeps<Upstream>;
}

/** V2 lists without `x-total-count` are counted page by page, up to this many objects. */
export const V2_COUNT_CAP = 1000;
/** Applications have no server-side text search: at most this many are scanned for a match. */
export const APP_SCAN_CAP = 500;
/** Members of a group read when other filters narrow them further. */
export const MEMBER_CAP = 500;
/** Groups whose members are counted to compare group sizes. */
export const GROUP_SIZE_CAP = 25;
const PAGE = 100;

const USER_FIELDS = 'username email firstname lastname displayname state';
const DEVICE_FIELDS = 'hostname displayName os version active';
export const USER_SEARCH_FIELDS = [
  'username',
  'email',
  'firstname',
  'lastname',
  'displayname',
  'department',
  'jobTitle',
];
export const DEVICE_SEARCH_FIELDS = ['hostname', 'displayName'];

type Json = Record<string, unknown>;

/** The V1 spec types `filter` and `searchFilter` loosely; these are the shapes its prose documents. */
const searchBody = (body: {
  searchFilter?: { searchTerm: string; fields: string[] };
  filter?: Json;
}) => body as unknown as { searchFilter?: Record<string, never>; filter?: Record<string, never> };

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export function userItem(u: Json): FoundItem {
  const full = [str(u.firstname), str(u.lastname)].filter(Boolean).join(' ');
  return {
    id: str(u._id) ?? str(u.id) ?? '',
    name: str(u.displayname) ?? (full || (str(u.username) ?? '')),
    username: str(u.username),
    email: str(u.email),
    state: str(u.state),
  };
}

export function deviceItem(d: Json): FoundItem {
  const os = [str(d.os), str(d.version)].filter(Boolean).join(' ');
  return {
    id: str(d._id) ?? str(d.id) ?? '',
    name: str(d.displayName) ?? str(d.hostname) ?? '',
    hostname: str(d.hostname),
    os: os || undefined,
    online: typeof d.active === 'boolean' ? d.active : undefined,
    lastContact: str(d.lastContact),
  };
}

export function appItem(a: Json): FoundItem {
  return {
    id: str(a._id) ?? str(a.id) ?? '',
    name: str(a.displayLabel) ?? str(a.displayName) ?? str(a.name) ?? '',
  };
}

const groupItem = (g: Json): FoundItem => ({ id: str(g.id) ?? '', name: str(g.name) ?? '' });

/** Drops undefined details so results stay compact. */
function compact(item: FoundItem): FoundItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as FoundItem;
}

export async function runLookup(input: LookupInput): Promise<KindResult> {
  switch (input.lookup.kind) {
    case 'users':
      return lookupV1Directory({ ...input, kind: 'users' });
    case 'devices':
      return lookupV1Directory({ ...input, kind: 'devices' });
    case 'user_groups':
    case 'device_groups':
      return input.lookup.groupSize ? lookupGroupSizes(input) : lookupGroups(input);
    case 'applications':
      return lookupApplications(input);
  }
}

/** The two V1 directories search_api reads: list and search paths, fields, how a match shows. */
const V1_DIRECTORIES = {
  users: {
    list: '/systemusers',
    search: '/search/systemusers',
    fields: USER_FIELDS,
    searchFields: USER_SEARCH_FIELDS,
    sort: 'username',
    exactMatch: (t: string): Json[] => [
      { username: t.toLowerCase() },
      { email: t.toLowerCase() },
      { displayname: t },
    ],
    toItem: userItem,
  },
  devices: {
    list: '/systems',
    search: '/search/systems',
    fields: DEVICE_FIELDS,
    searchFields: DEVICE_SEARCH_FIELDS,
    sort: 'hostname',
    exactMatch: (t: string): Json[] => [{ hostname: t }, { displayName: t }],
    toItem: deviceItem,
  },
} as const;
type V1Kind = keyof typeof V1_DIRECTORIES;

interface V1Page {
  results: Json[];
  total: number | null;
}

/**
 * One V1 page: the list (GET, sorted) when there is nothing but filters, else the search (POST)
 * with the text as `searchFilter` (or, exactly, as an `or` of whole-field matches) and `ids`.
 */
async function v1Page({
  kind,
  lookup,
  deps,
  limit,
  skip,
  ids,
}: {
  kind: V1Kind;
  lookup: KindLookup;
  deps: ToolDeps<Upstream>;
  limit: number;
  skip: number;
  ids?: string[];
}): Promise<V1Page> {
  const directory = V1_DIRECTORIES[kind];
  const withContact = lookup.filters.some((f) => f.startsWith('lastContact:'));
  const fields = withContact ? `${directory.fields} lastContact` : directory.fields;
  const querySerializer = (q: Record<string, string | number | undefined>) =>
    v1QueryString(q, lookup.filters);
  let data: { results?: unknown[]; totalCount?: number } | null;
  if (lookup.text === undefined && ids === undefined) {
    const query = { limit, skip, fields, sort: directory.sort };
    data = unwrap(
      await deps.api.v1.GET(directory.list, {
        params: { query },
        querySerializer,
      }),
    );
  } else {
    const all: Json[] = [];
    if (ids !== undefined) all.push({ or: ids.map((_id) => ({ _id })) });
    if (lookup.text !== undefined && lookup.exact)
      all.push({ or: directory.exactMatch(lookup.text) });
    const filter = all.length === 0 ? undefined : all.length === 1 ? all[0] : { and: all };
    const searchFilter =
      lookup.text !== undefined && !lookup.exact
        ? { searchTerm: lookup.text, fields: lookup.searchFields ?? [...directory.searchFields] }
        : undefined;
    data = unwrap(
      await deps.api.v1.POST(directory.search, {
        params: { query: { limit, skip, fields } },
        body: searchBody({
          ...(searchFilter ? { searchFilter } : {}),
          ...(filter ? { filter } : {}),
        }),
        querySerializer,
      }),
    );
  }
  return {
    results: (data?.results ?? []) as Json[],
    total: typeof data?.totalCount === 'number' ? data.totalCount : null,
  };
}

function withItems(
  result: KindResult,
  rows: Json[],
  toItem: (r: Json) => FoundItem,
  top: number,
): KindResult {
  if (top > 0) result.items = rows.slice(0, top).map((r) => compact(toItem(r)));
  return result;
}

async function lookupV1Directory({
  lookup,
  top,
  skip = 0,
  deps,
  kind,
}: LookupInput & { kind: V1Kind }): Promise<KindResult> {
  if (lookup.memberOf) return lookupMembers({ lookup, top, skip, deps, kind });
  const page = await v1Page({ kind, lookup, deps, limit: Math.max(top, 1), skip });
  const result: KindResult = { kind, total: page.total, exact: page.total !== null };
  return withItems(result, page.results, V1_DIRECTORIES[kind].toItem, top);
}

/** Reads V2's `x-total-count`; null when absent or not a number. */
export function totalCountHeader(response: Response): number | null {
  const raw = response.headers.get('x-total-count');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

async function membershipPage({
  deps,
  group,
  limit,
  skip,
}: {
  deps: ToolDeps<Upstream>;
  group: NonNullable<KindLookup['memberOf']>;
  limit: number;
  skip: number;
}): Promise<{ ids: string[]; total: number | null }> {
  const init = {
    params: { path: { group_id: group.id }, query: { limit, skip } },
  };
  const result =
    group.kind === 'user_group'
      ? await deps.api.v2.GET('/usergroups/{group_id}/membership', init)
      : await deps.api.v2.GET('/systemgroups/{group_id}/membership', init);
  const records = (unwrap(result) ?? []) as Json[];
  return {
    ids: records.map((r) => str(r.id)).filter((id): id is string => id !== undefined),
    total: totalCountHeader(result.response),
  };
}

async function lookupMembers({
  lookup,
  top,
  skip,
  deps,
  kind,
}: Required<Omit<LookupInput, 'lookup'>> & {
  lookup: KindLookup;
  kind: V1Kind;
}): Promise<KindResult> {
  const group = lookup.memberOf!;
  const toItem = V1_DIRECTORIES[kind].toItem;
  const narrowed = lookup.filters.length > 0 || lookup.text !== undefined;
  if (!narrowed) {
    // The page of members asked for, named in one search on their ids.
    const page = await membershipPage({ deps, group, limit: Math.max(top, 1), skip });
    const total =
      page.total ?? (page.ids.length < Math.max(top, 1) ? skip + page.ids.length : null);
    const result: KindResult = { kind, total, exact: total !== null };
    if (top === 0 || page.ids.length === 0) return withItems(result, [], toItem, top);
    const named = await v1Page({
      kind,
      lookup,
      deps,
      limit: page.ids.length,
      skip: 0,
      ids: page.ids,
    });
    const byId = new Map(named.results.map((r) => [str(r._id) ?? str(r.id), r]));
    const rows = page.ids.map((id) => byId.get(id) ?? { _id: id });
    return withItems(result, rows, toItem, top);
  }
  // Narrowed further: every member (up to the cap), then the filters on 100 ids at a time.
  const ids: string[] = [];
  let complete = false;
  while (ids.length < MEMBER_CAP) {
    const page = await membershipPage({ deps, group, limit: PAGE, skip: ids.length });
    ids.push(...page.ids);
    if (page.ids.length < PAGE || (page.total !== null && ids.length >= page.total)) {
      complete = true;
      break;
    }
  }
  const matches: Json[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const page = await v1Page({ kind, lookup, deps, limit: chunk.length, skip: 0, ids: chunk });
    matches.push(...page.results);
  }
  const result: KindResult = { kind, total: matches.length, exact: complete };
  return withItems(result, matches.slice(skip), toItem, top);
}

async function groupPage({
  lookup,
  deps,
  limit,
  skip,
}: {
  lookup: KindLookup;
  deps: ToolDeps<Upstream>;
  limit: number;
  skip: number;
}): Promise<{ items: Json[]; total: number | null }> {
  const names = lookup.names ?? [];
  const filter =
    names.length === 1
      ? [`name:eq:${names[0]}`]
      : names.length > 1
        ? [`name:in:${names.join('|')}`]
        : lookup.text === undefined
          ? []
          : [`name:${lookup.exact ? 'eq' : 'search'}:${lookup.text}`];
  const params = { query: { limit, skip, filter, sort: ['name'], fields: ['id', 'name'] } };
  const init = { params, querySerializer: v2QueryString };
  const result: FetchResult<unknown> =
    lookup.kind === 'user_groups'
      ? await deps.api.v2.GET('/usergroups', init)
      : await deps.api.v2.GET('/systemgroups', init);
  return { items: (unwrap(result) ?? []) as Json[], total: totalCountHeader(result.response) };
}

async function lookupGroups({ lookup, top, skip = 0, deps }: LookupInput): Promise<KindResult> {
  const first = await groupPage({ lookup, deps, limit: Math.max(top, 1), skip });
  const result: KindResult = { kind: lookup.kind, total: first.total, exact: first.total !== null };
  withItems(result, first.items, groupItem, top);
  if (first.total !== null) return result;
  if (first.items.length < Math.max(top, 1))
    return { ...result, total: skip + first.items.length, exact: true };
  // No header: count page by page, up to the cap.
  let counted = 0;
  for (let at = 0; at < V2_COUNT_CAP; at += PAGE) {
    const page = await groupPage({ lookup, deps, limit: PAGE, skip: at });
    counted += page.items.length;
    if (page.items.length < PAGE) return { ...result, total: counted, exact: true };
  }
  return { ...result, total: counted, exact: false };
}

const compare = (op: NonNullable<KindLookup['groupSize']>['op'], a: number, b: number): boolean =>
  op === '$gt'
    ? a > b
    : op === '$gte'
      ? a >= b
      : op === '$lt'
        ? a < b
        : op === '$lte'
          ? a <= b
          : a === b;

/** Groups compared by size: the first groups (up to the cap), each counted in one call. */
async function lookupGroupSizes({ lookup, top, skip = 0, deps }: LookupInput): Promise<KindResult> {
  const size = lookup.groupSize!;
  const groups = await groupPage({ lookup, deps, limit: GROUP_SIZE_CAP, skip: 0 });
  const counted = await Promise.all(
    groups.items.map(async (g) => {
      const id = str(g.id) ?? '';
      const kind = lookup.kind === 'user_groups' ? 'user_group' : 'device_group';
      const page = await membershipPage({
        deps,
        group: { kind, id, name: str(g.name) ?? '' },
        limit: 1,
        skip: 0,
      });
      return { group: g, members: page.total ?? page.ids.length };
    }),
  );
  const matching = counted.filter((c) => compare(size.op, c.members, size.n));
  const complete =
    groups.total === null ? groups.items.length < GROUP_SIZE_CAP : groups.total <= GROUP_SIZE_CAP;
  const result: KindResult = { kind: lookup.kind, total: matching.length, exact: complete };
  if (top > 0)
    result.items = matching
      .slice(skip, skip + top)
      .map((c) => ({ ...compact(groupItem(c.group)), members: c.members }));
  return result;
}

async function lookupApplications({
  lookup,
  top,
  skip = 0,
  deps,
}: LookupInput): Promise<KindResult> {
  if (lookup.text === undefined && lookup.names === undefined) {
    const data = unwrap(
      await deps.api.v1.GET('/applications', {
        params: { query: { limit: Math.max(top, 1), skip, sort: 'displayLabel' } },
      }),
    ) as { results?: Json[]; totalCount?: number } | null;
    const total = typeof data?.totalCount === 'number' ? data.totalCount : null;
    return withItems(
      { kind: 'applications', total, exact: total !== null },
      data?.results ?? [],
      appItem,
      top,
    );
  }
  // V1 /applications filters are exact and case sensitive: match names case-insensitively here.
  const wanted = (lookup.names ?? []).map((n) => n.toLowerCase());
  const needle = lookup.text?.toLowerCase() ?? '';
  const matches: FoundItem[] = [];
  let scanned = 0;
  let total: number | null = null;
  while (scanned < APP_SCAN_CAP) {
    const data = unwrap(
      await deps.api.v1.GET('/applications', {
        params: { query: { limit: PAGE, skip: scanned, sort: 'displayLabel' } },
      }),
    ) as { results?: Json[]; totalCount?: number } | null;
    const page = data?.results ?? [];
    total = typeof data?.totalCount === 'number' ? data.totalCount : null;
    for (const app of page) {
      const item = appItem(app);
      const labels = [item.name, str(app.name), str(app.displayName)].filter(Boolean) as string[];
      const hit =
        wanted.length > 0 || lookup.exact
          ? labels.some((l) => (wanted.length > 0 ? wanted : [needle]).includes(l.toLowerCase()))
          : [...labels, str(app.description)].join(' ').toLowerCase().includes(needle);
      if (hit) matches.push(compact(item));
    }
    scanned += page.length;
    if (page.length < PAGE || (total !== null && scanned >= total)) break;
  }
  const complete = total === null ? scanned < APP_SCAN_CAP : scanned >= total;
  const result: KindResult = { kind: 'applications', total: matches.length, exact: complete };
  if (top > 0) result.items = matches.slice(skip, skip + top);
  return result;
}
