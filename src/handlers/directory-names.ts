/**
 * Names for the ids a graph call returns, one upstream request per kind of object however many ids
 * a page holds: users through V1 `POST /search/systemusers`, devices through `POST /search/systems`
 * (a filter on the page's ids), user groups through V2 `GET /usergroups?filter=id:in:...` and
 * applications through V1 `GET /applications?filter=_id:$in:...`. An id JumpCloud no longer
 * knows is simply left unnamed.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { unwrap } from '../upstream/unwrap.js';

/** JumpCloud reads at most this many records per page, so a page of ids is named in one call. */
export const NAME_PAGE = 100;

type Record_ = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export interface UserNames {
  username?: string;
  email?: string;
  name?: string;
}

export interface DeviceNames {
  hostname?: string;
  displayName?: string;
  os?: string;
}

function unique(ids: readonly string[]): string[] {
  const out = [...new Set(ids)];
  if (out.length > NAME_PAGE) throw new Error(`at most ${NAME_PAGE} ids are named at once`);
  return out;
}

/** V1 search filter on `_id`: any of the ids. The spec types `filter` loosely; this is its documented form. */
const anyId = (ids: string[]) => ({ or: ids.map((_id) => ({ _id })) }) as unknown as never;

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export async function nameUsers(
  deps: ToolDeps<Upstream>,
  ids: readonly string[],
): Promise<Map<string, UserNames>> {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map();
  const body = unwrap(
    await deps.api.v1.POST('/search/systemusers', {
      params: { query: { limit: wanted.length } },
      body: { filter: anyId(wanted), fields: 'username email firstname lastname displayname' },
    }),
  ) as { results?: Record_[] } | null;
  return new Map(
    (body?.results ?? []).map((u) => {
      const full = [str(u.firstname), str(u.lastname)].filter(Boolean).join(' ');
      const names: UserNames = {
        username: str(u.username),
        email: str(u.email),
        name: str(u.displayname) ?? (full || undefined),
      };
      return [String(u._id ?? u.id), compact(names)];
    }),
  );
}

export async function nameDevices(
  deps: ToolDeps<Upstream>,
  ids: readonly string[],
): Promise<Map<string, DeviceNames>> {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map();
  const body = unwrap(
    await deps.api.v1.POST('/search/systems', {
      params: { query: { limit: wanted.length } },
      body: { filter: anyId(wanted), fields: 'hostname displayName os' },
    }),
  ) as { results?: Record_[] } | null;
  return new Map(
    (body?.results ?? []).map((s) => {
      const names: DeviceNames = {
        hostname: str(s.hostname),
        displayName: str(s.displayName),
        os: [str(s.os), str(s.version)].filter(Boolean).join(' ') || undefined,
      };
      return [String(s._id ?? s.id), compact(names)];
    }),
  );
}

export async function nameUserGroups(
  deps: ToolDeps<Upstream>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map();
  const groups = unwrap(
    await deps.api.v2.GET('/usergroups', {
      params: { query: { filter: [`id:in:${wanted.join('|')}`], limit: wanted.length } },
    }),
  ) as Record_[] | null;
  return new Map((groups ?? []).map((g) => [String(g.id), str(g.name) ?? String(g.id)]));
}

export async function nameApplications(
  deps: ToolDeps<Upstream>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map();
  const body = unwrap(
    await deps.api.v1.GET('/applications', {
      params: {
        query: {
          filter: `_id:$in:${wanted.join('|')}`,
          fields: 'name displayLabel',
          limit: wanted.length,
        },
      },
    }),
  ) as { results?: Record_[] } | null;
  return new Map(
    (body?.results ?? []).map((a) => [
      String(a._id ?? a.id),
      str(a.displayLabel) ?? str(a.name) ?? String(a._id),
    ]),
  );
}
