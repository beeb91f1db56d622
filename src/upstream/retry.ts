/**
 * Retries of reads: which failures are worth another try, and how long to wait before it. A
 * change is never sent twice (see isReadOperation).
 */
import { parseRetryAfter } from './create-upstream-error.js';
import type { TransportFailure } from './transport-error.js';

export interface RetryPolicy {
  /** Most further attempts of one read (0: none). */
  retries: number;
  /** First backoff; it doubles per attempt, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const NO_RETRY: RetryPolicy = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 250, maxDelayMs: 2_000 };

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Why an attempt may be retried (`503`, `network`), or undefined when it may not. */
export function retryReason(
  outcome: { status: number } | { failure: TransportFailure },
): string | undefined {
  if ('status' in outcome) {
    return RETRY_STATUSES.has(outcome.status) ? String(outcome.status) : undefined;
  }
  // A reset or refused connection; a timeout used up the call's time, a cancellation its caller.
  return outcome.failure === 'network' ? 'network' : undefined;
}

/**
 * The wait before attempt `attempt + 1`: the server's Retry-After when it sent one, else an
 * exponential backoff with jitter (half to all of base * 2^(attempt-1), at most maxDelayMs).
 */
export function retryDelayMs({
  attempt,
  retryAfter,
  policy,
  random = Math.random,
}: {
  attempt: number;
  retryAfter?: string | null;
  policy: RetryPolicy;
  random?: () => number;
}): number {
  const seconds = parseRetryAfter(retryAfter ?? null);
  if (seconds !== undefined) return seconds * 1000;
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
