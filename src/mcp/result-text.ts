/**
 * The text a model reads from a tool result. `json` is the data as compact JSON. `compact` writes
 * the list a result carries (a bare array, or the one array of objects among its properties) as
 * CSV-like rows under one header line: nested objects become dotted columns, a column with the
 * same value in every row is said once above the table, a column that repeats another one is named
 * once, and date-times lose their milliseconds. Everything else is written as `key: value` lines.
 * The README explains the choice with measurements.
 */

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
  const lists = Object.entries(data).filter(
    ([, value]) => Array.isArray(value) && value.length > 0 && value.every(isPlainObject),
  );
  if (lists.length !== 1) return undefined;
  const [key, rows] = lists[0] as [string, Row[]];
  return { key, rows };
}

/** The same result with its list replaced by `rows`. */
export function withRows(data: unknown, slot: ListSlot, rows: Row[]): unknown {
  if (slot.key === undefined) return rows;
  return { ...(data as Row), [slot.key]: rows };
}

const DATE_TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/;

function flatten(row: Row, prefix = '', out: Row = {}): Row {
  for (const [key, value] of Object.entries(row)) {
    if (isPlainObject(value) && Object.keys(value).length > 0)
      flatten(value, `${prefix}${key}.`, out);
    else if (value !== undefined && value !== null && value !== '') out[`${prefix}${key}`] = value;
  }
  return out;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') {
    const time = DATE_TIME.exec(value);
    return time ? `${time[1]}T${time[2]}Z` : value;
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** A cell: quoted as JSON when it could be misread (separator, quote, line break, edge spaces). */
function cell(value: unknown): string {
  if (value === undefined) return '';
  const text = scalarText(value);
  return /[,"\n\r]|^\s|\s$|^$/.test(text) ? JSON.stringify(text) : text;
}

/** Rows as a table: header line, then one line per row, after the lines that say what was folded. */
export function tableText(rows: readonly Row[]): string {
  const flat = rows.map((row) => flatten(row));
  let columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  const lines: string[] = [];
  if (flat.length >= 3) {
    const first = flat[0] as Row;
    const same = columns.filter((c) => {
      const want = cell(first[c]);
      return first[c] !== undefined && flat.every((row) => cell(row[c]) === want);
    });
    if (same.length > 0) {
      lines.push(`Same in every row: ${same.map((c) => `${c}=${cell(first[c])}`).join('; ')}`);
      columns = columns.filter((c) => !same.includes(c));
    }
    const repeats: string[] = [];
    for (const [i, c] of columns.entries()) {
      const original = columns
        .slice(0, i)
        .find(
          (d) =>
            !repeats.includes(d) &&
            flat.every((row) => row[c] === undefined || cell(row[c]) === cell(row[d])),
        );
      if (original !== undefined && flat.some((row) => row[c] !== undefined)) {
        repeats.push(c);
        lines.push(`${c}: same as ${original} where set`);
      }
    }
    columns = columns.filter((c) => !repeats.includes(c));
  }
  lines.push(columns.join(','));
  for (const row of flat) lines.push(columns.map((c) => cell(row[c])).join(','));
  return lines.join('\n');
}

function fieldLines(value: Row): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** The text of a successful result in the chosen format. */
export function resultText(data: unknown, format: ResultFormat): string {
  if (format === 'json') return JSON.stringify(data ?? { ok: true });
  if (typeof data === 'string') return data;
  const slot = findList(data);
  if (!slot) return JSON.stringify(data ?? { ok: true });
  const table = tableText(slot.rows);
  if (slot.key === undefined) return `${slot.rows.length} rows:\n${table}`;
  const { [slot.key]: _list, ...rest } = data as Row;
  return [...fieldLines(rest), `${slot.key} (${slot.rows.length} rows):`, table].join('\n');
}

/**
 * An estimate of the o200k tokens of a text, without a tokenizer (loading one would add a quarter
 * of a second to the first call, and counting costs CPU on every call): a run of letters counts one
 * token per six characters, a run of digits or of punctuation one per three, white space nothing.
 * On the JSON and tables of real result pages it is within -1% and +16% of o200k (the result
 * tests check it).
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [run] of text.matchAll(/[A-Za-z]+|\d+|\s+|[^\sA-Za-z\d]+/g)) {
    const first = run.charCodeAt(0);
    const isLetter = (first | 32) >= 97 && (first | 32) <= 122;
    if (isLetter) tokens += Math.ceil(run.length / 6);
    else if (/\s/.test(run[0] as string)) continue;
    else tokens += Math.ceil(run.length / 3);
  }
  return tokens;
}
