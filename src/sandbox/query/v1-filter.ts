/**
 * V1 filters: `field:$op:value` in the query string (repeatable, `filter[N]`, `filter[or][N]`),
 * and the JSON `filter` of POST /search/* (an array or `{and|or: [...]}` of `{field: value}`).
 */
import { badRequest } from './bad-request.js';
import { coerceLike, compareValues, getPath, valueEquals } from './record-path.js';

export type Predicate = (record: object) => boolean;

const CONSISTENT_ONLY = new Set(['$ew', '$co', '$nco']);
const OPS = new Set([
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$sw',
  ...CONSISTENT_ONLY,
]);

/** Splits on `|` not preceded by a backslash; `\|` becomes a literal `|`. */
function splitTerms(value: string): string[] {
  return value.split(/(?<!\\)\|/).map((term) => term.replace(/\\\|/g, '|'));
}

function textOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textOf);
  if (value === undefined || value === null || typeof value === 'object') return [];
  return [String(value)];
}

export function parseV1Expression(expr: string, eventuallyConsistent: boolean): Predicate {
  const first = expr.indexOf(':');
  const second = first < 0 ? -1 : expr.indexOf(':', first + 1);
  if (first <= 0 || second < 0) {
    throw badRequest(
      `filter "${expr}" is not of the form <field>:<operator>:<value>, e.g. department:$eq:Finance`,
    );
  }
  const field = expr.slice(0, first);
  const op = expr.slice(first + 1, second);
  const value = expr.slice(second + 1);
  if (!OPS.has(op)) {
    throw badRequest(
      `filter "${expr}" uses unknown operator "${op}"; V1 operators are ${[...OPS].join(', ')}`,
    );
  }
  const multi = op === '$in' || op === '$nin' || eventuallyConsistent;
  if (CONSISTENT_ONLY.has(op) && !eventuallyConsistent) {
    throw badRequest(`operator ${op} requires the header x-eventually-consistent: true`);
  }
  const terms = multi ? splitTerms(value) : [value];
  return (record) => {
    const actual = getPath(record, field);
    const texts = textOf(actual);
    switch (op) {
      case '$eq':
        return valueEquals(actual, value);
      case '$ne':
        return !valueEquals(actual, value);
      case '$in':
        return terms.some((t) => valueEquals(actual, t));
      case '$nin':
        return !terms.some((t) => valueEquals(actual, t));
      case '$sw':
        return texts.some((s) => terms.some((t) => s.startsWith(t)));
      case '$ew':
        return texts.some((s) => terms.some((t) => s.endsWith(t)));
      case '$co':
        return texts.some((s) => terms.some((t) => s.includes(t)));
      case '$nco':
        return !texts.some((s) => terms.some((t) => s.includes(t)));
      default: {
        if (actual === undefined || actual === null) return false;
        const c = compareValues(actual, coerceLike(value, actual));
        return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
      }
    }
  };
}

const asList = (raw: unknown): string[] =>
  raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];

/** Filters from the query string; `and` groups and `or` groups are combined with AND. */
export function v1QueryFilter(
  query: Record<string, unknown>,
  eventuallyConsistent: boolean,
): Predicate | undefined {
  const and: Predicate[] = [];
  const or: Predicate[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'filter' || /^filter\[(and\]\[)?\d*\]$/.test(key)) {
      for (const expr of asList(raw))
        if (expr) and.push(parseV1Expression(expr, eventuallyConsistent));
    } else if (/^filter\[or\]\[\d*\]$/.test(key)) {
      for (const expr of asList(raw))
        if (expr) or.push(parseV1Expression(expr, eventuallyConsistent));
    }
  }
  if (and.length === 0 && or.length === 0) return undefined;
  return (record) => and.every((p) => p(record)) && (or.length === 0 || or.some((p) => p(record)));
}

const MONGO_OPS: Record<string, (actual: unknown, operand: unknown) => boolean> = {
  $eq: (a, o) => valueEquals(a, o),
  $ne: (a, o) => !valueEquals(a, o),
  $in: (a, o) => Array.isArray(o) && o.some((x) => valueEquals(a, x)),
  $nin: (a, o) => !(Array.isArray(o) && o.some((x) => valueEquals(a, x))),
  $gt: (a, o) => a !== undefined && compareValues(a, o) > 0,
  $gte: (a, o) => a !== undefined && compareValues(a, o) >= 0,
  $lt: (a, o) => a !== undefined && compareValues(a, o) < 0,
  $lte: (a, o) => a !== undefined && compareValues(a, o) <= 0,
  $exists: (a, o) => (a !== undefined) === Boolean(o),
};

function bodyTerm(term: unknown, eventuallyConsistent: boolean): Predicate {
  if (typeof term === 'string') return parseV1Expression(term, eventuallyConsistent);
  if (term === null || typeof term !== 'object' || Array.isArray(term)) {
    throw badRequest('each filter expression must be an object such as {"department": "IT"}');
  }
  const entries = Object.entries(term as Record<string, unknown>);
  const parts: Predicate[] = entries.map(([field, wanted]) => {
    if (field === 'and' || field === 'or')
      return bodyFilter({ [field]: wanted }, eventuallyConsistent);
    if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
      const ops = Object.entries(wanted as Record<string, unknown>);
      for (const [op] of ops)
        if (!MONGO_OPS[op]) throw badRequest(`filter on ${field} uses unsupported operator ${op}`);
      return (record) =>
        ops.every(([op, operand]) => MONGO_OPS[op]!(getPath(record, field), operand));
    }
    return (record) => valueEquals(getPath(record, field), wanted);
  });
  return (record) => parts.every((p) => p(record));
}

/** The JSON `filter` of POST /search/*. */
export function bodyFilter(filter: unknown, eventuallyConsistent: boolean): Predicate {
  if (Array.isArray(filter)) {
    const parts = filter.map((t) => bodyTerm(t, eventuallyConsistent));
    return (record) => parts.every((p) => p(record));
  }
  if (filter !== null && typeof filter === 'object') {
    const { and, or, ...rest } = filter as Record<string, unknown>;
    const parts: Predicate[] = [];
    if (and !== undefined) {
      if (!Array.isArray(and)) throw badRequest('filter.and must be an array of expressions');
      parts.push(bodyFilter(and, eventuallyConsistent));
    }
    if (or !== undefined) {
      if (!Array.isArray(or)) throw badRequest('filter.or must be an array of expressions');
      const alternatives = or.map((t) => bodyTerm(t, eventuallyConsistent));
      parts.push((record) => alternatives.some((p) => p(record)));
    }
    if (Object.keys(rest).length > 0) parts.push(bodyTerm(rest, eventuallyConsistent));
    return (record) => parts.every((p) => p(record));
  }
  throw badRequest('filter must be an array of expressions or an object with "and" or "or"');
}
