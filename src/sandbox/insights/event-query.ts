/**
 * Directory Insights queries: service, start/end time, search_term (and/or/not, field maps and the
 * explicit operator form), q (full text), exact_match, sort, fields, skip, limit and search_after.
 */
import { DI_SERVICES } from '../../jumpcloud/di-services.js';
import { SandboxHttpError } from '../query/bad-request.js';
import { getPath, projectFields } from '../query/record-path.js';
import type { DiEvent, JsonRecord } from '../types.js';

export const DI_DEFAULT_LIMIT = 1000;
export const DI_MAX_LIMIT = 10_000;

const bad = (message: string) => new SandboxHttpError({ status: 400, message, body: { message } });

type EventPredicate = (event: DiEvent) => boolean;

function lowerText(value: unknown): string {
  return typeof value === 'string'
    ? value.toLowerCase()
    : JSON.stringify(value ?? null).toLowerCase();
}

function scalarMatches(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => scalarMatches(a, wanted));
  if (typeof wanted === 'string') {
    if (typeof actual === 'boolean' || typeof actual === 'number')
      return String(actual) === wanted.toLowerCase();
    return typeof actual === 'string' && actual.toLowerCase() === wanted.toLowerCase();
  }
  return actual === wanted;
}

function operatorTerm(term: JsonRecord): EventPredicate {
  const { field, operator = undefined, value } = term;
  if (typeof field !== 'string' || field === '')
    throw bad('search_term operator form needs "field" (string)');
  const op = typeof operator === 'string' ? operator : Array.isArray(value) ? 'in' : 'eq';
  const text = (v: unknown) => String(v ?? '').toLowerCase();
  return (event) => {
    const actual = getPath(event, field);
    switch (op) {
      case 'eq':
        return scalarMatches(actual, value);
      case 'ne':
        return !scalarMatches(actual, value);
      case 'contains':
        return typeof actual === 'string' && actual.toLowerCase().includes(text(value));
      case 'startsWith':
        return typeof actual === 'string' && actual.toLowerCase().startsWith(text(value));
      case 'endsWith':
        return typeof actual === 'string' && actual.toLowerCase().endsWith(text(value));
      case 'in':
        return Array.isArray(value) && value.some((v) => scalarMatches(actual, v));
      case 'not_in':
        return Array.isArray(value) && !value.some((v) => scalarMatches(actual, v));
      case 'lt':
      case 'gt':
      case 'lte':
      case 'gte': {
        const a = Number(actual);
        const b = Number(value);
        if (Number.isNaN(a) || Number.isNaN(b)) return false;
        return op === 'lt' ? a < b : op === 'gt' ? a > b : op === 'lte' ? a <= b : a >= b;
      }
      case 'before':
      case 'after': {
        const a = Date.parse(String(actual));
        const b = Date.parse(String(value));
        return !Number.isNaN(a) && !Number.isNaN(b) && (op === 'before' ? a < b : a > b);
      }
      default:
        throw bad(`unknown search_term operator "${op}"`);
    }
  };
}

function termPredicate(term: unknown): EventPredicate {
  if (term === null || typeof term !== 'object' || Array.isArray(term))
    throw bad('each search_term entry must be an object');
  const record = term as JsonRecord;
  if ('and' in record || 'or' in record || 'not' in record) return searchTermPredicate(record);
  if ('field' in record && 'value' in record) return operatorTerm(record);
  const parts = Object.entries(record).map(([field, wanted]): EventPredicate => {
    if (Array.isArray(wanted))
      return (event) => wanted.some((w) => scalarMatches(getPath(event, field), w));
    return (event) => scalarMatches(getPath(event, field), wanted);
  });
  return (event) => parts.every((p) => p(event));
}

function listOf(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object')
    return Object.entries(value).map(([k, v]) => ({ [k]: v }));
  throw bad(`search_term.${name} must be a list of terms`);
}

export function searchTermPredicate(searchTerm: JsonRecord): EventPredicate {
  const parts: EventPredicate[] = [];
  if (searchTerm.and !== undefined) {
    const terms = listOf(searchTerm.and, 'and').map(termPredicate);
    parts.push((e) => terms.every((t) => t(e)));
  }
  if (searchTerm.or !== undefined) {
    const terms = listOf(searchTerm.or, 'or').map(termPredicate);
    if (terms.length > 0) parts.push((e) => terms.some((t) => t(e)));
  }
  if (searchTerm.not !== undefined) {
    const terms = listOf(searchTerm.not, 'not').map(termPredicate);
    parts.push((e) => !terms.some((t) => t(e)));
  }
  return (e) => parts.every((p) => p(e));
}

function parseTime(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw bad(
      `${name} must be an RFC 3339 time such as 2020-01-01T14:00:00Z, got ${JSON.stringify(value)}`,
    );
  return ms;
}

export interface EventQuery {
  predicate: EventPredicate;
  sort: 'ASC' | 'DESC';
  limit: number;
  skip: number;
  searchAfter?: [number, string];
  fields: string[];
}

