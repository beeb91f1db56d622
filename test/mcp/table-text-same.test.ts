/**
 * The column-wise renderer writes the same text, character for character, as the reference it
 * replaced (table-text.reference.ts, kept unchanged), and its token estimate gives the same counts:
 * on random tables built to reach every fold and its edge cases, on pages of every list tool of two
 * sandboxes, and on random and exhaustive character strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findList } from '../../src/mcp/result-text.js';
import { estimateTokens, tableText } from '../../src/mcp/table-text.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { listToolPage, LIST_TOOLS } from './list-tool-pages.js';
import { roundTripTables } from './round-trip-tables.js';
import * as reference from './table-text.reference.js';

type Row = Record<string, unknown>;

/** Seeded random numbers (mulberry32): `random(n)` is a whole number below n. */
function generator(seed: number) {
  let state = seed >>> 0;
  const random = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
  };
  const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T;
  return { random, pick };
}

const TEXTS = [
  'Engineering',
  'Human Resources',
  'Mac OS X',
  'x y',
  '=',
  ' pad',
  'pad ',
  'x,y',
  'say "hi"',
  'two\nlines',
  'a=b; c',
  '{x}',
  'ünïcödé',
  '\u2003wide space',
  'no-break\u00a0',
  '\ttab',
  'line\u2028separator',
  '\u0001ctl',
  '0',
  '12',
  '-3.5',
  '1e5',
  '007',
];
const TIMES = [
  '2026-11-20T01:02:03Z',
  '2026-11-20T04:05:06.789Z',
  '2026-11-19T07:08:09Z',
  '2026-11-20T10:11:12',
  '2026-11-20T10:11:12+02:00',
];

/** A random table: a few kinds of column, some related to others as the folds look for. */
function randomRows(seed: number): Row[] {
  const { random, pick } = generator(seed);
  const columns = Array.from({ length: 1 + random(9) }, () => ({
    kind: random(14),
    // How often a row leaves the column out: never, or one row in four or in two.
    sparse: pick([0, 0, 4, 2]),
    // How many of the values the column draws from.
    spread: 1 + random(6),
  }));
  const zoned = random(4) > 0;
  const count = random(8) === 0 ? random(3) : 3 + random(random(4) === 0 ? 100 : 30);
  const domain = pick(['q.example', 'acme-robotics.example']);
  return Array.from({ length: count }, (_, i) => {
    const row: Row = random(8) === 0 ? {} : { [random(2) ? 'id' : '_id']: `r${i}` };
    columns.forEach(({ kind, sparse, spread }, c) => {
      if (sparse > 0 && random(sparse) === 0) return;
      const name = `c${c}`;
      const user = `user.name${random(spread * 3)}`;
      switch (kind) {
        case 0:
          row[name] = pick(TEXTS.slice(c % 4, (c % 4) + spread));
          break;
        case 1:
          row[name] = random(spread) === 0;
          break;
        case 2:
          row[name] = pick(zoned ? TIMES.slice(random(2) * 2, 3) : TIMES);
          break;
        case 3:
          row[name] = random(8) ? 'the same long value here' : pick(['', null, undefined, 'x']);
          break;
        case 4:
          row[name] = { deep: { value: pick(['odd', 'even', true, 3]) }, empty: {}, list: [c] };
          break;
        case 5:
          row[name] = pick([['a', 'b'], [], 0, 1.5, -2, 'agent 2.5.1'].slice(0, spread));
          break;
        case 6:
          row.username = user;
          row[name] = random(spread) ? `${user}@${domain}` : `${user}@elsewhere.example`;
          break;
        case 7: {
          const first = pick(['Annabelle', 'Roberto', 'Cyrus'].slice(0, spread));
          const last = pick(['Leeuwenhoek', 'Ngata'].slice(0, spread));
          row.first = first;
          row.last = last;
          if (random(4)) row[name] = random(spread) ? `${first} ${last}` : `${last} ${first}`;
          break;
        }
        case 8: {
          const os = pick(['Mac OS X', 'Windows', 'Ubuntu', 'Rocky'].slice(0, spread));
          row.os = os;
          row[name] = os === 'Mac OS X' ? 'darwin' : os === 'Windows' ? 'windows' : 'linux';
          if (spread % 2 === 0 || random(2))
            row[`${name}Arm`] = os === 'Mac OS X' && (spread < 4 || random(spread) > 0);
          break;
        }
        case 9: {
          const actor = { id: `abcdef0123456789abcd${random(spread * 4)}`, name: user };
          row.actor = actor;
          if (random(3)) row[name] = { id: random(spread) ? actor.id : 'ffffffffffffffffffffffff' };
          break;
        }
        case 10:
          row[name] = `v${random(spread)}.${random(2)}`;
          row[`${name}Id`] = `id-${random(5)}`;
          break;
        case 11:
          row[name] =
            `${pick(['2026-11-20', '2026-11-19'])}T0${random(10)}:00:00${zoned ? 'Z' : ''}`;
          break;
        case 12:
          // Equal to the column before it, or nearly.
          if (c > 0 && random(8 * spread) > 0) row[name] = row[`c${c - 1}`];
          else row[name] = pick(TEXTS);
          break;
        default:
          // The same column reached nested and as a dotted key; the later one wins.
          if (random(2)) row.n = { k: pick(TEXTS) };
          if (random(2)) row['n.k'] = pick(TIMES);
      }
    });
    return row;
  });
}

