/**
 * fitToBudget: the largest number of leading items whose text is within the budget. Held to a
 * plain binary search over the whole list (below, the reference) on random lists of every size,
 * in both result formats and at budgets from a few rows to just under the whole list: the same
 * items, the same text. Whatever it answers, its text is within the budget and one more item is
 * not.
 */
import { describe, expect, it } from 'vitest';
import { budgetShare, fitToBudget, largestFitting } from '../../src/mcp/result-budget.js';
import type { FittedResult, ResultOptions } from '../../src/mcp/result-budget.js';
import { estimateTokens, findList, resultText, withRows } from '../../src/mcp/result-text.js';
import { FastRandom } from '../../src/sandbox/seed/fast-random.js';

type Options = Pick<ResultOptions, 'format' | 'budgetTokens'>;

const fitsBudget = (input: { data: unknown; options: Options }) => budgetShare(input) <= 1;

/** The reference: halving from the whole list, each candidate written and estimated in full. */
function referenceFit(data: unknown, options: Options): FittedResult {
  const text = resultText(data, options.format);
  if (fitsBudget({ data, options })) return { data, text };
  const slot = findList(data)!;
  let low = 0;
  let high = slot.rows.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = withRows(data, slot, slot.rows.slice(0, mid));
    if (fitsBudget({ data: candidate, options })) low = mid;
    else high = mid - 1;
  }
  const fitted = withRows(data, slot, slot.rows.slice(0, low));
  return {
    data: fitted,
    text: resultText(fitted, options.format),
    cut: { shown: low, total: slot.rows.length, ...(slot.key ? { key: slot.key } : {}) },
  };
}

/** Seeded random whole numbers: `random(n)` is below n. */
function generator(seed: number): (n: number) => number {
  const rng = new FastRandom(seed);
  return (n) => rng.int({ max: n - 1 });
}

const DEPARTMENTS = ['Engineering', 'Human Resources', 'Sales', 'Finance, Legal', 'IT "Ops"'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota'];

/** A page of user-like records: some fields in every row, some in few, lengths that vary a lot. */
function page(random: (n: number) => number, rows: number): Record<string, unknown> {
  const results = Array.from({ length: rows }, (_, i) => {
    const first = WORDS[random(WORDS.length)]!;
    const last = WORDS[random(WORDS.length)]!;
    const row: Record<string, unknown> = {
      _id: (0x5f00 + i * 7919).toString(16).padStart(24, '0'),
      username: `${first}.${last}${i}`,
      email: `${first}.${last}${i}@example.com`,
      department: DEPARTMENTS[random(DEPARTMENTS.length)],
      suspended: random(10) === 0,
      created: `2026-0${1 + random(9)}-1${random(10)}T0${random(10)}:1${random(10)}:00.000Z`,
    };
    if (random(4) === 0)
      row.description = WORDS.slice(0, 1 + (random(40) % 9))
        .join(' ')
        .repeat(1 + random(6));
    if (random(3) === 0) row.attributes = [{ name: 'costCenter', value: `CC-${random(1000)}` }];
    return row;
  });
  return { totalCount: rows * 3, results };
}

describe('fitToBudget', () => {
  it('keeps the items and the text of the binary search, and stops where one more item would not fit', () => {
    const random = generator(20261130);
    let cut = 0;
    for (let trial = 0; trial < 240; trial += 1) {
      const rows = 1 + random(trial % 3 === 0 ? 12 : 150);
      const data = page(random, rows);
      const format = trial % 2 === 0 ? 'compact' : 'json';
      const whole = resultText(data, format).length;
      // From a budget a few rows fill to one just under the whole list's characters.
      const budgetTokens = 20 + random(Math.max(1, Math.floor(whole / 2)));
      const options: Options = { format, budgetTokens };
      const fitted = fitToBudget({ data, options });
      expect(fitted).toEqual(referenceFit(data, options));
      if (!fitted.cut) continue;
      cut += 1;
      const { shown, total } = fitted.cut;
      const slot = findList(data)!;
      expect(fitted.text).toBe(resultText(withRows(data, slot, slot.rows.slice(0, shown)), format));
      if (shown > 0) expect(fitsBudget({ data: fitted.data, options })).toBe(true);
      if (shown + 1 < total) {
        const more = withRows(data, slot, slot.rows.slice(0, shown + 1));
        expect(fitsBudget({ data: more, options })).toBe(false);
      }
    }
    // Most trials cut the list; the rest fit whole.
    expect(cut).toBeGreaterThan(150);
  });

  it('cuts a list whose first item alone is over the budget to none of it', () => {
    const data = { results: [{ note: 'word '.repeat(400) }, { note: 'x' }] };
    const options: Options = { format: 'compact', budgetTokens: 30 };
    const fitted = fitToBudget({ data, options });
    expect(fitted.cut).toEqual({ shown: 0, total: 2, key: 'results' });
    expect(fitted).toEqual(referenceFit(data, options));
  });

  it('cuts a result without a list where its shrinking character bound is first within budget', () => {
    const random = generator(23);
    let cuts = 0;
    for (let trial = 0; trial < 40; trial += 1) {
      // One record, no list: its text is compact JSON, cut at a bound of characters.
      const data = {
        id: `u${trial}`,
        description: Array.from(
          { length: 400 + random(2000) },
          () => WORDS[random(WORDS.length)],
        ).join(random(2) === 0 ? ' ' : ', '),
        digits: String(random(1e9)).repeat(20 + random(60)),
      };
      for (const budgetTokens of [50, 300, 900]) {
        const options: Options = { format: 'compact', budgetTokens };
        const whole = resultText(data, 'compact');
        if (fitsBudget({ data, options })) continue;
        // The bound shrinks by a tenth from three characters a token until the text's whole
        // estimate is within the budget.
        let bound = budgetTokens * 3;
        while (bound > 0 && estimateTokens(whole.slice(0, bound)) > budgetTokens)
          bound = Math.floor(bound * 0.9);
        const fitted = fitToBudget({ data, options });
        cuts += 1;
        expect(fitted.truncated).toBe(true);
        expect(fitted.text).toBe(whole.slice(0, bound));
        expect(estimateTokens(fitted.text)).toBeLessThanOrEqual(budgetTokens);
      }
    }
    expect(cuts).toBeGreaterThan(100);
  });
});

describe('largestFitting', () => {
  it('finds the boundary from any first guess, keeping the least count asked for', () => {
    for (let total = 1; total <= 40; total += 1) {
      for (let boundary = 0; boundary < total; boundary += 1) {
        // Shares that guess the boundary, guess far too many, and guess far too few.
        for (const share of [total / (boundary + 0.5), 1.0001, total * 50]) {
          for (const least of [0, 1]) {
            const asked: number[] = [];
            const fits = (count: number) => {
              asked.push(count);
              return count <= boundary;
            };
            const found = largestFitting({ total, share, fits, least });
            expect(found).toBe(Math.max(boundary, least));
            // Never asks about a count it knows: below the least, or the whole list.
            for (const count of asked) {
              expect(count).toBeGreaterThanOrEqual(least);
              expect(count).toBeLessThan(total);
            }
          }
        }
      }
    }
  });
});
