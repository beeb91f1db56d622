/** limit and skip as JumpCloud validates them: integers, limit at most 100. */
import { badRequest } from './bad-request.js';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;

function intParam(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const n = typeof text === 'number' ? text : Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

export function parsePaging(query: Record<string, unknown>): { limit: number; skip: number } {
  const limit = intParam('limit', query.limit, DEFAULT_LIMIT);
  if (limit > MAX_LIMIT) throw badRequest(`limit must be at most ${MAX_LIMIT}, got ${limit}`);
  return { limit: limit === 0 ? DEFAULT_LIMIT : limit, skip: intParam('skip', query.skip, 0) };
}
