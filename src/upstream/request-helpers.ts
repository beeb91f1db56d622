import { ToolError } from './errors.js';

/** Small request builders that generated handlers call to shape curated arguments into JumpCloud's query syntax. */

export interface V2FilterClause {
  field: string;
  op: string;
  value: string | number | boolean | undefined;
}

/**
 * V2 list filters (`filter=<field>:<op>:<value>`), one per given argument; undefined when none is
 * given, so the query parameter is left out.
 */
export function v2Filter(clauses: readonly V2FilterClause[]): string[] | undefined {
  const filters = clauses
    .filter((c) => c.value !== undefined && c.value !== '')
    .map((c) => `${c.field}:${c.op}:${String(c.value)}`);
  return filters.length > 0 ? filters : undefined;
}

/**
 * A V1 list filter (`filter=<field>:$<op>:<value>`): V1 takes one clause in its `filter` string,
 * so the clauses given are joined only when exactly one has a value; undefined when none has.
 */
export function v1Filter(clauses: readonly V2FilterClause[]): string | undefined {
  const given = v2Filter(clauses);
  if (given === undefined) return undefined;
  if (given.length > 1) {
    throw new ToolError(
      `Give only one of ${clauses.map((c) => c.field).join(', ')}: JumpCloud V1 lists take one filter.`,
    );
  }
  return given[0];
}

/** V1 `/search/*` body `searchFilter` for a search term over these fields; undefined without a term. */
export function v1SearchFilter(
  searchTerm: string | undefined,
  fields: readonly string[],
): { searchTerm: string; fields: string[] } | undefined {
  if (searchTerm === undefined || searchTerm.trim() === '') return undefined;
  return { searchTerm, fields: [...fields] };
}

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * A V1 query string with any number of filter clauses, as the V1 spec documents them: one as
 * `filter=<clause>`, several as `filter[0]=<a>&filter[1]=<b>` (which JumpCloud ANDs together).
 */
export function v1QueryString(
  query: Record<string, QueryValue>,
  filters: readonly string[] = [],
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === 'filter') continue;
    params.append(key, Array.isArray(value) ? value.join(' ') : String(value));
  }
  if (filters.length === 1) params.append('filter', filters[0] as string);
  else filters.forEach((filter, i) => params.append(`filter[${i}]`, filter));
  return params.toString();
}

/**
 * A V2 query string: `fields` comma-separated (`style: form, explode: false` in the spec), one
 * `filter=` per clause, other values as they are.
 */
export function v2QueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) params.append(key, String(value));
    else if (key === 'filter') for (const clause of value) params.append(key, String(clause));
    else if (value.length > 0) params.append(key, value.join(','));
  }
  return params.toString();
}
