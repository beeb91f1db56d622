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
 * Whether a text is within `budget` tokens. The estimate never counts more tokens than the text
 * has UTF-16 code units (test/mcp/table-text-same.test.ts), so a text no longer than the budget is
 * within it without being read.
 */
function withinBudget(text: string, budget: number): boolean {
  return text.length <= budget || estimateTokens(text) <= budget;
}

export function fitsBudget({
  data,
  options,
}: {
  data: unknown;
  options: Pick<ResultOptions, 'format' | 'budgetTokens'>;
}): boolean {
  return withinBudget(resultText(data, options.format), options.budgetTokens);
}

/** The largest whole number of leading items that keeps the text within the budget (binary search). */
export function fitToBudget({
  data,
  options,
}: {
  data: unknown;
  options: Pick<ResultOptions, 'format' | 'budgetTokens'>;
}): FittedResult {
  const text = resultText(data, options.format);
  if (withinBudget(text, options.budgetTokens)) return { data, text };
  const slot = findList(data);
  if (!slot) {
    // Characters cost at least a third of a token each in the estimate; cut there, then shrink.
    let bound = options.budgetTokens * 3;
    while (bound > 0 && estimateTokens(text.slice(0, bound)) > options.budgetTokens)
      bound = Math.floor(bound * 0.9);
    return { data, text: text.slice(0, bound), truncated: true };
  }
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
