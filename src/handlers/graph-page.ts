/**
 * Reading a page of V2 graph records (`GraphObjectWithPaths`): each object's id, whether it is
 * bound directly (a one-hop path) and the user groups it is bound through (the group hop of a
 * two-hop path), the total JumpCloud reports, and where the next page starts.
 */
import type { FetchResult } from '../upstream/unwrap.js';
import { unwrap } from '../upstream/unwrap.js';

export const DEFAULT_LIMIT = 50;

interface GraphHop {
  to?: { id?: string; type?: string };
}

export interface GraphItem {
  id: string;
  direct: boolean;
  /** User groups it is reached through, in path order, each once. */
  groupIds: string[];
}

export interface GraphPage {
  items: GraphItem[];
  /** `x-total-count`, when JumpCloud sent it. */
  total?: number;
}

export function readGraphPage(result: FetchResult<unknown>): GraphPage {
  const records = (unwrap(result) ?? []) as { id?: string; paths?: GraphHop[][] }[];
  const items = records.map((record): GraphItem => {
    const paths = record.paths ?? [];
    const groupIds = paths
      .filter((path) => path.length > 1)
      .flatMap((path) =>
        path.filter((hop) => hop.to?.type === 'user_group').map((hop) => hop.to!.id!),
      )
      .filter((id, i, all) => id && all.indexOf(id) === i);
    return {
      id: String(record.id),
      direct: paths.length === 0 || paths.some((p) => p.length === 1),
      groupIds,
    };
  });
  const header = result.response.headers.get('x-total-count');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  return total === undefined ? { items } : { items, total };
}

/** The list a tool returns: rows, how many, and the `skip` of the next page when there is one. */
export interface ListResult<Row> {
  results: Row[];
  count: number;
  total?: number;
  next_skip?: number;
}

export function listResult<Row>({
  rows,
  page,
  skip,
  limit,
}: {
  rows: Row[];
  page: GraphPage;
  skip: number;
  limit: number;
}): ListResult<Row> {
  const out: ListResult<Row> = { results: rows, count: rows.length };
  if (page.total !== undefined) out.total = page.total;
  const more = page.total !== undefined ? skip + rows.length < page.total : rows.length >= limit;
  if (more && rows.length > 0) out.next_skip = skip + rows.length;
  return out;
}

/** `via`: `direct` and/or the names of the groups an object is reached through. */
export function viaOf(item: GraphItem, groupNames: Map<string, string>): string[] {
  return [
    ...(item.direct ? ['direct'] : []),
    ...item.groupIds.map((id) => groupNames.get(id) ?? id),
  ];
}
