/**
 * search_api: one question in plain language, answered across users, devices, user groups, device
 * groups and applications. Every answer says how the question was read (the JumpCloud filters
 * applied, so a model can correct them), the count per kind, and names the first matches with ids
 * (`skip` reads on). A question it cannot read gets what it understood and what can be asked.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { ToolError } from '../upstream/errors.js';
import { runLookup } from './search-lookups.js';
import type { FoundItem, KindResult } from './search-lookups.js';
import { CATEGORY_LABEL, planSearch } from './search-plan.js';
import type { KindLookup, SearchPlan } from './search-plan.js';
import { MAX_QUERY_LENGTH, OTHER_KINDS, parseSearchQuery } from './search-query.js';
import type { ParsedQuery } from './search-query.js';
import { resolveTokens } from './search-resolve.js';
import type { Resolved } from './search-resolve.js';
import { loadVocabulary, lookupPhrase, namesInQuestion } from './search-vocabulary.js';
import type { Vocabulary } from './search-vocabulary.js';

/** Matches named per kind unless `limit` says otherwise. */
export const SEARCH_TOP = 10;

export interface SearchApiArgs {
  query: string;
  skip?: number;
}

export interface SearchApiKindResult {
  kind: KindLookup['kind'];
  /** The JumpCloud filters applied, as sent (V1 `field:$op:value`, V2 `name:op:value`). */
  filters?: string[];
  text?: string;
  /** Null when JumpCloud did not report a total. */
  total: number | null;
  /** Present and false when `total` is a lower bound. */
  exact?: false;
  items?: FoundItem[];
  /** Ask again with this `skip` for the next matches. */
  next_skip?: number;
  /** Why this kind has no answer (the other kinds still do). */
  error?: string;
}

export interface SearchApiResult {
  interpretation: string;
  mode: 'count' | 'search';
  /** One line per kind: what was counted and how many. */
  answer: string;
  results: SearchApiKindResult[];
  /** Qualifiers that do not apply to the kinds asked about, so they were not applied. */
  ignored?: string[];
  hint?: string;
}

const EXAMPLES =
  '"How many Windows devices are there?", "which users in Finance are suspended?", "devices not checked in for 30 days", "jane.doe"';

/** What search_api understands, for questions it could not read. */
export const CAN_ASK =
  'Ask about users (suspended, locked, password expired, pending, MFA enrolled or not, by department, job title, employee type or group), ' +
  'devices (OS and version, online or offline, "not checked in for 30 days", by device group), groups (by name, "more than 10 members"), ' +
  'applications (by name), or any name, email or hostname, in part or "exactly"; start with "how many" for a count.';

function validate(args: SearchApiArgs): string {
  const query = args.query.trim();
  if (query.length === 0)
    throw new ToolError(`query is empty. Ask a question or give text to find, e.g. ${EXAMPLES}.`);
  if (query.length > MAX_QUERY_LENGTH) {
    throw new ToolError(
      `query is ${query.length} characters long; keep it under ${MAX_QUERY_LENGTH}, e.g. ${EXAMPLES}.`,
    );
  }
  if (args.skip !== undefined && (!Number.isInteger(args.skip) || args.skip < 0))
    throw new ToolError(`skip must be a whole number, 0 or more; got ${args.skip}.`);
  return query;
}

/** Words that open a question, capitalized or not: never part of a name. */
const OPENERS =
  /^(which|what|who|whom|whose|how|where|when|show|list|find|get|give|tell|please|are|is|do|does|did|can|could|would|should|i|we|my|our|the|a|an)$/i;

/** Whether any word left over might name one of the organization's values ("R&D", "IT", "All"). */
const needsVocabulary = (q: ParsedQuery): boolean =>
  q.members ||
  q.tokens.some(
    (t) => 'marker' in t || !t.stop || (/^[A-Z]/.test(t.word) && !OPENERS.test(t.word)),
  );

/** Nothing read at all: no kind, qualifier, count or word. */
const readsNothing = (q: ParsedQuery): boolean =>
  !q.count &&
  q.kinds.length === 0 &&
  q.os.length === 0 &&
  q.userStates.length === 0 &&
  q.deviceStates.length === 0 &&
  q.lastContact === undefined &&
  q.groupSize === undefined &&
  !q.tokens.some((t) => 'marker' in t || !t.stop);

export async function searchApi(
  args: SearchApiArgs,
  deps: ToolDeps<Upstream>,
): Promise<SearchApiResult> {
  const query = validate(args);
  let parsed = parseSearchQuery(query);
  const elsewhere = parsed.elsewhere.map((kind) => `${kind}: use ${OTHER_KINDS[kind]}`);
  if (elsewhere.length > 0 && readsNothing({ ...parsed, count: false })) {
    throw new ToolError(
      `search_api covers users, devices, user groups, device groups and applications. For ${elsewhere.join('; ')}.`,
    );
  }
  if (readsNothing(parsed)) {
    return {
      interpretation: 'Nothing in the question names objects, states or text to find.',
      mode: 'search',
      answer: 'Nothing was searched.',
      results: [],
      hint: CAN_ASK,
    };
  }
  let vocab: Vocabulary | undefined;
  if (needsVocabulary(parsed)) {
    vocab = await loadVocabulary(deps).catch(() => undefined);
    const names = vocab ? namesInQuestion(query, vocab) : [];
    if (names.length > 0) parsed = parseSearchQuery(query, names);
  }
  const resolved = resolveTokens(parsed.tokens, vocab);
  const plan = planSearch(parsed, resolved, Date.now());
  const top = SEARCH_TOP;
  const skip = args.skip ?? 0;
  const settled = await Promise.allSettled(
    plan.lookups.map((lookup) => runLookup({ lookup, top, skip, deps })),
  );
  const results: SearchApiKindResult[] = [];
  let failures = 0;
  settled.forEach((outcome, i) => {
    const lookup = plan.lookups[i] as KindLookup;
    const base: SearchApiKindResult = { kind: lookup.kind, total: null };
    const filters = appliedFilters(lookup);
    if (filters.length > 0) base.filters = filters;
    if (lookup.text !== undefined) base.text = lookup.text;
    if (outcome.status === 'rejected') {
      if (!(outcome.reason instanceof ToolError)) throw outcome.reason;
      failures++;
      results.push({ ...base, error: outcome.reason.message });
      return;
    }
    results.push(withOutcome({ base, found: outcome.value, skip }));
  });
  if (failures === settled.length) {
    const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    throw first?.reason;
  }
  return finish({ plan, results, resolved, vocab, elsewhere, skip });
}

