/**
 * One upstream lookup per object kind for search_api. Counting never lists every object: it asks
 * for one record and reads the total JumpCloud reports (V1 `totalCount`, V2 `x-total-count`).
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { v1QueryString, v2QueryString } from '../upstream/request-helpers.js';
import { unwrap } from '../upstream/unwrap.js';
import type { KindLookup } from './search-plan.js';

export interface FoundItem {
  id: string;
  name: string;
  [detail: string]: string | boolean | undefined;
}

export interface KindResult {
  kind: KindLookup['kind'];
  /** Total matching objects; null when JumpCloud did not say and it could not be counted. */
  total: number | null;
  /** False when the total is a lower bound (the scan stopped at its cap). */
  exact: boolean;
  /** Up to `top` matches (search mode only). */
  items?: FoundItem[];
}

export interface LookupInput {
  lookup: KindLookup;
  /** How many matches to return; 0 to count only. */
  top: number;
  deps: ToolDeps<Upstream>;
}

/** V2 lists without `x-total-count` are counted page by page, up to this many objects. */
export const V2_COUNT_CAP = 1000;
/** Applications have no server-side text search: at most this many are scanned for a match. */
export const APP_SCAN_CAP = 500;
const PAGE = 100;

const USER_FIELDS = 'username email firstname lastname displayname state';
const DEVICE_FIELDS = 'hostname displayName os version active';
const USER_SEARCH_FIELDS = ['username', 'email', 'firstname', 'lastname', 'displayname'];
const DEVICE_SEARCH_FIELDS = ['hostname', 'displayName'];

/** The V1 spec types `searchFilter` as an empty object; this is the shape its prose documents. */
interface V1SearchFilter {
  searchTerm: string;
  fields: string[];
}
const searchBody = (searchFilter: V1SearchFilter) => ({
  searchFilter: searchFilter as unknown as Record<string, never>,
});

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export function userItem(u: Record<string, unknown>): FoundItem {
  const full = [str(u.firstname), str(u.lastname)].filter(Boolean).join(' ');
  return {
    id: str(u._id) ?? str(u.id) ?? '',
    name: str(u.displayname) ?? (full || (str(u.username) ?? '')),
    username: str(u.username),
    email: str(u.email),
    state: str(u.state),
  };
}

export function deviceItem(d: Record<string, unknown>): FoundItem {
  const os = [str(d.os), str(d.version)].filter(Boolean).join(' ');
  return {
    id: str(d._id) ?? str(d.id) ?? '',
    name: str(d.displayName) ?? str(d.hostname) ?? '',
    hostname: str(d.hostname),
    os: os || undefined,
    online: typeof d.active === 'boolean' ? d.active : undefined,
  };
}

export function appItem(a: Record<string, unknown>): FoundItem {
  return {
    id: str(a._id) ?? str(a.id) ?? '',
    name: str(a.displayLabel) ?? str(a.displayName) ?? str(a.name) ?? '',
  };
}

const groupItem = (g: Record<string, unknown>): FoundItem => ({
  id: str(g.id) ?? '',
  name: str(g.name) ?? '',
});

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
      return lookupGroups(input);
    case 'applications':
      return lookupApplications(input);
  }
}

function v1Result({
  kind,
  top,
  data,
  toItem,
}: {
  kind: KindLookup['kind'];
  top: number;
  data: { results?: unknown[]; totalCount?: number } | null;
  toItem: (r: Record<string, unknown>) => FoundItem;
}): KindResult {
  const results = (data?.results ?? []) as Record<string, unknown>[];
  const total = typeof data?.totalCount === 'number' ? data.totalCount : null;
  const result: KindResult = { kind, total, exact: total !== null };
  if (top > 0) result.items = results.slice(0, top).map((r) => compact(toItem(r)));
  return result;
}

/** The two V1 directories search_api reads: list and search paths, fields, how a match shows. */
const V1_DIRECTORIES = {
  users: {
    list: '/systemusers',
    search: '/search/systemusers',
    fields: USER_FIELDS,
    searchFields: USER_SEARCH_FIELDS,
    toItem: userItem,
  },
  devices: {
    list: '/systems',
    search: '/search/systems',
    fields: DEVICE_FIELDS,
    searchFields: DEVICE_SEARCH_FIELDS,
    toItem: deviceItem,
  },
} as const;

