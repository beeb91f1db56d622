/** Reading dotted paths, comparing values and projecting fields of JSON records. */
import type { JsonRecord } from '../types.js';

export function getPath(record: unknown, path: string): unknown {
  if (!path.includes('.')) {
    return record !== null && typeof record === 'object' ? (record as JsonRecord)[path] : undefined;
  }
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as JsonRecord)[key];
  }
  return current;
}

/** Converts query text to the type of the value it is compared with. */
export function coerceLike(text: string, sample: unknown): unknown {
  if (typeof sample === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (typeof sample === 'number') {
    const n = Number(text);
    return Number.isNaN(n) ? text : n;
  }
  if (sample === null && text === 'null') return null;
  return text;
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** True when `value` (or any element of it, for arrays) equals `wanted`. */
export function valueEquals(value: unknown, wanted: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => valueEquals(v, wanted));
  if (typeof value === 'object' && value !== null) return false;
  const coerced = typeof wanted === 'string' ? coerceLike(wanted, value) : wanted;
  return value === coerced;
}

/**
 * Sorts by space- or comma-separated fields, `-` prefix for descending; stable, so the
 * collection's own order breaks ties.
 */
export function sortRecords<T>(
  records: readonly T[],
  sort: string | undefined,
  separator: RegExp,
): T[] {
  const keys = (sort ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('-') ? { path: s.slice(1), dir: -1 } : { path: s, dir: 1 }));
  if (keys.length === 0) return [...records];
  return [...records].sort((a, b) => {
    for (const { path, dir } of keys) {
      const c = compareValues(getPath(a, path), getPath(b, path));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** Keeps only the named top-level (or dotted) fields, plus the id field the API always returns. */
export function projectFields<T extends object>(
  record: T,
  fields: readonly string[],
  idField: string,
): Partial<T> {
  if (fields.length === 0) return record;
  const out: JsonRecord = {};
  for (const path of [idField, ...fields]) {
    const value = getPath(record, path);
    if (value === undefined) continue;
    if (!path.includes('.')) {
      out[path] = value;
      continue;
    }
    const keys = path.split('.');
    let target = out;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) target[key] = value;
      else target = (target[key] ??= {}) as JsonRecord;
    });
  }
  return out as Partial<T>;
}
