/**
 * A list of objects as CSV-like rows under one header line, with what carries no information said
 * once above the header instead of in every row. Each fold states its rule in a line of its own, so
 * the text explains itself and the rows can be read back exactly (test/mcp/table-text.test.ts
 * does). The README ("Results") gives the measurements behind each fold.
 *
 * The table is held by column: each distinct cell text of the table gets a number once, and a
 * column is the array of its rows' numbers (-1 where a row does not set it). The folds compare,
 * count and weigh those numbers, so a text is tested, weighed and quoted once per table however
 * many cells hold it, and a page of 100 rows costs a small part of a call.
 */

type Row = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Object.prototype has no enumerable key (looked at once per table). */
let bareObjects = true;
function lookAtObjectPrototype(): void {
  bareObjects = true;
  for (const _ in Object.prototype) bareObjects = false;
}

/** Enumerates no key it inherits: made by `{}` or JSON.parse (or without a prototype). */
function isBare(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (proto === Object.prototype && bareObjects);
}

/**
 * Whether `for...in` over `value` lists the keys Object.keys lists, in the same order: a record
 * made by `{}` or JSON.parse (or without a prototype) while Object.prototype enumerates nothing.
 * It reads each value by the object's enumeration cache instead of a lookup by name.
 */
export function enumeratesOwnKeysOnly(value: object): boolean {
  lookAtObjectPrototype();
  return isBare(value);
}

/** Has a key of its own (Object.keys would list one). */
function hasKeys(value: Row): boolean {
  if (!isBare(value)) return Object.keys(value).length > 0;
  for (const _ in value) return true;
  return false;
}

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
/**
 * A UTC date-time as a cell holds it (without milliseconds and, once said for all, the `Z`): the
 * day is its first 10 characters, the time the 8 after the `T`.
 */
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?$/;

/** A row's own id: never folded, always written whole. */
const OWN_ID = new Set(['id', '_id']);
/** The cell that stands for a value derived from other cells of its row (see `foldDerived`). */
const SAME = '=';
/** A column that holds an id: written in the rows, never folded into a mapping. */
const ID = /(^|[._])_?id$|[a-z]Id$/;
/** The fewest tokens a fold must save to be worth a note line the reader has to keep in mind. */
const MIN_SAVING = 10;
const EMAIL = /^([^@\s]+)@([^@\s]+)$/;

const HYPHEN = 45;
const LETTER_T = 84;
const LETTER_Z = 90;

/** Could be a date-time (checked before the regular expression, which few strings reach). */
const mayBeDateTime = (text: string) =>
  text.length >= 20 &&
  text.charCodeAt(text.length - 1) === LETTER_Z &&
  text.charCodeAt(10) === LETTER_T &&
  text.charCodeAt(4) === HYPHEN;

/** Could match TIME: 19 or 20 characters with the date's hyphen and the `T`. */
const mayBeTime = (text: string) =>
  (text.length === 19 || text.length === 20) &&
  text.charCodeAt(10) === LETTER_T &&
  text.charCodeAt(4) === HYPHEN;

