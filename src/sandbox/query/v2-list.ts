/** V2 collection semantics: repeatable `filter=field:op:value`, sort, fields, limit/skip, bare arrays. */
import { badRequest } from './bad-request.js';
import { parsePaging } from './paging.js';
import {
  coerceLike,
  compareValues,
  getPath,
  projectFields,
  sortRecords,
  valueEquals,
} from './record-path.js';
import type { Predicate } from './v1-filter.js';

const V2_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'between', 'search', 'in']);

const asList = (raw: unknown): string[] =>
  raw === undefined
    ? []
    : (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
        String(v).split(/(?<=\S),(?=[a-zA-Z_.]+:[a-z]+:)/),
      );

function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function parseV2Expression(expr: string): Predicate {
  const first = expr.indexOf(':');
  const second = first < 0 ? -1 : expr.indexOf(':', first + 1);
  if (first <= 0 || second < 0) {
    throw badRequest(
      `filter "${expr}" is not of the form <field>:<operator>:<value>, e.g. name:eq:Engineering`,
    );
  }
  const field = expr.slice(0, first);
  const op = expr.slice(first + 1, second);
  const value = expr.slice(second + 1);
  if (!V2_OPS.has(op)) {
    throw badRequest(
      `filter "${expr}" uses unknown operator "${op}"; V2 operators are ${[...V2_OPS].join(', ')} (no $ prefix)`,
    );
  }
  const matchesText = (actual: unknown, text: string) =>
    text.includes('*')
      ? typeof actual === 'string' && wildcard(text).test(actual)
      : valueEquals(actual, text);
  return (record) => {
    const actual = getPath(record, field);
    switch (op) {
      case 'eq':
        return matchesText(actual, value);
      case 'ne':
        return !matchesText(actual, value);
      case 'in':
        return value.split('|').some((t) => matchesText(actual, t));
      case 'search':
        return (
          typeof actual === 'string' &&
          actual.toLowerCase().includes(value.replace(/\*/g, '').toLowerCase())
        );
      case 'between': {
        const [low = '', high = ''] = value.split(',');
        if (actual === undefined || actual === null) return false;
        return (
          compareValues(actual, coerceLike(low, actual)) >= 0 &&
          compareValues(actual, coerceLike(high, actual)) <= 0
        );
      }
      default: {
        if (actual === undefined || actual === null) return false;
        const c = compareValues(actual, coerceLike(value, actual));
        return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
      }
    }
  };
}

export function v2Filter(query: Record<string, unknown>): Predicate {
  const predicates: Predicate[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'filter' || /^filter\[\d*\]$/.test(key))
      for (const expr of asList(raw)) if (expr) predicates.push(parseV2Expression(expr));
  }
  return (record) => predicates.every((p) => p(record));
}

export function listV2<T extends object>({
  records,
  query,
  idField = 'id',
  filterOnly,
}: {
  records: readonly T[];
  query: Record<string, unknown>;
  idField?: string;
  /** Fields a filter may name that the returned records do not carry. */
  filterOnly?: (record: T) => Record<string, unknown>;
}): {
  results: Partial<T>[];
  totalCount: number;
} {
  const predicate = v2Filter(query);
  const { limit, skip } = parsePaging(query);
  const matched = records.filter((r) => predicate(filterOnly ? { ...r, ...filterOnly(r) } : r));
  const sortText = Array.isArray(query.sort)
    ? query.sort.join(',')
    : (query.sort as string | undefined);
  const sorted = sortRecords(matched, sortText, /[\s,]+/);
  const fieldsText = Array.isArray(query.fields)
    ? query.fields.join(',')
    : (query.fields as string | undefined);
  const fields = fieldsText ? fieldsText.split(/[\s,]+/).filter(Boolean) : [];
  return {
    results: sorted.slice(skip, skip + limit).map((r) => projectFields(r, fields, idField)),
    totalCount: matched.length,
  };
}