function finish({
  plan,
  results,
  resolved,
  vocab,
  elsewhere,
  skip,
}: {
  skip: number;
  plan: SearchPlan;
  results: SearchApiKindResult[];
  resolved: Resolved;
  vocab: Vocabulary | undefined;
  elsewhere: string[];
}): SearchApiResult {
  const result: SearchApiResult = {
    interpretation: plan.interpretation,
    mode: plan.mode,
    answer: results
      .map((r, i) => answerLine({ r, l: plan.lookups[i] as KindLookup, skip }))
      .join('\n'),
    results,
  };
  if (plan.ignored.length > 0) result.ignored = plan.ignored;
  const hints: string[] = [];
  const unread = resolved.text ?? resolved.scoped.map((s) => s.text).join(' ');
  if (results.every((r) => r.total === 0) && unread.length > 0) {
    // Words that named nothing and matched nothing: say so, and what can be asked.
    const names = vocab ? lookupPhrase(vocab, unread).map((e) => CATEGORY_LABEL[e.category]) : [];
    hints.push(
      names.length > 0
        ? `Nothing matched. "${unread}" is ${[...new Set(names)].join(' and ')} here.`
        : `Nothing matched. "${unread}" is not a department, job title, employee type, group or application here` +
            `${vocab?.complete === false ? ' (of those read)' : ''}, and no name, email or hostname contains it.`,
    );
    const departments = vocab?.entries
      .filter((e) => e.category === 'department')
      .map((e) => e.value);
    if (departments && departments.length > 0)
      hints.push(`Departments: ${departments.slice(0, 12).join(', ')}.`);
    hints.push(CAN_ASK);
  }
  if (elsewhere.length > 0) hints.push(`Not searched here: ${elsewhere.join('; ')}.`);
  if (hints.length > 0) result.hint = hints.join(' ');
  return result;
}

/** The filters a lookup applies, in JumpCloud's syntax, for the model to check and correct. */
function appliedFilters(l: KindLookup): string[] {
  const out = [...l.filters];
  if (l.memberOf)
    out.unshift(
      `member of ${l.memberOf.kind.replace('_', ' ')} ${l.memberOf.id} (${l.memberOf.name})`,
    );
  if (l.names)
    out.push(l.names.length === 1 ? `name:eq:${l.names[0]}` : `name:in:${l.names.join('|')}`);
  if (l.groupSize) out.push(`members:${l.groupSize.op}:${l.groupSize.n}`);
  if (l.text !== undefined && l.searchFields) out.push(`text in ${l.searchFields.join(', ')}`);
  if (l.text !== undefined && l.exact) out.push('text matched exactly');
  return out;
}

function withOutcome({
  base,
  found,
  skip,
}: {
  base: SearchApiKindResult;
  found: KindResult;
  skip: number;
}): SearchApiKindResult {
  const out: SearchApiKindResult = { ...base, total: found.total };
  if (!found.exact && found.total !== null) out.exact = false;
  if (found.items !== undefined && found.items.length > 0) {
    out.items = found.items;
    const next = skip + found.items.length;
    if (found.total === null || next < found.total) out.next_skip = next;
  }
  return out;
}

const KIND_LABEL = {
  users: 'users',
  devices: 'devices',
  user_groups: 'user groups',
  device_groups: 'device groups',
  applications: 'applications',
} as const;

function answerLine({
  r,
  l,
  skip,
}: {
  r: SearchApiKindResult;
  l: KindLookup;
  skip: number;
}): string {
  const quals = l.qualifiers.length > 0 ? ` (${l.qualifiers.join(', ')})` : '';
  const text = r.text === undefined ? '' : ` ${l.exact ? 'named exactly' : 'matching'} "${r.text}"`;
  const what = `${KIND_LABEL[r.kind]}${quals}${text}`;
  if (r.error !== undefined) return `${what}: unavailable (${r.error})`;
  if (r.total === null) return `${what}: JumpCloud did not report a total`;
  const count = `${what}: ${r.exact === false ? 'at least ' : ''}${r.total}`;
  if (r.items === undefined) return count;
  const all = skip === 0 && r.items.length === r.total;
  const shown = all ? 'all listed' : `${r.items.length} listed from ${skip + 1}`;
  return r.next_skip === undefined
    ? `${count}, ${shown}`
    : `${count}, ${shown}; skip: ${r.next_skip} for more`;
}
