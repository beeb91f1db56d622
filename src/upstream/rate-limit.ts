/**
 * Rate limits, shared by every replica through the store: a budget of upstream requests per
 * credential and organization (so a burst of tool calls never becomes a burst at JumpCloud, and a
 * 429 from JumpCloud slows that credential down everywhere), and a budget of tool calls per
 * principal.
 */
import { pause } from './cancellation.js';
import type { Cancellation } from './cancellation.js';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitBackend } from '../store/rate-limit-backend.js';
import { UpstreamError } from './errors.js';
import { createTransportError } from './transport-error.js';

/** The window of the burst allowance. */
export const BURST_WINDOW_SECONDS = 10;

export interface RateLimitSettings {
  /** Upstream requests per second per credential and organization; 0: no limit. */
  upstreamRate: number;
  /** Requests beyond the rate allowed within any 10 s window; 0: none. */
  upstreamBurst: number;
  /** Longest a call waits for an upstream slot before it is refused. */
  upstreamMaxWaitMs: number;
  /** Tool calls per minute per principal; 0: no limit. */
  toolCallsPerMinute: number;
}

export type RateLimitScope = 'upstream' | 'tool_calls';

/** What the limits report, for metrics. */
export interface RateLimitObserver {
  /** An upstream request waited `ms` for a slot. */
  waited(ms: number): void;
  refused(scope: RateLimitScope): void;
  /** JumpCloud answered 429 and the credential was held back for `seconds`. */
  throttled(seconds: number): void;
}

/** The upstream budget of one credential in one organization. */
export interface CredentialLimiter {
  /**
   * Takes one request slot, waiting up to the longest wait (and never past `deadline`, in
   * performance.now() milliseconds). Throws an UpstreamError that says when to retry when no slot
   * comes in time, or the cancellation when `signal` aborts.
   */
  acquire(input: { signal?: Cancellation; deadline: number; timeoutMs: number }): Promise<void>;
  /** JumpCloud answered 429: hold back this credential's requests on every replica for `seconds`. */
  throttle(seconds: number): Promise<void>;
}

export interface RateLimits {
  /** undefined when upstream requests are not limited. */
  upstream(key: { fingerprint: string; orgId?: string }): CredentialLimiter | undefined;
  /** Takes one tool call of a principal: the seconds to wait when over the budget, else 0. */
  toolCall(principal: string): Promise<number>;
  readonly settings: RateLimitSettings;
}

/**
 * Consumes one point: 0 when granted, else the milliseconds until the limiter may grant one. A
 * store failure the limiter could not absorb grants the point: limits protect JumpCloud, and an
 * unanswering store must not stop reads.
 */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    return 0;
  }
}

export function refusalText({
  seconds,
  settings,
}: {
  seconds: number;
  settings: RateLimitSettings;
}): string {
  return (
    `This server is holding back calls to JumpCloud with this API key to stay within its rate limit ` +
    `(${settings.upstreamRate} requests per second per key and organization, shared by every replica, ` +
    `or slower after JumpCloud answered 429). Nothing was sent. Retry after ${seconds} second${seconds === 1 ? '' : 's'}, ` +
    `and make fewer calls (use filters and smaller pages).`
  );
}

export function createRateLimits({
  backend,
  settings,
  observer,
}: {
  backend: RateLimitBackend;
  settings: RateLimitSettings;
  observer?: RateLimitObserver;
}): RateLimits {
  const rate =
    settings.upstreamRate > 0
      ? backend.create({ name: 'upstream', points: settings.upstreamRate, durationSeconds: 1 })
      : undefined;
  const burst =
    rate && settings.upstreamBurst > 0
      ? backend.create({
          name: 'upstream-burst',
          points: settings.upstreamBurst,
          durationSeconds: BURST_WINDOW_SECONDS,
        })
      : undefined;
  const calls =
    settings.toolCallsPerMinute > 0
      ? backend.create({
          name: 'tool-calls',
          points: settings.toolCallsPerMinute,
          durationSeconds: 60,
        })
      : undefined;

  const slot = async (key: string): Promise<number> => {
    const wait = await take(rate!, key);
    if (wait === 0 || !burst) return wait;
    const extra = await take(burst, key);
    return extra === 0 ? 0 : Math.min(wait, extra);
  };

  const upstream = ({ fingerprint, orgId }: { fingerprint: string; orgId?: string }) => {
    if (!rate) return undefined;
    const key = `${fingerprint}:${orgId ?? 'default'}`;
    const limiter: CredentialLimiter = {
      async acquire({ signal, deadline, timeoutMs }) {
        const started = performance.now();
        for (;;) {
          const wait = await slot(key);
          const now = performance.now();
          if (wait === 0) {
            if (now > started + 1) observer?.waited(now - started);
            return;
          }
          const allowed = Math.min(started + settings.upstreamMaxWaitMs, deadline) - now;
          if (wait > allowed) {
            observer?.refused('upstream');
            const seconds = Math.max(1, Math.ceil(wait / 1000));
            throw new UpstreamError(refusalText({ seconds, settings }), 429, seconds);
          }
          try {
            // A little jitter, so that waiting calls do not all come back at the same instant.
            await pause(wait + Math.floor(Math.random() * 20), signal);
          } catch {
            throw createTransportError('cancelled', timeoutMs);
          }
        }
      },
      async throttle(seconds) {
        const hold = Math.max(1, Math.ceil(seconds));
        observer?.throttled(hold);
        await Promise.all(
          [rate, burst].map((limiter) => limiter?.block(key, hold).catch(() => undefined)),
        );
      },
    };
    return limiter;
  };

  const toolCall = async (principal: string) => {
    if (!calls) return 0;
    const wait = await take(calls, principal);
    if (wait === 0) return 0;
    observer?.refused('tool_calls');
    return Math.max(1, Math.ceil(wait / 1000));
  };

  return { upstream, toolCall, settings };
}
