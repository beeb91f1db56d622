import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterOptions {
  /** Names the limiter's keys, e.g. `upstream`. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** Makes fixed-window limiters (rate-limiter-flexible) on the store every replica shares. */
export interface RateLimitBackend {
  create(options: LimiterOptions): RateLimiterAbstract;
}

export function createMemoryRateLimits(): RateLimitBackend {
  return {
    create: ({ name, points, durationSeconds }) =>
      new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
  };
}

/** The in-memory stand-in used while Redis cannot answer; each use is a store error. */
class InsuranceLimiter extends RateLimiterMemory {
  private readonly onUse: () => void;

  constructor({
    onUse,
    ...options
  }: {
    keyPrefix: string;
    points: number;
    duration: number;
    onUse?: () => void;
  }) {
    super(options);
    this.onUse = onUse ?? (() => {});
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.onUse();
    return super.consume(...args);
  }

  override block(...args: Parameters<RateLimiterMemory['block']>) {
    this.onUse();
    return super.block(...args);
  }
}

/**
 * Limiters in Redis, shared by every replica. While Redis cannot answer, each replica counts on its
 * own (an in-memory insurance limiter with the same budget), so calls go on, limited per replica.
 */
export function createRedisRateLimits({
  client,
  prefix,
  onError,
}: {
  client: Redis;
  /** The store prefix plus this namespace, e.g. `jcmcp:rl:`. */
  prefix: string;
  onError?: () => void;
}): RateLimitBackend {
  return {
    create: ({ name, points, durationSeconds }) => {
      const insurance = new InsuranceLimiter({
        keyPrefix: `${name}-insurance`,
        points,
        duration: durationSeconds,
        onUse: onError,
      });
      return new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}${name}`,
        points,
        duration: durationSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: insurance,
      });
    },
  };
}
