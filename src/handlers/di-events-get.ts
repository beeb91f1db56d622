/**
 * di_events_get: Directory Insights events (`POST /events`) for a time range, newest first, with
 * the cursor for the next page. Times may be relative ("7d") or RFC 3339.
 */
import type { Upstream } from '../../generated/upstream.js';
import { largestFitting } from '../mcp/result-budget.js';
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
  const { sort: _sort, search_after: _after, ...query } = body;
  const page = await fetchPage({ body, deps });
  const out: DiEventsResult = { query, count: page.count, events: page.events };
  if (page.next !== undefined) out.next_search_after = page.next;
  if (note !== undefined) out.note = note;
  const { resultShare } = deps;
  const share = resultShare?.(out) ?? 0;
  if (resultShare === undefined || share <= 1) return out;
  const fitsBudget = (result: DiEventsResult) => resultShare(result) <= 1;

  // Too long for one result: keep the most whole events that fit, and ask for exactly that many
  // again, so the cursor JumpCloud returns points right after the last event shown.
  const cutResult = (events: Record<string, unknown>[], next?: (number | string)[]) => {
    const cut: DiEventsResult = { query, count: events.length, events };
    if (next !== undefined) cut.next_search_after = next;
    cut.note = [note, `${BUDGET_NOTE} (${events.length} of the ${page.count} events fetched).`]
      .filter(Boolean)
      .join(' ');
    return cut;
  };
  const fits = (n: number) => fitsBudget(cutResult(page.events.slice(0, n), page.next));
  const low = largestFitting({ total: page.events.length, share, fits, least: 1 });
  for (let limit = low; ; limit--) {
    const shown = await fetchPage({ body: { ...body, limit }, deps });
    const cut = cutResult(shown.events, shown.next);
    if (limit === 1 || fitsBudget(cut)) return cut;
  }
}

const BUDGET_NOTE =
  'Stopped at the result budget; pass next_search_after as search_after, with the same other arguments, for the next events';

async function fetchPage({ body, deps }: { body: DiEventsBody; deps: ToolDeps<Upstream> }) {
  const result = await deps.api.insights.POST('/events', { body });
  const events = ((unwrap(result) ?? []) as Record<string, unknown>[]).map(compactEvent);
  const headers = result.response.headers;
  const count = parseCountHeader(headers.get('x-result-count')) ?? events.length;
  const pageLimit = parseCountHeader(headers.get('x-limit')) ?? body.limit;
  const cursor = parseSearchAfter(headers.get('x-search_after'));
  // The header is sent even on the last page: more pages exist only when this one is full.
  const next =
    cursor !== undefined && count >= Math.min(pageLimit, body.limit) ? cursor : undefined;
  return { events, count, next };
}
