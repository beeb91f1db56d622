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
