import { Redis } from 'ioredis';
import type { StoreHealth } from './types.js';

/** How long one Redis command may take before it fails (the caller then fails closed or skips). */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/** A Redis URL for logs and messages: scheme, host, port and database, never a user or password. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** Reconnect delay: 100 ms, doubling to at most 2 s, for as long as it takes. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(Math.max(attempt - 1, 0), 5), 2_000);
}

export interface RedisConnection {
  client: Redis;
  /** Ready, or why not (the last connection error, without credentials). */
  health(): Promise<StoreHealth>;
  /** Resolves once connected or after `timeoutMs`, whichever comes first; never rejects. */
  whenReady(timeoutMs: number): Promise<boolean>;
}

/**
 * One ioredis client that fails fast and heals itself: no offline queue (a command while
 * disconnected fails at once instead of waiting), no per-command retries, a command timeout, and
 * reconnection forever in the background. `onError` hears each connection error once per outage.
 */
export function connectRedis({
  url,
  onError,
}: {
  url: string;
  onError?: (message: string) => void;
}): RedisConnection {
  const where = describeRedisUrl(url);
  let lastError: string | undefined;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: reconnectDelayMs,
    // Commands sent by rate-limiter-flexible and others are defined on the client; keep them.
    lazyConnect: false,
  });
  client.on('error', (error: Error) => {
    const message = `${where}: ${error.message}`;
    if (message !== lastError) onError?.(message);
    lastError = message;
  });
  client.on('ready', () => {
    lastError = undefined;
  });

  const health = async (): Promise<StoreHealth> => {
    if (client.status !== 'ready') {
      return {
        ok: false,
        reason: `shared store ${where} is unreachable (${lastError ?? client.status})`,
      };
    }
    try {
      await client.ping();
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        reason: `shared store ${where} did not answer a ping (${(error as Error).message})`,
      };
    }
  };

  const whenReady = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (client.status === 'ready') return resolve(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      const onReady = () => done(true);
      const done = (ready: boolean) => {
        clearTimeout(timer);
        client.off('ready', onReady);
        resolve(ready);
      };
      client.on('ready', onReady);
    });

  return { client, health, whenReady };
}
