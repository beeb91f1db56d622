import type { Middleware } from 'koa';

/** Counts MCP requests in progress, so shutdown can let them finish. */
export interface InFlight {
  middleware: Middleware;
  readonly count: number;
  /** Resolves once no request is in progress. */
  drained(): Promise<void>;
}

export function inFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  const release = () => {
    count -= 1;
    if (count === 0) {
      for (const resolve of waiters) resolve();
      waiters = [];
    }
  };
  return {
    middleware: async (ctx, next) => {
      // A stateful GET stream stays open until closed; it is not a call to wait for.
      if (ctx.method !== 'POST') return next();
      count += 1;
      ctx.res.once('close', release);
      await next();
    },
    get count() {
      return count;
    },
    drained: () =>
      count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
  };
}