describe('tableText writes what the reference renderer writes', () => {
  it('on random tables', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rows = randomRows(seed);
      expect(tableText(rows), `seed ${seed}`).toBe(reference.tableText(rows));
    }
  });

  it('on the tables of the round-trip test', () => {
    for (const rows of roundTripTables()) expect(tableText(rows)).toBe(reference.tableText(rows));
  });

  describe.each([7, 20260101])('on pages of every list tool (sandbox seed %i)', (seed) => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed, now: new Date('2026-06-15T12:00:00Z') });
    });
    afterAll(() => sandbox.close());

    it.each(LIST_TOOLS)('%s', async (_name, tool) => {
      for (const limit of [100, 7]) {
        const raw = await listToolPage(sandbox, tool, limit);
        const slot = findList(Array.isArray(raw) ? { results: raw } : raw);
        if (!slot) continue;
        expect(tableText(slot.rows)).toBe(reference.tableText(slot.rows));
      }
    });
  });
});

describe('estimateTokens counts what the reference estimate counts', () => {
  it('on every UTF-16 code unit, alone and between letters, digits and punctuation', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      for (const text of [char, `ab${char}cd`, `12${char}${char}3`, `..${char}.`, ` ${char} `])
        if (estimateTokens(text) !== reference.estimateTokens(text))
          differ.push(JSON.stringify(text));
    }
    expect(differ).toEqual([]);
  });

  it('on random strings', () => {
    const { random, pick } = generator(99);
    const pieces = [
      'abc',
      'Z',
      '0',
      '123456',
      'a1b2',
      'ff00aa',
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '\u2028',
      '\ufeff',
      ',',
      '"',
      '.-_',
      '\u0001',
      '\u001f',
      'é',
      '\ud83d\ude00',
      '{}[]',
      '2026-11-20T01:02:03Z',
    ];
    const differ: string[] = [];
    for (let round = 0; round < 5000; round++) {
      const text = Array.from({ length: random(40) }, () => pick(pieces)).join('');
      if (estimateTokens(text) !== reference.estimateTokens(text))
        differ.push(JSON.stringify(text));
    }
    expect(differ).toEqual([]);
  });
});

describe('estimateTokens never counts more tokens than a text has code units', () => {
  // The result budget takes a text no longer than the budget as within it without estimating.
  it('on every UTF-16 code unit, alone, repeated and between letters, digits and punctuation', () => {
    const over: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      for (const text of [char, char.repeat(7), `a${char}1${char}.`, `${char}x${char}`])
        if (estimateTokens(text) > text.length) over.push(JSON.stringify(text));
    }
    expect(over).toEqual([]);
  });

  it('on random strings of short runs', () => {
    const { random } = generator(7);
    const alphabet = 'aZ09 ,."\n\t-_{}\u00a0\u2028é\u0001';
    const over: string[] = [];
    for (let round = 0; round < 20_000; round++) {
      const text = Array.from(
        { length: 1 + random(30) },
        () => alphabet[random(alphabet.length)],
      ).join('');
      if (estimateTokens(text) > text.length) over.push(JSON.stringify(text));
    }
    expect(over).toEqual([]);
  });
});

describe('estimateTokens within a bound', () => {
  // The result budget asks whether a text is within it; the pass stops once the rest cannot
  // take the count over. Within or over must be what the whole estimate says, and over is exact.
  it('tells within from over as the whole estimate does, on random strings and bounds', () => {
    const { random, pick } = generator(11);
    const pieces = ['abc', 'Z', '0', '123456', 'a1b2', ' ', '\n', ',', '"', '.-_', '\u0001', 'é'];
    const wrong: string[] = [];
    for (let round = 0; round < 20_000; round++) {
      const text = Array.from({ length: random(60) }, () => pick(pieces)).join('');
      const whole = estimateTokens(text);
      const within = random(text.length + 2);
      const bounded = estimateTokens(text, within);
      const right = whole > within ? bounded === whole : bounded <= within && bounded >= whole;
      if (!right)
        wrong.push(`${JSON.stringify(text)} within ${within}: ${bounded}, whole ${whole}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads a long text within the bound only as far as it must', () => {
    const row = '5677b07505833e54c2349f08,arturo.schmeler,,Arturo,Schmeler,Human Resources\n';
    const text = row.repeat(200);
    const whole = estimateTokens(text);
    // Where the rest of the text cannot take it over the bound, the count stops: the answer is
    // the count so far plus what is left, above the whole estimate and within the bound.
    const bound = text.length - 100;
    const bounded = estimateTokens(text, bound);
    expect(whole).toBeLessThan(bound);
    expect(bounded).toBeGreaterThan(whole);
    expect(bounded).toBeLessThanOrEqual(bound);
    expect(estimateTokens(text, whole - 1)).toBe(whole);
  });
});