async function lookupV1Directory({
  lookup,
  top,
  deps,
  kind,
}: LookupInput & { kind: keyof typeof V1_DIRECTORIES }): Promise<KindResult> {
  const directory = V1_DIRECTORIES[kind];
  const query = { limit: Math.max(top, 1), skip: 0, fields: directory.fields };
  const querySerializer = (q: Record<string, string | number | undefined>) =>
    v1QueryString(q, lookup.filters);
  const data =
    lookup.text === undefined
      ? unwrap(
          await deps.api.v1.GET(directory.list, {
            params: { query },
            querySerializer,
            signal: deps.signal,
          }),
        )
      : unwrap(
          await deps.api.v1.POST(directory.search, {
            params: { query },
            body: searchBody({ searchTerm: lookup.text, fields: directory.searchFields }),
            querySerializer,
            signal: deps.signal,
          }),
        );
  return v1Result({ kind, top, data, toItem: directory.toItem });
}

/** Reads V2's `x-total-count`; null when absent or not a number. */
export function totalCountHeader(response: Response): number | null {
  const raw = response.headers.get('x-total-count');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

async function lookupGroups({ lookup, top, deps }: LookupInput): Promise<KindResult> {
  const filter = lookup.text === undefined ? [] : [`name:search:${lookup.text}`];
  const fetchPage = async (limit: number, skip: number) => {
    const params = { query: { limit, skip, filter, fields: ['id', 'name'] } };
    const init = { params, querySerializer: v2QueryString, signal: deps.signal };
    if (lookup.kind === 'user_groups') {
      const result = await deps.api.v2.GET('/usergroups', init);
      return {
        items: (unwrap(result) ?? []) as Record<string, unknown>[],
        total: totalCountHeader(result.response),
      };
    }
    const result = await deps.api.v2.GET('/systemgroups', init);
    return {
      items: (unwrap(result) ?? []) as Record<string, unknown>[],
      total: totalCountHeader(result.response),
    };
  };
  const first = await fetchPage(Math.max(top, 1), 0);
  const result: KindResult = { kind: lookup.kind, total: first.total, exact: first.total !== null };
  if (top > 0) result.items = first.items.slice(0, top).map((g) => compact(groupItem(g)));
  if (first.total !== null) return result;
  if (first.items.length < Math.max(top, 1))
    return { ...result, total: first.items.length, exact: true };
  // No header: count page by page, up to the cap.
  let counted = 0;
  for (let skip = 0; skip < V2_COUNT_CAP; skip += PAGE) {
    const page = await fetchPage(PAGE, skip);
    counted += page.items.length;
    if (page.items.length < PAGE) return { ...result, total: counted, exact: true };
  }
  return { ...result, total: counted, exact: false };
}

async function lookupApplications({ lookup, top, deps }: LookupInput): Promise<KindResult> {
  if (lookup.text === undefined) {
    const data = unwrap(
      await deps.api.v1.GET('/applications', {
        params: { query: { limit: Math.max(top, 1), skip: 0 } },
        signal: deps.signal,
      }),
    );
    return v1Result({ kind: 'applications', top, data, toItem: appItem });
  }
  // V1 /applications filters are exact and case sensitive: match names case-insensitively here.
  const needle = lookup.text.toLowerCase();
  const matches: FoundItem[] = [];
  let scanned = 0;
  let total: number | null = null;
  while (scanned < APP_SCAN_CAP) {
    const data = unwrap(
      await deps.api.v1.GET('/applications', {
        params: { query: { limit: PAGE, skip: scanned } },
        signal: deps.signal,
      }),
    );
    const page = (data?.results ?? []) as Record<string, unknown>[];
    total = typeof data?.totalCount === 'number' ? data.totalCount : null;
    for (const app of page) {
      const item = appItem(app);
      const haystack = [item.name, str(app.name), str(app.displayName), str(app.description)]
        .join(' ')
        .toLowerCase();
      if (haystack.includes(needle)) matches.push(compact(item));
    }
    scanned += page.length;
    if (page.length < PAGE || (total !== null && scanned >= total)) break;
  }
  const complete = total === null ? scanned < APP_SCAN_CAP : scanned >= total;
  const result: KindResult = { kind: 'applications', total: matches.length, exact: complete };
  if (top > 0) result.items = matches.slice(0, top);
  return result;
}
