/**
 * di_events_get: Directory Insights events (`POST /events`) for a time range, newest first, with
 * the cursor for the next page. Times may be relative ("7d") or RFC 3339.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { unwrap } from '../upstream/unwrap.js';
import { buildEventsBody, compactEvent, parseCountHeader, parseSearchAfter } from './di-query.js';
import type { DiEventsArgs, DiEventsBody } from './di-query.js';

export type { DiEventsArgs } from './di-query.js';

export interface DiEventsResult {
  /** The query as sent: services, UTC times, filters. */
  query: Omit<DiEventsBody, 'search_after' | 'sort'>;
  /** Number of events in this page (`X-Result-Count`). */
  count: number;
  events: Record<string, unknown>[];
  /** Pass as `search_after` (with the same other arguments) for the next, older page; absent on the last page. */
  next_search_after?: (number | string)[];
  note?: string;
}

export async function diEventsGet(
  args: DiEventsArgs,
  deps: ToolDeps<Upstream>,
): Promise<DiEventsResult> {
  const { body, note } = buildEventsBody(args, new Date());
  const result = await deps.api.insights.POST('/events', { body, signal: deps.signal });
  const events = ((unwrap(result) ?? []) as Record<string, unknown>[]).map(compactEvent);
  const headers = result.response.headers;
  const count = parseCountHeader(headers.get('x-result-count')) ?? events.length;
  const pageLimit = parseCountHeader(headers.get('x-limit')) ?? body.limit;
  const cursor = parseSearchAfter(headers.get('x-search_after'));

  const { sort: _sort, search_after: _after, ...query } = body;
  const out: DiEventsResult = { query, count, events };
  // The header is sent even on the last page: more pages exist only when this one is full.
  if (cursor !== undefined && count >= Math.min(pageLimit, body.limit))
    out.next_search_after = cursor;
  if (note !== undefined) out.note = note;
  return out;
}
