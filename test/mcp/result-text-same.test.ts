/**
 * resultText builds a record's `key: value` lines in one string, without a copy of the record or
 * an array of its lines: it writes what the composition it replaced wrote (kept below as the
 * reference), character for character, on random records with no list, one list or several, and on
 * the results of every list tool of a sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findList, resultText } from '../../src/mcp/result-text.js';
import { tableText } from '../../src/mcp/table-text.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { listToolPage, LIST_TOOLS } from './list-tool-pages.js';

type Row = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reference: the list found through Object.entries, the lines of a copy without it, joined. */
const reference = {
  findList(data: unknown): { key?: string; rows: Row[] } | undefined {
    if (Array.isArray(data)) return data.every(isPlainObject) ? { rows: data } : undefined;
    if (!isPlainObject(data)) return undefined;
    const lists = Object.entries(data).filter(
      ([, value]) => Array.isArray(value) && value.length > 0 && value.every(isPlainObject),
    );
    if (lists.length !== 1) return undefined;
    const [key, rows] = lists[0] as [string, Row[]];
    return { key, rows };
  },
  fieldLines(value: Row): string[] {
    const lines: string[] = [];
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v !== undefined) lines.push(`${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
    return lines;
  },
  resultText(data: unknown): string {
    if (typeof data === 'string') return data;
    const slot = reference.findList(data);
    if (!slot) return JSON.stringify(data ?? { ok: true });
    const table = tableText(slot.rows);
    if (slot.key === undefined) return `${slot.rows.length} rows:\n${table}`;
    const { [slot.key]: _list, ...rest } = data as Row;
    return [...reference.fieldLines(rest), `${slot.key} (${slot.rows.length} rows):`, table].join(
      '\n',
    );
  },
};

/** Seeded random numbers (mulberry32): `random(n)` is a whole number below n. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

/** A random value of a record's field: texts, numbers, nulls, nested objects, lists of any kind. */
function randomValue(random: (n: number) => number, depth: number): unknown {
  switch (random(depth > 1 ? 7 : 10)) {
    case 0:
      return ['', 'x', 'two words', 'a: b', 'line\nbreak', 'ünï', '0'][random(7)];
    case 1:
      return [0, 1.5, -3, 1e21][random(4)];
    case 2:
      return [true, false, null, undefined][random(4)];
    case 3:
      return [];
    case 4:
      return ['a', 1, null].slice(0, random(4));
    case 5:
      return { nested: randomValue(random, depth + 1) };
    case 6:
      return {};
    default:
      // A list of objects: the table of a result, when it is the only one.
      return Array.from({ length: random(4) }, (_, i) => ({
        id: `r${i}`,
        v: randomValue(random, depth + 1),
      }));
  }
}

function randomData(seed: number): unknown {
  const random = generator(seed);
  if (random(10) === 0) return [{ id: 'a' }, { id: 'b', x: 1 }].slice(0, random(3));
  if (random(20) === 0) return ['not', 'objects'];
  const record: Row = {};
  const fields = random(12);
  for (let i = 0; i < fields; i++) record[random(3) ? `f${i}` : String(i)] = randomValue(random, 0);
  return record;
}

describe('resultText writes what the reference writes', () => {
  it('on random records', () => {
    let withList = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const data = randomData(seed);
      if (findList(data)?.key !== undefined) withList += 1;
      expect(findList(data), `seed ${seed}`).toEqual(reference.findList(data));
      expect(resultText(data, 'compact'), `seed ${seed}`).toBe(reference.resultText(data));
    }
    // Records with one list and fields beside it are the case that was rewritten.
    expect(withList).toBeGreaterThan(500);
  });

  // A record read with for...in: what it inherits is never listed.
  it('on records that inherit enumerable keys, and while Object.prototype has one', () => {
    const inherits = Object.assign(Object.create({ inherited: 'not listed' }) as Row, {
      id: 'x',
      rows: [{ a: 1 }],
    });
    expect(resultText(inherits, 'compact')).toBe(reference.resultText(inherits));
    expect(resultText(inherits, 'compact')).not.toContain('inherited');
    const texts: string[] = [];
    Object.defineProperty(Object.prototype, 'polluted', {
      value: 'not listed',
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      for (let seed = 1; seed <= 300; seed++) {
        const data = randomData(seed);
        const found = findList(data);
        const expected = reference.findList(data);
        texts.push(resultText(data, 'compact'), reference.resultText(data));
        expect([found?.key, found?.rows.length], `seed ${seed}`).toStrictEqual([
          expected?.key,
          expected?.rows.length,
        ]);
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    for (let i = 0; i < texts.length; i += 2) expect(texts[i]).toBe(texts[i + 1]);
    expect(texts.join('')).not.toContain('polluted');
  });

  describe('on pages of every list tool of a sandbox', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 7, now: new Date('2026-06-15T12:00:00Z') });
    });
    afterAll(() => sandbox.close());

    it.each(LIST_TOOLS)('%s', async (_name, tool) => {
      const raw = await listToolPage(sandbox, tool, 20);
      const data = Array.isArray(raw) ? { results: raw } : raw;
      expect(resultText(data, 'compact')).toBe(reference.resultText(data));
    });
  });
});
