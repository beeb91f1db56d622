/**
 * The text a model reads from a tool result. `json` is the data as compact JSON. `compact` writes
 * the list a result carries (a bare array, or the one array of objects among its properties) as
 * CSV-like rows under one header line (`table-text.ts`: what carries no information is said once
 * above the header), and everything else as `key: value` lines. The README ("Results") explains
 * the choice with measurements.
 */

import { enumeratesOwnKeysOnly, tableText } from './table-text.js';

export { estimateTokens, tableText } from './table-text.js';

export type ResultFormat = 'json' | 'compact';

type Row = Record<string, unknown>;

/** Where the list sits in a result: the whole value, or the property `key`. */
export interface ListSlot {
  key?: string;
  rows: Row[];
}

const isPlainObject = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list a result carries, when it carries exactly one (every item an object). */
export function findList(data: unknown): ListSlot | undefined {
  if (Array.isArray(data)) return data.every(isPlainObject) ? { rows: data } : undefined;
  if (!isPlainObject(data)) return undefined;
  // The record's own keys in their order, without a [key, value] pair made for each.
  let found: ListSlot | undefined;
  if (enumeratesOwnKeysOnly(data)) {
    for (const key in data) {
      if (!isList(data[key])) continue;
      if (found) return undefined;
      found = { key, rows: data[key] };
    }
  } else {
    for (const key of Object.keys(data)) {
      if (!isList(data[key])) continue;
      if (found) return undefined;
      found = { key, rows: data[key] };
    }
  }
  return found;
}

const isList = (value: unknown): value is Row[] =>
  Array.isArray(value) && value.length > 0 && value.every(isPlainObject);

/** The same result with its list replaced by `rows`. */
export function withRows(data: unknown, slot: ListSlot, rows: Row[]): unknown {
  if (slot.key === undefined) return rows;
  return { ...(data as Row), [slot.key]: rows };
}

/**
 * `key: value` lines of a record's fields but `skip` (a string value as it is, any other as JSON;
 * an undefined one left out), each followed by a line break, then `after`: one string built in
 * place of a copy of the record without `skip` and an array of its lines.
 */
function fieldLines(value: Row, skip: string, after: string): string {
  let text = '';
  if (enumeratesOwnKeysOnly(value)) {
    for (const key in value) if (key !== skip) text += fieldLine(key, value[key]);
  } else {
    for (const key of Object.keys(value)) if (key !== skip) text += fieldLine(key, value[key]);
  }
  return text + after;
}

function fieldLine(key: string, v: unknown): string {
  return v === undefined ? '' : `${key}: ${typeof v === 'string' ? v : valueJson(v)}\n`;
}

/** A value as JSON: a number, boolean or null without a call into JSON.stringify (same text). */
function valueJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** The text of a successful result in the chosen format. */
export function resultText(data: unknown, format: ResultFormat): string {
  if (format === 'json') return JSON.stringify(data ?? { ok: true });
  if (typeof data === 'string') return data;
  const slot = findList(data);
  if (!slot) return JSON.stringify(data ?? { ok: true });
  const table = tableText(slot.rows);
  if (slot.key === undefined) return `${slot.rows.length} rows:\n${table}`;
  return fieldLines(data as Row, slot.key, `${slot.key} (${slot.rows.length} rows):\n${table}`);
}
