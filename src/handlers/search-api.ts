/**
 * search_api: one question in plain language, answered across users, devices, user groups, device
 * groups and applications. Counting questions get counts (never a listing of every object); other
 * questions get the first few matches per kind, with ids, and the total per kind.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { ToolError } from '../upstream/errors.js';
import { runLookup } from './search-lookups.js';
import type { FoundItem, KindResult } from './search-lookups.js';
import { planSearch } from './search-plan.js';
import type { KindLookup } from './search-plan.js';
import { MAX_QUERY_LENGTH, OTHER_KINDS, parseSearchQuery } from './search-query.js';

/** Matches returned per kind for a search (not a count). */
export const SEARCH_TOP = 5;

export interface SearchApiArgs {
  query: string;
}

export interface SearchApiKindResult {
  kind: KindLookup['kind'];
  /** What was looked for, e.g. ["Windows", "online"]; omitted when nothing narrowed the kind. */
  qualifiers?: string[];
  text?: string;
  /** Null when JumpCloud did not report a total. */
  total: number | null;
  /** Present and false when `total` is a lower bound. */
  exact?: false;
  items?: FoundItem[];
  /** Why this kind has no answer (the other kinds still do). */
  error?: string;
}

export interface SearchApiResult {
  interpretation: string;
  mode: 'count' | 'search';
  /** For counting questions: one line per count, e.g. "devices (Windows): 42". */
  answer?: string;
  results: SearchApiKindResult[];
  /** Words of the question that qualify kinds it did not ask about, so they were not applied. */
  ignored?: string[];
  hint?: string;
}

const EXAMPLES =
  '"How many Windows devices are there?", "count suspended users", "macOS 14 devices", "jane.doe"';

export async function searchApi(
  args: SearchApiArgs,
  deps: ToolDeps<Upstream>,
): Promise<SearchApiResult> {
  const query = args.query.trim();
  if (query.length === 0)
    throw new ToolError(`query is empty. Ask a question or give text to find, e.g. ${EXAMPLES}.`);
  if (query.length > MAX_QUERY_LENGTH) {
    throw new ToolError(
      `query is ${query.length} characters long; keep it under ${MAX_QUERY_LENGTH}, e.g. ${EXAMPLES}.`,
    );
  }
  const parsed = parseSearchQuery(query);
  const elsewhere = parsed.elsewhere.map((kind) => `${kind}: use ${OTHER_KINDS[kind]}`);
  const namesOnlyOthers =
    parsed.elsewhere.length > 0 &&
    parsed.kinds.length === 0 &&
    parsed.os.length === 0 &&
    parsed.userStates.length === 0 &&
    parsed.deviceStates.length === 0;
  if (namesOnlyOthers) {
    throw new ToolError(
      `search_api covers users, devices, user groups, device groups and applications. For ${elsewhere.join('; ')}.`,
    );
  }
  const plan = planSearch(parsed);
  const top = plan.mode === 'count' ? 0 : SEARCH_TOP;
  const settled = await Promise.allSettled(
    plan.lookups.map((lookup) => runLookup({ lookup, top, deps })),
  );

  const results: SearchApiKindResult[] = [];
  let failures = 0;
  settled.forEach((outcome, i) => {
    const lookup = plan.lookups[i] as KindLookup;
    const base: SearchApiKindResult = { kind: lookup.kind, total: null };
    if (lookup.qualifiers.length > 0) base.qualifiers = lookup.qualifiers;
    if (lookup.text !== undefined) base.text = lookup.text;
    if (outcome.status === 'rejected') {
      if (!(outcome.reason instanceof ToolError)) throw outcome.reason;
      failures++;
      results.push({ ...base, error: outcome.reason.message });
      return;
    }
    results.push(withOutcome(base, outcome.value));
  });
  if (failures === settled.length) {
    const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    throw first?.reason;
  }

  const result: SearchApiResult = { interpretation: plan.interpretation, mode: plan.mode, results };
  if (plan.mode === 'count') result.answer = results.map(answerLine).join('\n');
  if (plan.ignored.length > 0) result.ignored = plan.ignored;
  const hints: string[] = [];
  if (plan.mode === 'search' && results.every((r) => r.total === 0)) {
    hints.push(
      `Nothing matched. Try fewer words, a username, email, hostname or group name, or a question such as ${EXAMPLES}.`,
    );
  }
  if (elsewhere.length > 0) hints.push(`Not searched here: ${elsewhere.join('; ')}.`);
  if (hints.length > 0) result.hint = hints.join(' ');
  return result;
}

function withOutcome(base: SearchApiKindResult, found: KindResult): SearchApiKindResult {
  const out: SearchApiKindResult = { ...base, total: found.total };
  if (!found.exact && found.total !== null) out.exact = false;
  if (found.items !== undefined && found.items.length > 0) out.items = found.items;
  return out;
}

function answerLine(r: SearchApiKindResult): string {
  const label = r.kind.replace('_', ' ');
  const what = `${label}${r.qualifiers ? ` (${r.qualifiers.join(', ')})` : ''}${r.text === undefined ? '' : ` matching "${r.text}"`}`;
  if (r.error !== undefined) return `${what}: unavailable (${r.error})`;
  if (r.total === null) return `${what}: JumpCloud did not report a total`;
  return `${what}: ${r.exact === false ? 'at least ' : ''}${r.total}`;
}
