/**
 * The compact table renderer as it was before it was rewritten to work by column (and the token
 * estimate as a regular expression): kept unchanged as the reference that
 * test/mcp/table-text-same.test.ts holds the renderer in src/ to, text for text.
 */
/**
 * A list of objects as CSV-like rows under one header line, with what carries no information said
 * once above the header instead of in every row. Each fold states its rule in a line of its own, so
 * the text explains itself and the rows can be read back exactly (test/mcp/table-text.test.ts
 * does). The README ("Results") gives the measurements behind each fold.
 */

type Row = Record<string, unknown>;
/** A flattened row: column -> the cell's text, absent when the object does not set it. */
type TextRow = Map<string, string>;

const isPlainObject = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DATE_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z$/;
/** A UTC date-time as a cell holds it (without milliseconds and, once said for all, the `Z`). */
const TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)Z?$/;

/** A row's own id: never folded, always written whole. */
const OWN_ID = new Set(['id', '_id']);
/** The cell that stands for a value derived from other cells of its row (see `foldDerived`). */
const SAME = '=';
/** A column that holds an id: written in the rows, never folded into a mapping. */
const ID = /(^|[._])_?id$|[a-z]Id$/;
/** The fewest tokens a fold must save to be worth a note line the reader has to keep in mind. */
const MIN_SAVING = 10;
const EMAIL = /^([^@\s]+)@([^@\s]+)$/;