function scalarText(value: unknown): string {
  if (typeof value === 'string') {
    if (!mayBeDateTime(value) || !DATE_TIME.test(value)) return value;
    // Without milliseconds: the first 19 characters and the `Z`.
    return value.length === 20 ? value : `${value.slice(0, 19)}Z`;
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** A cell: quoted as JSON when it could be misread (separator, quote, line break, edge spaces, `=`). */
function cell(text: string | undefined): string {
  if (text === undefined) return '';
  return misread(text) ? JSON.stringify(text) : text;
}

/** A comma, quote or line break (the regular expression scans faster than a loop of charCodeAt). */
const SEPARATOR_OR_QUOTE = /[,"\n\r]/;

/** Empty, `=`, white space at either end, or a comma, quote or line break anywhere. */
function misread(text: string): boolean {
  const n = text.length;
  if (n === 0 || text === '=') return true;
  if (charClass(text.charCodeAt(0)) === SPACE || charClass(text.charCodeAt(n - 1)) === SPACE)
    return true;
  return SEPARATOR_OR_QUOTE.test(text);
}

/** A value in a note line: a cell, also quoted when it holds the note's own separators. */
const noteValue = (text: string) => (/[;={}]/.test(text) ? JSON.stringify(text) : cell(text));

/** Character classes of the token estimate: 0 other, 1 letter, 2 digit, 3 white space. */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
/**
 * The class of every UTF-16 code unit (64 KiB, read once per character by the estimate): letters
 * and digits are ASCII ones, white space is what `\s` matches, everything else is other.
 */
const CHAR_CLASS = new Uint8Array(65_536);
for (let c = 0; c < 128; c++) {
  const lower = c | 32;
  if (c >= 48 && c <= 57) CHAR_CLASS[c] = DIGIT;
  else if (lower >= 97 && lower <= 122) CHAR_CLASS[c] = LETTER;
  else if (c === 32 || (c >= 9 && c <= 13)) CHAR_CLASS[c] = SPACE;
}
for (const c of [0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff])
  CHAR_CLASS[c] = SPACE;
for (let c = 0x2000; c <= 0x200a; c++) CHAR_CLASS[c] = SPACE;

/** The class of a UTF-16 code unit. */
const charClass = (code: number): number => CHAR_CLASS[code] as number;

/**
 * An estimate of the o200k tokens of a text, without a tokenizer (loading one would add a quarter
 * of a second to the first call, and counting costs CPU on every call): a word of letters counts
 * one token per six characters, of digits one per three, of letters and digits mixed (hex ids,
 * serial numbers) 0.62 per character when a third or more are digits, else one per four; a run of
 * punctuation one per three (none when it starts with a control character); white space nothing.
 * On the JSON and tables of real result pages it is within -8% and +22% of o200k (the registry test
 * checks every list tool). One pass over the characters, without allocating.
 *
 * With `within`, the pass stops where the rest of the text can no longer take the count over it
 * (a run's count depends on its own characters alone, and no text counts more tokens than it has
 * code units): the answer is then the count so far plus the code units left, at most `within`. A
 * text whose estimate is over `within` is read whole and gets its estimate.
 */
export function estimateTokens(text: string, within = -1): number {
  let tokens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (tokens + (n - i) <= within) return tokens + (n - i);
    const first = text.charCodeAt(i);
    const kind = CHAR_CLASS[first];
    let j = i + 1;
    if (kind === LETTER || kind === DIGIT) {
      let digits = kind === DIGIT ? 1 : 0;
      for (; j < n; j++) {
        const k = CHAR_CLASS[text.charCodeAt(j)];
        if (k === DIGIT) digits += 1;
        else if (k !== LETTER) break;
      }
      const length = j - i;
      // Integer division rounding up: ceil(length / 6), ceil(length / 3).
      if (digits === 0) tokens += ((length + 5) / 6) | 0;
      else if (digits === length) tokens += ((length + 2) / 3) | 0;
      else tokens += Math.ceil(digits * 3 >= length ? length * 0.62 : length / 4);
    } else if (kind === SPACE) {
      while (j < n && CHAR_CLASS[text.charCodeAt(j)] === SPACE) j++;
    } else {
      while (j < n && CHAR_CLASS[text.charCodeAt(j)] === OTHER) j++;
      if (first > 32) tokens += ((j - i + 2) / 3) | 0;
    }
    i = j;
  }
  return tokens;
}

/** How a template makes a value: `{d}`, `{d}@domain` or `{d} {e}` (see `foldDerived`). */
type Form = 'same' | 'email' | 'joined';

/** How a column's value is made from other cells of its row. */
interface Template {
  /** The template as written in the note, e.g. `{username}@example.com`. */
  text: string;
  form: Form;
  uses: Column[];
  /** The `@domain` of an email template. */
  domain: string;
}

interface Column {
  name: string;
  /** Position among all columns (the order the header keeps). */
  index: number;
  /** Per row, the number of the cell's text; -1 where the row does not set the column. */
  codes: Int32Array;
  /** Rows that set the column. */
  count: number;
  /** Distinct texts. */
  distinct: number;
  /** Every text set is `true` or `false`. */
  flag: boolean;
  /** Sum of the cells' token estimates, once asked. */
  cost: number;
  /** Cells made from other cells of the row (or the column's usual value): the cell written there. */
  derived?: { mark: string; rows: Uint8Array };
  /** Other folds read the column (a mapping's key, part of a template): written as it is. */
  pinned: boolean;
  /** A time column folded to one day: the text written for a number, where it differs. */
  rewritten?: Map<number, string>;
}

/** The table being folded: its columns (those still written), the cell texts, the notes. */
class Table {
  readonly rowCount: number;
  readonly all: Column[] = [];
  columns: Column[] = [];
  readonly notes: string[] = [];
  /** The text of each number. */
  readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Token estimate of each number's text, -1 until asked. */
  private tokenCache: number[] = [];
  private readonly byName = new Map<string, Column>();
  /**
   * Scratch space, per number: how many rows hold it (`values`) or what it maps to (`mapping`),
   * valid where `stamp` holds the current epoch.
   */
  heldBy = new Int32Array(0);
  mapped = new Int32Array(0);
  stamp = new Int32Array(0);
  private epoch = 0;
  /** A row set one column twice (a key with a dot beside the same path nested): texts left over. */
  private overwritten = false;

  constructor(rows: readonly Row[]) {
    this.rowCount = rows.length;
    lookAtObjectPrototype();
    // Keys seen at each level of nesting, with the column they fill or the level below.
    const top = new Map<string, Slot>();
    for (let r = 0; r < rows.length; r++) this.flatten(rows[r] as Row, r, top, '');
    this.columns = this.all.slice();
  }

  private flatten(row: Row, r: number, level: Map<string, Slot>, prefix: string): void {
    // `for...in` lists a bare object's keys as Object.keys does, without making an array.
    if (isBare(row)) for (const key in row) this.set(row, key, r, level, prefix);
    else for (const key of Object.keys(row)) this.set(row, key, r, level, prefix);
  }

  /** Row `r`'s cell of the column `prefix + key`, or of the columns below it. */
  private set(row: Row, key: string, r: number, level: Map<string, Slot>, prefix: string): void {
    const value = row[key];
    // Not set; an empty object is written as `{}`.
    if (value === undefined || value === null || value === '') return;
    let slot = level.get(key);
    if (slot === undefined) {
      slot = { name: `${prefix}${key}` };
      level.set(key, slot);
    }
    if (isPlainObject(value) && hasKeys(value)) {
      slot.below ??= new Map();
      this.flatten(value, r, slot.below, `${slot.name}.`);
      return;
    }
    if (slot.column === undefined) {
      let column = this.byName.get(slot.name);
      if (column === undefined) {
        column = {
          name: slot.name,
          index: this.all.length,
          codes: new Int32Array(this.rowCount).fill(-1),
          count: 0,
          distinct: 0,
          flag: false,
          cost: -1,
          pinned: false,
        };
        this.byName.set(slot.name, column);
        this.all.push(column);
      }
      slot.column = column;
    }
    const { codes } = slot.column;
    if ((codes[r] as number) >= 0) this.overwritten = true;
    codes[r] = this.number(scalarText(value));
  }

  number(text: string): number {
    let code = this.numbers.get(text);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(text);
      this.tokenCache.push(-1);
      this.numbers.set(text, code);
    }
    return code;
  }

  /** Which numbers some cell holds (all of them unless a row set a column twice). */
  live(): (code: number) => boolean {
    if (!this.overwritten) return () => true;
    const held = new Uint8Array(this.texts.length);
    for (const column of this.all) for (const code of column.codes) if (code >= 0) held[code] = 1;
    return (code) => held[code] === 1;
  }

  tokens(code: number): number {
    let tokens = this.tokenCache[code] as number;
    if (tokens < 0) {
      tokens = estimateTokens(this.texts[code] as string);
      this.tokenCache[code] = tokens;
    }
    return tokens;
  }

  /** Counts, distinct texts and flags of every column, after the texts have their final form. */
  describe(): void {
    const trueCode = this.number('true');
    const falseCode = this.number('false');
    const seenIn = new Int32Array(this.texts.length).fill(-1);
    this.heldBy = new Int32Array(this.texts.length);
    this.mapped = new Int32Array(this.texts.length);
    this.stamp = new Int32Array(this.texts.length);
    for (const column of this.all) {
      let count = 0;
      let distinct = 0;
      let flag = true;
      const { codes, index } = column;
      for (let r = 0; r < codes.length; r++) {
        const code = codes[r] as number;
        if (code < 0) continue;
        count += 1;
        if (seenIn[code] !== index) {
          seenIn[code] = index;
          distinct += 1;
        }
        if (code !== trueCode && code !== falseCode) flag = false;
      }
      column.count = count;
      column.distinct = distinct;
      column.flag = flag;
    }
  }

  cost(column: Column): number {
    if (column.cost < 0) {
      let cost = 0;
      for (const code of column.codes) if (code >= 0) cost += this.tokens(code);
      column.cost = cost;
    }
    return column.cost;
  }

  text(column: Column, r: number): string | undefined {
    const code = column.codes[r] as number;
    return code < 0 ? undefined : this.texts[code];
  }

  /**
   * The column's numbers in order of first appearance; `held(code)` then tells how many rows hold
   * each (until the next call).
   */
  nextEpoch(): number {
    this.epoch += 1;
    return this.epoch;
  }

  values(column: Column): number[] {
    const { heldBy, stamp } = this;
    const epoch = this.nextEpoch();
    const codes: number[] = [];
    for (const code of column.codes) {
      if (code < 0) continue;
      if (stamp[code] === epoch) heldBy[code] = (heldBy[code] as number) + 1;
      else {
        stamp[code] = epoch;
        heldBy[code] = 1;
        codes.push(code);
      }
    }
    return codes;
  }

  held(code: number): number {
    return this.stamp[code] === this.epoch ? (this.heldBy[code] as number) : 0;
  }
}

interface Slot {
  name: string;
  column?: Column;
  below?: Map<string, Slot>;
}

/**
 * Date-times lose their `Z`, said once for the table, when every date-time in it is UTC (none is
 * written without a zone, which would read the same).
 */
function foldUtc(t: Table): void {
  let utc = false;
  const times: number[] = [];
  const live = t.live();
  for (let code = 0; code < t.texts.length; code++) {
    const value = t.texts[code] as string;
    if (!mayBeTime(value) || !TIME.test(value) || !live(code)) continue;
    if (!value.endsWith('Z')) return;
    utc = true;
    times.push(code);
  }
  if (!utc) return;
  // No text is the same as another without its `Z`: such a text would be a time without a zone.
  for (const code of times) t.texts[code] = (t.texts[code] as string).slice(0, -1);
  t.notes.push('Times are UTC.');
}

/** A column with the same value in every row: said once. */
function foldConstant(t: Table): void {
  const same = t.columns.filter((c) => c.count === t.rowCount && c.distinct === 1);
  if (same.length === 0) return;
  t.notes.push(
    `Same in every row: ${same.map((c) => `${c.name}=${noteValue(t.text(c, 0) as string)}`).join('; ')}`,
  );
  t.columns = t.columns.filter((c) => !same.includes(c));
}

function sameCells(a: Column, b: Column): boolean {
  if (a.count !== b.count || a.distinct !== b.distinct) return false;
  const x = a.codes;
  const y = b.codes;
  for (let r = 0; r < x.length; r++) if (x[r] !== y[r]) return false;
  return true;
}

/** A column equal to an earlier one in every row (both set or both not): named once. */
function foldRepeats(t: Table): void {
  const repeats = new Set<Column>();
  t.columns.forEach((c, i) => {
    if (OWN_ID.has(c.name)) return;
    for (let j = 0; j < i; j++) {
      const d = t.columns[j] as Column;
      if (repeats.has(d) || !sameCells(c, d)) continue;
      repeats.add(c);
      t.notes.push(`${c.name}: same as ${d.name}`);
      return;
    }
  });
  if (repeats.size > 0) t.columns = t.columns.filter((c) => !repeats.has(c));
}

/** A value in a mapping: true, false and numbers as JSON literals, other text as a JSON string. */
const jsonValue = (text: string): unknown =>
  /^(true|false|0|-?[1-9]\d{0,14}(\.\d*[1-9])?|-?0\.\d*[1-9])$/.test(text)
    ? JSON.parse(text)
    : text;

/** A mapping: the key's numbers in order of first appearance, and the value of each, in step. */
interface Mapping {
  keys: number[];
  values: number[];
}

/** The mapping key -> value that `column` follows in every row, if it follows `key`. */
function mapping(t: Table, key: Column, column: Column): Mapping | undefined {
  const { mapped, stamp } = t;
  const epoch = t.nextEpoch();
  const keys: number[] = [];
  const k = key.codes;
  const v = column.codes;
  for (let r = 0; r < k.length; r++) {
    const kc = k[r] as number;
    const vc = v[r] as number;
    if (kc < 0 || vc < 0) {
      if (kc !== vc) return undefined;
      continue;
    }
    if (stamp[kc] !== epoch) {
      stamp[kc] = epoch;
      mapped[kc] = vc;
      keys.push(kc);
    } else if (mapped[kc] !== vc) return undefined;
  }
  return { keys, values: keys.map((kc) => mapped[kc] as number) };
}

/**
 * Columns whose value follows from another column's (an application's name from its id, an OS
 * family from the OS, a service from the event type): the mapping is said once, when it is shorter
 * than the cells it replaces. The key is the coarsest column that works, with at most 8 values or
 * at most twice as many as the column it replaces, so the mapping reads as a small category table
 * (OS family by OS), not as a lookup the reader must aggregate over (OS by OS version).
 */
function foldDetermined(t: Table): void {
  const keys = t.columns
    .filter((k) => !OWN_ID.has(k.name) && k.distinct * 2 <= t.rowCount)
    .sort((a, b) => a.distinct - b.distinct);
  const byKey = new Map<Column, { column: Column; map: Mapping }[]>();
  const folded = new Set<Column>();
  const fold = (c: Column, k: Column, map: Mapping) => {
    folded.add(c);
    k.pinned = true;
    byKey.set(k, [...(byKey.get(k) ?? []), { column: c, map }]);
  };
  for (const c of t.columns) {
    if (ID.test(c.name) || byKey.has(c) || c.flag) continue;
    const fine = c.distinct * 2;
    for (const k of keys) {
      if (k === c || folded.has(k) || k.distinct > Math.max(fine, 8)) continue;
      // Of two columns that follow each other, the earlier one stays (a name before its version).
      if (k.distinct === c.distinct && k.index > c.index) continue;
      const map = mapping(t, k, c);
      if (!map) continue;
      let mapCost = 0;
      for (let i = 0; i < map.keys.length; i++)
        mapCost += t.tokens(map.keys[i] as number) + t.tokens(map.values[i] as number);
      if (t.cost(c) - mapCost - estimateTokens(`${c.name} for each ${k.name}: {}`) < MIN_SAVING)
        continue;
      fold(c, k, map);
      break;
    }
  }
  // A flag costs a token where true (false is an empty cell): it joins a mapping already said
  // when that costs less, and never makes one of its own (which would keep its key from folding).
  const trueCode = t.number('true');
  for (const c of t.columns.filter((column) => column.flag)) {
    let trues = 0;
    for (const code of c.codes) if (code === trueCode) trues += 1;
    for (const k of [...byKey.keys()]) {
      const map = mapping(t, k, c);
      if (map && trues - map.keys.length - estimateTokens(c.name) >= MIN_SAVING) {
        fold(c, k, map);
        break;
      }
    }
  }
  for (const [key, folds] of byKey) {
    // Every mapping of one key lists the key's values in the same order.
    const value = (map: Mapping, i: number) =>
      jsonValue(t.texts[map.values[i] as number] as string);
    const entries = (folds[0] as { map: Mapping }).map.keys.map((k, i) => [
      t.texts[k] as string,
      folds.length === 1 ? value(folds[0]!.map, i) : folds.map((f) => value(f.map, i)),
    ]);
    t.notes.push(
      `${folds.map((f) => f.column.name).join(', ')} for each ${key.name}: ${JSON.stringify(Object.fromEntries(entries))}`,
    );
  }
  if (folded.size > 0) t.columns = t.columns.filter((c) => !folded.has(c));
}

/** The text a template gives for row `r`, compared with `value` without writing it out. */
function makes(t: Table, template: Template, r: number, value: string): boolean {
  const [d, e] = template.uses as [Column, Column | undefined];
  const a = t.text(d, r);
  if (a === undefined) return false;
  switch (template.form) {
    case 'same':
      return a === value;
    case 'email':
      return (
        value.length === a.length + template.domain.length &&
        value.startsWith(a) &&
        value.endsWith(template.domain)
      );
    case 'joined': {
      const b = t.text(e as Column, r);
      return (
        b !== undefined &&
        value.length === a.length + 1 + b.length &&
        value.charCodeAt(a.length) === 32 &&
        value.startsWith(a) &&
        value.endsWith(b)
      );
    }
  }
}

/** The template gives a value for row `r` (every column it reads is set there). */
const gives = (template: Template, r: number) =>
  template.uses.every((d) => (d.codes[r] as number) >= 0);

function templates(t: Table, c: Column, others: readonly Column[]): Template[] {
  const found: Template[] = [];
  const seen = new Set<string>();
  const add = (form: Form, d: Column, e: Column | undefined, domain: string) => {
    // The same template found again (in another sample row) is not written out again.
    for (const f of found)
      if (f.form === form && f.uses[0] === d && f.uses[1] === e && f.domain === domain) return;
    const text =
      form === 'same'
        ? `{${d.name}}`
        : form === 'email'
          ? `{${d.name}}${domain}`
          : `{${d.name}} {${(e as Column).name}}`;
    if (!seen.has(text)) found.push({ text, form, uses: e ? [d, e] : [d], domain });
    seen.add(text);
  };
  let sampled = 0;
  for (let r = 0; r < t.rowCount && sampled < 8; r++) {
    const value = t.text(c, r);
    if (value === undefined) continue;
    sampled += 1;
    const email = value.includes('@') ? EMAIL.exec(value) : null;
    for (const d of others) {
      const other = t.text(d, r);
      if (other === undefined) continue;
      if (other === value) add('same', d, undefined, '');
      if (email && email[1] === other) add('email', d, undefined, `@${email[2]}`);
      if (
        value.length > other.length &&
        value.charCodeAt(other.length) === 32 &&
        value.startsWith(other)
      ) {
        const rest = value.slice(other.length + 1);
        for (const e of others) {
          if (e === d || t.text(e, r) !== rest) continue;
          add('joined', d, e, '');
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
  // The templates of each column, found once among all columns (a template reads the same columns
  // wherever it is found, so those a pass may use are the ones found among its columns, in order).
  const found = new Map<Column, { template: Template; saving: number }[]>();
  for (const earlierOnly of [true, false]) {
    for (const c of t.columns) {
      if (OWN_ID.has(c.name) || c.pinned || c.derived) continue;
      let candidates = found.get(c);
      if (candidates === undefined) {
        candidates =
          mostSaved(t, c) < MIN_SAVING
            ? []
            : templates(
                t,
                c,
                t.columns.filter((d) => d !== c),
              ).map((template) => ({ template, saving: saving(t, c, template) }));
        found.set(c, candidates);
      }
      let best: { template: Template; saving: number } | undefined;
      for (const candidate of candidates) {
        const usable = candidate.template.uses.every(
          (d) => !d.derived && (!earlierOnly || d.index < c.index),
        );
        if (
          usable &&
          candidate.saving >= MIN_SAVING &&
          (best === undefined || candidate.saving > best.saving)
        )
          best = candidate;
      }
      if (!best) continue;
      const { template } = best;
      // The rows where the cell is what the template gives, or where neither is set.
      const rows = new Uint8Array(t.rowCount);
      let ambiguous = false;
      for (let r = 0; r < t.rowCount; r++) {
        const value = t.text(c, r);
        if (value === undefined) {
          if (gives(template, r)) ambiguous = true;
          else rows[r] = 1;
        } else if (makes(t, template, r, value)) rows[r] = 1;
      }
      c.derived = { mark: ambiguous ? SAME : '', rows };
      for (const d of template.uses) d.pinned = true;
      t.notes.push(`${c.name}: ${ambiguous ? '"="' : 'empty'} is ${template.text}`);
    }
  }
}

/**
 * At most what a template saves in a column of few values: a token less than each cell (so nothing
 * in a flag's, whose cells cost one token each). Not worked out for a column of many values.
 */
function mostSaved(t: Table, c: Column): number {
  if (c.distinct > 16) return Infinity;
  let most = -2;
  for (const code of t.values(c)) most += t.held(code) * (t.tokens(code) - 1);
  return most;
}

/** The tokens a template saves where it gives the cell, less its note line. */
function saving(t: Table, c: Column, template: Template): number {
  let saving = -estimateTokens(`${c.name}: "=" is ${template.text}`) - 2;
  const { codes } = c;
  if (template.form === 'same') {
    const other = (template.uses[0] as Column).codes;
    for (let r = 0; r < codes.length; r++) {
      const code = codes[r] as number;
      if (code >= 0 && code === other[r]) saving += t.tokens(code) - 1;
    }
    return saving;
  }
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r] as number;
    if (code >= 0 && makes(t, template, r, t.texts[code] as string)) saving += t.tokens(code) - 1;
  }
  return saving;
}

/**
 * A column set in every row with one value in many of them (false in a flag, the usual agent
 * version, the common employee type): there the cell is empty, and one line names the value. A
 * true/false column always leaves false empty, so every flag reads the same way.
 */
function foldDefaults(t: Table): void {
  const falseCode = t.number('false');
  const folds: { column: Column; code: number; saving: number; flag: boolean }[] = [];
  for (const c of t.columns) {
    if (ID.test(c.name) || c.derived || c.pinned || c.count < t.rowCount) continue;
    const codes = t.values(c);
    if (c.flag) {
      folds.push({ column: c, code: falseCode, saving: t.held(falseCode), flag: true });
      continue;
    }
    // The most common value; of equally common ones, the first in the column.
    let code = codes[0] as number;
    let count = t.held(code);
    for (const other of codes) {
      const n = t.held(other);
      if (n > count) {
        code = other;
        count = n;
      }
    }
    const saving =
      count * t.tokens(code) - estimateTokens(`${c.name}: empty is ${t.texts[code] as string}`);
    if (count * 3 >= t.rowCount && saving >= MIN_SAVING)
      folds.push({ column: c, code, saving, flag: code === falseCode && c.flag });
  }
  // Flags go together, so that every flag of the table reads the same way.
  const flags = folds.filter((f) => f.flag);
  const flagSaving = flags.reduce((n, f) => n + f.saving, 0) - estimateTokens(': empty is false');
  const byValue = new Map<number, string[]>();
  for (const { column, code, flag } of folds) {
    if (flag && flagSaving < MIN_SAVING) continue;
    const rows = new Uint8Array(t.rowCount);
    for (let r = 0; r < t.rowCount; r++) if (column.codes[r] === code) rows[r] = 1;
    column.derived = { mark: '', rows };
    byValue.set(code, [...(byValue.get(code) ?? []), column.name]);
  }
  for (const [code, columns] of byValue)
    t.notes.push(`${columns.join(', ')}: empty is ${noteValue(t.texts[code] as string)}`);
}

/**
 * A date-time column where many values fall on one day (devices that checked in today, the day's
 * events): there the cell is the time alone, and one line names the day.
 */
function foldDay(t: Table): void {
  for (const c of t.columns) {
    if (c.derived) continue;
    // A column of date-times has one in its first row that sets it.
    const first = c.codes.find((code) => code >= 0);
    if (first === undefined || !mayBeTime(t.texts[first] as string)) continue;
    const codes = t.values(c);
    const days = new Map<string, number>();
    let all = true;
    for (const code of codes) {
      const value = t.texts[code] as string;
      if (!mayBeTime(value) || !TIME.test(value) || value.endsWith('Z')) {
        all = false;
        break;
      }
      const day = value.slice(0, 10);
      days.set(day, (days.get(day) ?? 0) + t.held(code));
    }
    if (!all) continue;
    // The most common day; of equally common ones, the first in the column.
    let day = '';
    let count = 0;
    for (const [d, n] of days)
      if (n > count) {
        day = d;
        count = n;
      }
    if (count * (estimateTokens(day) + 1) - estimateTokens(`${c.name}: ${day}`) < MIN_SAVING)
      continue;
    c.rewritten = new Map();
    for (const code of codes) {
      const value = t.texts[code] as string;
      if (value.startsWith(day)) c.rewritten.set(code, value.slice(11, 19));
    }
    t.notes.push(`${c.name}: a time without a date is on ${day}`);
  }
}

/** Rows as a table: the lines that say what was folded, the header line, one line per row. */
export function tableText(rows: readonly Row[]): string {
  const t = new Table(rows);
  if (t.rowCount >= 3) {
    foldUtc(t);
    t.describe();
    foldConstant(t);
    foldRepeats(t);
    foldDetermined(t);
    foldDerived(t);
    foldDefaults(t);
    foldDay(t);
  }
  const { columns, texts } = t;
  const lines = t.notes;
  lines.push(columns.map((c) => cell(c.name)).join(','));
  // Each text as a cell, quoted or not, once per table.
  const cells = new Array<string | undefined>(texts.length).fill(undefined);
  const line: string[] = new Array<string>(columns.length);
  for (let r = 0; r < t.rowCount; r++) {
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j] as Column;
      const code = c.codes[r] as number;
      if (c.derived && c.derived.rows[r] === 1) line[j] = c.derived.mark;
      else if (code < 0) line[j] = '';
      else {
        let text = c.rewritten?.get(code) ?? cells[code];
        if (text === undefined) {
          text = cell(texts[code]);
          cells[code] = text;
        }
        line[j] = text;
      }
    }
    lines.push(line.join(','));
  }
  return lines.join('\n');
}
