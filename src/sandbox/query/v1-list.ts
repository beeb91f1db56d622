/** V1 collection semantics: filter, search, sort, fields, limit/skip, `{results, totalCount}`. */
import { badRequest } from './bad-request.js';
import { parsePaging } from './paging.js';
import { getPath, projectFields, sortRecords } from './record-path.js';
import { bodyFilter, v1QueryFilter, type Predicate } from './v1-filter.js';

export interface TextSearch {
  terms: string[];
  fields: string[];
}

function strings(raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (Array.isArray(raw)) return raw.flatMap(strings);
  if (typeof raw === 'string' || typeof raw === 'number') return [String(raw)];
  throw badRequest('searchTerm and fields must be strings or arrays of strings');
}

/** GET `search`: a plain string, or `search[searchTerm]` with `search[fields]` (qs style). */
export function querySearch(
  query: Record<string, unknown>,
  defaultFields: readonly string[],
): TextSearch | undefined {
  const terms: string[] = [];
  const fields: string[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'search') {
      for (const text of strings(raw)) {
        const trimmed = text.trim();
        if (trimmed.startsWith('{')) {
          try {
            const parsed = JSON.parse(trimmed) as Record<string, unknown>;
            terms.push(...strings(parsed.searchTerm));
            fields.push(...strings(parsed.fields));
            continue;
          } catch {
            throw badRequest(
              'search is not valid JSON; send {"searchTerm": "...", "fields": ["..."]} or plain text',
            );
          }
        }
        terms.push(text);
      }
    } else if (/^search\[searchTerm\](\[\d*\])?$/.test(key)) terms.push(...strings(raw));
    else if (/^search\[fields\](\[\d*\])?$/.test(key)) fields.push(...strings(raw));
  }
  if (terms.length === 0) return undefined;
  return { terms, fields: fields.length > 0 ? fields : [...defaultFields] };
}

/** POST /search/* `searchFilter`. */
export function bodySearch(
  searchFilter: unknown,
  defaultFields: readonly string[],
): TextSearch | undefined {
  if (searchFilter === undefined || searchFilter === null) return undefined;
  if (typeof searchFilter !== 'object' || Array.isArray(searchFilter)) {
    throw badRequest('searchFilter must be an object: {"searchTerm": "...", "fields": ["..."]}');
  }
  const { searchTerm, fields } = searchFilter as Record<string, unknown>;
  const terms = strings(searchTerm);
  if (terms.length === 0) return undefined;
  const named = strings(fields);
  return { terms, fields: named.length > 0 ? named : [...defaultFields] };
}

/** Partial, case-insensitive text match of any term in any field. */
export function searchPredicate(search: TextSearch): Predicate {
  const terms = search.terms.map((t) => t.toLowerCase());
  return (record) =>
    search.fields.some((field) => {
      const value = getPath(record, field);
      const texts = Array.isArray(value) ? value : [value];
      return texts.some(
        (v) =>
          (typeof v === 'string' || typeof v === 'number') &&
          terms.some((t) => String(v).toLowerCase().includes(t)),
      );
    });
}

export interface V1ListInput<T> {
  records: readonly T[];
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** Body of POST /search/*, when the request is one. */
  body?: Record<string, unknown>;
  searchFields: readonly string[];
  /** Default projection: fields every record of this list carries (e.g. memberof). */
  idField?: string;
  /**
   * A field the stored records lack and the list adds (a user's `memberof`): `value` gives it for
   * one record. Only the records returned get it, unless the request names the field (to filter,
   * search or sort by it): then every record does, before it is matched.
   */
  added?: { field: string; value: (record: T) => unknown };
}

export function listV1<T extends object>({
  records,
  query,
  headers,
  body,
  searchFields,
  idField = '_id',
  added,
}: V1ListInput<T>): {
  results: Partial<T>[];
  totalCount: number;
} {
  const consistent = String(headers['x-eventually-consistent'] ?? '').toLowerCase() === 'true';
  const predicates: Predicate[] = [];
  const fromQuery = v1QueryFilter(query, consistent);
  if (fromQuery) predicates.push(fromQuery);
  const search = querySearch(query, searchFields);
  if (search) predicates.push(searchPredicate(search));
  if (body) {
    if (body.filter !== undefined) predicates.push(bodyFilter(body.filter, consistent));
    const textSearch = bodySearch(body.searchFilter, searchFields);
    if (textSearch) predicates.push(searchPredicate(textSearch));
  }
  const { limit, skip } = parsePaging(query);
  const withAdded = (record: T): T =>
    added ? { ...record, [added.field]: added.value(record) } : record;
  // A request that names the field anywhere (a filter, search fields, sort) sees it on every
  // record; any other reads it only on the page it gets.
  const early = added !== undefined && JSON.stringify([query, body]).includes(added.field);
  const candidates = early ? records.map(withAdded) : records;
  const matched = candidates.filter((r) => predicates.every((p) => p(r)));
  const sorted = sortRecords(
    matched,
    typeof query.sort === 'string' ? query.sort : undefined,
    /[\s,]+/,
  );
  const fieldsText = [body?.fields, query.fields].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  ) as string | undefined;
  const fields = fieldsText ? fieldsText.split(/[\s,]+/).filter(Boolean) : [];
  // Whether the page's records need the added field: all fields, or a projection that names it.
  const wanted =
    added !== undefined &&
    (fields.length === 0 ||
      fields.some((f) => f === added.field || f.startsWith(`${added.field}.`)));
  return {
    results: sorted
      .slice(skip, skip + limit)
      .map((r) => projectFields(early || !wanted ? r : withAdded(r), fields, idField)),
    totalCount: matched.length,
  };
}