/** Validates a request body and turns it into a query, with the errors the service gives. */
export function parseEventQuery(body: JsonRecord, now: number): EventQuery {
  const {
    service,
    start_time,
    end_time,
    search_term,
    q,
    exact_match,
    sort,
    fields,
    limit,
    skip,
    search_after,
  } = body;
  if (!Array.isArray(service) || service.length === 0)
    throw bad(`service is required: a list of one or more of ${DI_SERVICES.join(', ')}`);
  const services = service.map((s) => (s === 'alert' ? 'alerts' : s));
  const unknown = services.filter((s) => !(DI_SERVICES as readonly unknown[]).includes(s));
  if (unknown.length > 0)
    throw bad(
      `unknown service ${JSON.stringify(unknown)}; supported values are ${DI_SERVICES.join(', ')}`,
    );
  if (start_time === undefined)
    throw bad('start_time is required (RFC 3339, e.g. 2020-01-01T14:00:00Z)');
  const start = parseTime(start_time, 'start_time')!;
  if (start > now) throw bad('start_time must not be in the future');
  const end = parseTime(end_time, 'end_time');
  if (end !== undefined && end < start) throw bad('end_time must come after start_time');
  const predicates: EventPredicate[] = [];
  if (!services.includes('all')) {
    const wanted = new Set(services);
    predicates.push((e) => wanted.has(e.service === 'alert' ? 'alerts' : e.service));
  }
  predicates.push((e) => {
    const t = Date.parse(e.timestamp);
    return t >= start && (end === undefined || t <= end);
  });
  if (search_term !== undefined) {
    if (search_term === null || typeof search_term !== 'object' || Array.isArray(search_term))
      throw bad('search_term must be an object with and, or or not');
    predicates.push(searchTermPredicate(search_term as JsonRecord));
  }
  if (q !== undefined && q !== '') {
    if (typeof q !== 'string') throw bad('q must be a string');
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    predicates.push((e) => {
      const text = lowerText(e);
      return words.every((w) => text.includes(w));
    });
  }
  if (exact_match !== undefined && exact_match !== '') {
    if (typeof exact_match !== 'string') throw bad('exact_match must be a string');
    const needle = exact_match.toLowerCase();
    const leaves = (value: unknown): boolean =>
      typeof value === 'object' && value !== null
        ? Object.values(value).some(leaves)
        : String(value).toLowerCase() === needle;
    predicates.push((e) => leaves(e));
  }
  const parsedLimit =
    typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit <= DI_MAX_LIMIT
      ? limit
      : DI_DEFAULT_LIMIT;
  const parsedSkip = typeof skip === 'number' && Number.isInteger(skip) && skip > 0 ? skip : 0;
  let after: [number, string] | undefined;
  if (search_after !== undefined) {
    if (
      !Array.isArray(search_after) ||
      search_after.length !== 2 ||
      typeof search_after[0] !== 'number' ||
      typeof search_after[1] !== 'string'
    ) {
      throw bad(
        'search_after must be the two-element array from the X-Search_after response header, e.g. [1576181718000, "DZrPyW8BNsa9iKWoOm7h"]',
      );
    }
    after = [search_after[0], search_after[1]];
  }
  let fieldList: string[] = [];
  if (fields !== undefined) {
    if (
      !Array.isArray(fields) ||
      fields.length === 0 ||
      !fields.every((f) => typeof f === 'string' && f !== '')
    ) {
      throw bad('fields must be a non-empty list of event field names');
    }
    fieldList = fields as string[];
  }
  return {
    predicate: (e) => predicates.every((p) => p(e)),
    sort: typeof sort === 'string' && sort.toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
    limit: parsedLimit,
    skip: parsedSkip,
    ...(after ? { searchAfter: after } : {}),
    fields: fieldList,
  };
}

/** Position key of an event for search_after: [epoch ms, id]. */
export function sortKey(event: DiEvent): [number, string] {
  return [Date.parse(event.timestamp), event.id];
}

function compareKey(a: [number, string], b: [number, string]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Runs a query over events already sorted ascending by [timestamp, id]. */
export function runEventQuery(
  events: readonly DiEvent[],
  query: EventQuery,
): { page: JsonRecord[]; last?: [number, string]; matched: number } {
  const ordered = events
    .filter(query.predicate)
    .map((e) => ({ e, key: sortKey(e) }))
    .sort((a, b) => compareKey(a.key, b.key) * (query.sort === 'DESC' ? -1 : 1));
  const after = query.searchAfter;
  const rest = after
    ? ordered.filter(({ key }) => compareKey(key, after) * (query.sort === 'DESC' ? -1 : 1) > 0)
    : ordered;
  const slice = rest.slice(query.skip, query.skip + query.limit);
  const last = slice[slice.length - 1]?.key;
  return {
    page: slice.map(({ e }) =>
      query.fields.length > 0 ? projectFields(e, query.fields, 'id') : e,
    ),
    ...(last ? { last } : {}),
    matched: ordered.length,
  };
}