function scalarText(value: unknown): string {
  if (typeof value === 'string') {
    const time = DATE_TIME.exec(value);
    return time ? `${time[1]}Z` : value;
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function flatten(row: Row, prefix = '', out: TextRow = new Map()): TextRow {
  for (const [key, value] of Object.entries(row)) {
    if (isPlainObject(value) && Object.keys(value).length > 0)
      flatten(value, `${prefix}${key}.`, out);
    else if (value !== undefined && value !== null && value !== '')
      out.set(`${prefix}${key}`, scalarText(value));
  }
  return out;
}

/** A cell: quoted as JSON when it could be misread (separator, quote, line break, edge spaces, `=`). */
function cell(text: string | undefined): string {
  if (text === undefined) return '';
  return /[,"\n\r]|^\s|\s$|^$|^=$/.test(text) ? JSON.stringify(text) : text;
}

/** A value in a note line: a cell, also quoted when it holds the note's own separators. */
const noteValue = (text: string) => (/[;={}]/.test(text) ? JSON.stringify(text) : cell(text));

/**
 * An estimate of the o200k tokens of a text, without a tokenizer (loading one would add a quarter
 * of a second to the first call, and counting costs CPU on every call): a word of letters counts
 * one token per six characters, of digits one per three, of letters and digits mixed (hex ids,
 * serial numbers) 0.62 per character when a third or more are digits, else one per four; a run of
 * punctuation one per three; white space nothing. On the JSON and tables of real result pages it
 * is within -8% and +22% of o200k (the registry test checks every list tool).
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [run] of text.matchAll(/[A-Za-z\d]+|\s+|[^\sA-Za-z\d]+/g)) {
    const first = run.charCodeAt(0);
    if (first <= 32 || /^\s/.test(run)) continue;
    const isWord = (first >= 48 && first <= 57) || ((first | 32) >= 97 && (first | 32) <= 122);
    if (!isWord) {
      tokens += Math.ceil(run.length / 3);
      continue;
    }
    let digits = 0;
    for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) <= 57) digits += 1;
    if (digits === 0) tokens += Math.ceil(run.length / 6);
    else if (digits === run.length) tokens += Math.ceil(run.length / 3);
    else tokens += Math.ceil(digits * 3 >= run.length ? run.length * 0.62 : run.length / 4);
  }
  return tokens;
}

/**
 * estimateTokens for the folds, which weigh the same cells many times: remembered for one
 * tableText call (synchronous, so one table at a time), and forgotten when it returns.
 */
const weighed = new Map<string, number>();
function tokensOf(text: string): number {
  let tokens = weighed.get(text);
  if (tokens === undefined) {
    tokens = estimateTokens(text);
    weighed.set(text, tokens);
  }
  return tokens;
}

/** The table being folded: its rows, the columns still written, and the lines said once. */
interface Table {
  rows: TextRow[];
  columns: string[];
  notes: string[];
  /** Columns with cells made from other cells of the row: the cell written there, and the rows. */
  derived: Map<string, { mark: string; rows: Set<TextRow> }>;
  /** Columns other folds read (keys of a mapping, parts of a template): written as they are. */
  pinned: Set<string>;
}

const columnCost = (t: Table, column: string) =>
  t.rows.reduce((n, row) => n + tokensOf(row.get(column) ?? ''), 0);

/** A column with the same value in every row: said once. */
function foldConstant(t: Table): void {
  const first = t.rows[0] as TextRow;
  const same = t.columns.filter((c) => {
    const want = first.get(c);
    return want !== undefined && t.rows.every((row) => row.get(c) === want);
  });
  if (same.length === 0) return;
  t.notes.push(
    `Same in every row: ${same.map((c) => `${c}=${noteValue(first.get(c) as string)}`).join('; ')}`,
  );
  t.columns = t.columns.filter((c) => !same.includes(c));
}

/** A column equal to an earlier one in every row (both set or both not): named once. */
function foldRepeats(t: Table): void {
  const repeats: string[] = [];
  for (const [i, c] of t.columns.entries()) {
    if (OWN_ID.has(c)) continue;
    const original = t.columns
      .slice(0, i)
      .find((d) => !repeats.includes(d) && t.rows.every((row) => row.get(c) === row.get(d)));
    if (original === undefined) continue;
    repeats.push(c);
    t.notes.push(`${c}: same as ${original}`);
  }
  t.columns = t.columns.filter((c) => !repeats.includes(c));
}

const isFlag = (t: Table, c: string) =>
  t.rows.every((row) => !row.has(c) || row.get(c) === 'true' || row.get(c) === 'false');

/** A value in a mapping: true, false and numbers as JSON literals, other text as a JSON string. */
const jsonValue = (text: string): unknown =>
  /^(true|false|0|-?[1-9]\d{0,14}(\.\d*[1-9])?|-?0\.\d*[1-9])$/.test(text)
    ? JSON.parse(text)
    : text;

/** The mapping key -> value that `column` follows in every row, if it follows `key`. */
function mapping(t: Table, key: string, column: string): Map<string, string> | undefined {
  const map = new Map<string, string>();
  for (const row of t.rows) {
    const k = row.get(key);
    const value = row.get(column);
    if (k === undefined || value === undefined) {
      if (k !== value) return undefined;
      continue;
    }
    const known = map.get(k);
    if (known === undefined) map.set(k, value);
    else if (known !== value) return undefined;
  }
  return map;
}

/**
 * Columns whose value follows from another column's (an application's name from its id, an OS
 * family from the OS, a service from the event type): the mapping is said once, when it is shorter
 * than the cells it replaces. The key is the coarsest column that works, with at most 8 values or
 * at most twice as many as the column it replaces, so the mapping reads as a small category table
 * (OS family by OS), not as a lookup the reader must aggregate over (OS by OS version).
 */
function foldDetermined(t: Table): void {
  const distinct = new Map(
    t.columns.map((c) => [c, new Set(t.rows.map((row) => row.get(c)).filter(Boolean)).size]),
  );
  const keys = t.columns
    .filter((k) => !OWN_ID.has(k) && (distinct.get(k) as number) * 2 <= t.rows.length)
    .sort((a, b) => (distinct.get(a) as number) - (distinct.get(b) as number));
  const byKey = new Map<string, { column: string; map: Map<string, string> }[]>();
  const folded = new Set<string>();
  const fold = (c: string, k: string, map: Map<string, string>) => {
    folded.add(c);
    t.pinned.add(k);
    byKey.set(k, [...(byKey.get(k) ?? []), { column: c, map }]);
  };
  for (const c of t.columns) {
    if (ID.test(c) || byKey.has(c) || isFlag(t, c)) continue;
    const fine = (distinct.get(c) as number) * 2;
    for (const k of keys) {
      if (k === c || folded.has(k) || (distinct.get(k) as number) > Math.max(fine, 8)) continue;
      // Of two columns that follow each other, the earlier one stays (a name before its version).
      if (distinct.get(k) === distinct.get(c) && t.columns.indexOf(k) > t.columns.indexOf(c))
        continue;
      const map = mapping(t, k, c);
      if (!map) continue;
      const mapCost = [...map].reduce((n, [a, b]) => n + tokensOf(a) + tokensOf(b), 0);
      if (columnCost(t, c) - mapCost - tokensOf(`${c} for each ${k}: {}`) < MIN_SAVING) continue;
      fold(c, k, map);
      break;
    }
  }
  // A flag costs a token where true (false is an empty cell): it joins a mapping already said
  // when that costs less, and never makes one of its own (which would keep its key from folding).
  for (const c of t.columns.filter((column) => isFlag(t, column))) {
    const trues = t.rows.filter((row) => row.get(c) === 'true').length;
    for (const k of [...byKey.keys()]) {
      const map = mapping(t, k, c);
      if (map && trues - map.size - tokensOf(c) >= MIN_SAVING) {
        fold(c, k, map);
        break;
      }
    }
  }
  for (const [key, folds] of byKey) {
    const entries = [...(folds[0] as { map: Map<string, string> }).map.keys()].map((k) => [
      k,
      folds.length === 1
        ? jsonValue(folds[0]!.map.get(k)!)
        : folds.map((f) => jsonValue(f.map.get(k)!)),
    ]);
    t.notes.push(
      `${folds.map((f) => f.column).join(', ')} for each ${key}: ${JSON.stringify(Object.fromEntries(entries))}`,
    );
  }
  t.columns = t.columns.filter((c) => !folded.has(c));
}

/** How a column's value is made from other cells of its row. */
interface Template {
  /** The template as written in the note, e.g. `{username}@example.com`. */
  text: string;
  uses: string[];
  make: (row: TextRow) => string | undefined;
}

function templates(t: Table, c: string, others: readonly string[]): Template[] {
  const found: Template[] = [];
  const sample = t.rows.filter((row) => row.has(c)).slice(0, 8);
  const seen = new Set<string>();
  const add = (template: Template) => {
    if (!seen.has(template.text)) found.push(template);
    seen.add(template.text);
  };
  for (const row of sample) {
    const value = row.get(c) as string;
    const email = EMAIL.exec(value);
    for (const d of others) {
      const other = row.get(d);
      if (other === undefined) continue;
      if (other === value) add({ text: `{${d}}`, uses: [d], make: (r) => r.get(d) });
      if (email && email[1] === other) {
        const domain = `@${email[2]}`;
        add({
          text: `{${d}}${domain}`,
          uses: [d],
          make: (r) => (r.has(d) ? `${r.get(d)}${domain}` : undefined),
        });
      }
      if (value.startsWith(`${other} `)) {
        const rest = value.slice(other.length + 1);
        for (const e of others) {
          if (e === d || row.get(e) !== rest) continue;
          add({
            text: `{${d}} {${e}}`,
            uses: [d, e],
            make: (r) => (r.has(d) && r.has(e) ? `${r.get(d)} ${r.get(e)}` : undefined),
          });
        }
      }
    }
  }
  return found;
}

/**
 * A column whose value, in many rows, is made from other cells of the same row (an email that is
 * the username at the organization's domain, a display name that is the first and last name, a
 * resource that is the actor): there the cell is empty, and one line says what it stands for. Where
 * an empty cell could also mean "not set" (the column is missing from a row where the template
 * gives a value), the cell is `=` instead. Templates read earlier columns first, so a row reads
 * left to right.
 */
function foldDerived(t: Table): void {
  for (const earlierOnly of [true, false]) {
    for (const [i, c] of t.columns.entries()) {
      if (OWN_ID.has(c) || t.pinned.has(c) || t.derived.has(c)) continue;
      const others = (earlierOnly ? t.columns.slice(0, i) : t.columns).filter(
        (d) => d !== c && !t.derived.has(d),
      );
      let best: { template: Template; saving: number } | undefined;
      for (const template of templates(t, c, others)) {
        const saving = t.rows.reduce(
          (n, row) => {
            const value = row.get(c);
            return value !== undefined && value === template.make(row)
              ? n + tokensOf(value) - 1
              : n;
          },
          -tokensOf(`${c}: "=" is ${template.text}`) - 2,
        );
        if (saving >= MIN_SAVING && (best === undefined || saving > best.saving))
          best = { template, saving };
      }
      if (!best) continue;
      const { template } = best;
      const rows = new Set(t.rows.filter((row) => row.get(c) === template.make(row)));
      const ambiguous = t.rows.some((row) => !row.has(c) && template.make(row) !== undefined);
      const mark = ambiguous ? SAME : '';
      t.derived.set(c, { mark, rows });
      for (const d of template.uses) t.pinned.add(d);
      t.notes.push(`${c}: ${ambiguous ? '"="' : 'empty'} is ${template.text}`);
    }
  }
}

/**
 * Date-times lose their `Z`, said once for the table, when every date-time in it is UTC (none is
 * written without a zone, which would read the same).
 */
function foldUtc(t: Table): void {
  let utc = false;
  for (const row of t.rows)
    for (const value of row.values()) {
      const time = TIME.exec(value);
      if (time && !value.endsWith('Z')) return;
      utc ||= time !== null;
    }
  if (!utc) return;
  for (const row of t.rows)
    for (const [c, value] of row) if (TIME.test(value)) row.set(c, value.slice(0, -1));
  t.notes.push('Times are UTC.');
}

/**
 * A date-time column where many values fall on one day (devices that checked in today, the day's
 * events): there the cell is the time alone, and one line names the day.
 */
function foldDay(t: Table): void {
  for (const c of t.columns) {
    if (t.derived.has(c)) continue;
    const days = new Map<string, number>();
    const all = t.rows.every((row) => {
      const value = row.get(c);
      if (value === undefined) return true;
      const day = TIME.exec(value)?.[1];
      if (value.endsWith('Z')) return false;
      if (day !== undefined) days.set(day, (days.get(day) ?? 0) + 1);
      return day !== undefined;
    });
    const [day, count] = [...days].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (!all || count * (tokensOf(day) + 1) - tokensOf(`${c}: ${day}`) < MIN_SAVING) continue;
    for (const row of t.rows) {
      const time = TIME.exec(row.get(c) ?? '');
      if (time?.[1] === day) row.set(c, time[2] as string);
    }
    t.notes.push(`${c}: a time without a date is on ${day}`);
  }
}

/**
 * A column set in every row with one value in many of them (false in a flag, the usual agent
 * version, the common employee type): there the cell is empty, and one line names the value. A
 * true/false column always leaves false empty, so every flag reads the same way.
 */
function foldDefaults(t: Table): void {
  const byValue = new Map<string, string[]>();
  const folds: { column: string; value: string; saving: number }[] = [];
  for (const c of t.columns) {
    if (ID.test(c) || t.derived.has(c) || t.pinned.has(c)) continue;
    const counts = new Map<string, number>();
    for (const row of t.rows) {
      const value = row.get(c);
      if (value === undefined) break;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if ([...counts.values()].reduce((n, k) => n + k, 0) < t.rows.length) continue;
    if (isFlag(t, c)) {
      folds.push({ column: c, value: 'false', saving: counts.get('false') ?? 0 });
      continue;
    }
    const [value, count] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const saving = count * tokensOf(value) - tokensOf(`${c}: empty is ${value}`);
    if (count * 3 >= t.rows.length && saving >= MIN_SAVING)
      folds.push({ column: c, value, saving });
  }
  // Flags go together, so that every flag of the table reads the same way.
  const flags = folds.filter((f) => f.value === 'false' && isFlag(t, f.column));
  const flagSaving = flags.reduce((n, f) => n + f.saving, 0) - tokensOf(': empty is false');
  for (const { column, value } of folds) {
    if (flags.some((f) => f.column === column) && flagSaving < MIN_SAVING) continue;
    t.derived.set(column, {
      mark: '',
      rows: new Set(t.rows.filter((row) => row.get(column) === value)),
    });
    byValue.set(value, [...(byValue.get(value) ?? []), column]);
  }
  for (const [value, columns] of byValue)
    t.notes.push(`${columns.join(', ')}: empty is ${noteValue(value)}`);
}

/** Rows as a table: the lines that say what was folded, the header line, one line per row. */
export function tableText(rows: readonly Row[]): string {
  const t: Table = {
    rows: rows.map((row) => flatten(row)),
    columns: [],
    notes: [],
    derived: new Map(),
    pinned: new Set(),
  };
  t.columns = [...new Set(t.rows.flatMap((row) => [...row.keys()]))];
  if (t.rows.length >= 3) {
    try {
      foldUtc(t);
      foldConstant(t);
      foldRepeats(t);
      foldDetermined(t);
      foldDerived(t);
      foldDefaults(t);
      foldDay(t);
    } finally {
      weighed.clear();
    }
  }
  const lines = [...t.notes, t.columns.map(cell).join(',')];
  for (const row of t.rows)
    lines.push(
      t.columns
        .map((c) => {
          const derived = t.derived.get(c);
          return derived?.rows.has(row) ? derived.mark : cell(row.get(c));
        })
        .join(','),
    );
  return lines.join('\n');
}
