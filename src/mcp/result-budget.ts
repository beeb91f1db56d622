/**
 * The result budget: a result whose text would exceed it stops at a whole item of its list (or,
 * without a list, at a character bound) and says so; the caller adds how to get the rest.
 */
import { estimateTokens, findList, resultText, withRows } from './result-text.js';
import type { ResultFormat } from './result-text.js';

export interface ResultOptions {
  format: ResultFormat;
  /** Most (estimated o200k) tokens of one result's text. */
  budgetTokens: number;
  /** Tools list their output schemas (`--output-schemas`), so results carry structuredContent. */
  outputSchemas: boolean;
}

export interface FittedResult {
  data: unknown;
  text: string;
  /** Set when the list was cut: items shown, items the result had, the list's property name. */
  cut?: { shown: number; total: number; key?: string };
  /** Set when a result without a list was cut to a character bound. */
  truncated?: boolean;
}

/**
 * How much of the budget a text takes: at most 1 when it is within it, else its estimated tokens
 * over the budget. The estimate never counts more tokens than the text has UTF-16 code units
 * (test/mcp/table-text-same.test.ts), so a text no longer than the budget is within it without
 * being read (its length stands in), and a longer one is read only until the rest cannot take it
 * over the budget (see estimateTokens).
 */
function textShare(text: string, budget: number): number {
  return (text.length <= budget ? text.length : estimateTokens(text, budget)) / budget;
}

/** The share of the budget the data's text takes: at most 1 when it fits (see textShare). */
export function budgetShare({
  data,
  options,
}: {
  data: unknown;
  options: Pick<ResultOptions, 'format' | 'budgetTokens'>;
}): number {
  return textShare(resultText(data, options.format), options.budgetTokens);
}

/**
 * The largest count of leading items that fits, where all `total` items take `share` (above 1) of
 * the budget and `least` items are kept whether they fit or not. More items never fit where fewer
 * do not. The search starts at the count the share suggests, since the items of a list cost about
 * alike, and steps out from it by doubling steps until it brackets the answer, then halves the
 * bracket: a users page of 100 is written two to four times in the search, where halving from the
 * whole list takes seven.
 */
export function largestFitting({
  total,
  share,
  fits,
  least = 0,
}: {
  total: number;
  share: number;
  fits: (count: number) => boolean;
  least?: number;
}): number {
  // `low` fits (or is `least`) and `high + 1` does not.
  let low = least;
  let high = total - 1;
  const guess = Math.min(high, Math.floor(total / share));
  if (guess > low) {
    if (fits(guess)) {
      low = guess;
      for (let step = 1; low < high; step *= 2) {
        const probe = Math.min(high, low + step);
        if (!fits(probe)) {
          high = probe - 1;
          break;
        }
        low = probe;
      }
    } else {
      high = guess - 1;
      for (let step = 1; low < high; step *= 2) {
        const probe = Math.max(low, high + 1 - step);
        if (fits(probe)) {
          low = probe;
          break;
        }
        high = probe - 1;
      }
    }
  }
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The result's text within the budget: whole, or with the largest number of leading items of its
 * list that fits (none at all is taken to fit; see largestFitting), the text of that count being
 * the one written while searching. A result without a list is cut at a character bound.
 */
export function fitToBudget({
  data,
  options,
}: {
  data: unknown;
  options: Pick<ResultOptions, 'format' | 'budgetTokens'>;
}): FittedResult {
  const budget = options.budgetTokens;
  const text = resultText(data, options.format);
  const share = textShare(text, budget);
  if (share <= 1) return { data, text };
  const slot = findList(data);
  if (!slot) {
    // Characters cost at least a third of a token each in the estimate; cut there, then shrink.
    let bound = budget * 3;
    while (bound > 0 && estimateTokens(text.slice(0, bound), budget) > budget)
      bound = Math.floor(bound * 0.9);
    return { data, text: text.slice(0, bound), truncated: true };
  }
  let best: { count: number; data: unknown; text: string } | undefined;
  const fits = (count: number): boolean => {
    const candidate = withRows(data, slot, slot.rows.slice(0, count));
    const candidateText = resultText(candidate, options.format);
    if (textShare(candidateText, budget) > 1) return false;
    if (best === undefined || count > best.count)
      best = { count, data: candidate, text: candidateText };
    return true;
  };
  const low = largestFitting({ total: slot.rows.length, share, fits });
  // No item fits, and the search did not write the list without them.
  const none = () => withRows(data, slot, []);
  const fitted =
    best?.count === low ? best : { data: none(), text: resultText(none(), options.format) };
  return {
    data: fitted.data,
    text: fitted.text,
    cut: { shown: low, total: slot.rows.length, ...(slot.key ? { key: slot.key } : {}) },
  };
}
