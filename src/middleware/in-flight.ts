import type { Step } from './steps.js';

/** Counts MCP requests in progress, so shutdown can let them finish. */
export interface InFlight {
  /** Counts a POST until its response closes. */
  track: Step;
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
  const track: Step = (ctx) => {
    // A stateful GET stream stays open until closed; it is not a call to wait for.
    if (ctx.method !== 'POST') return;
    count += 1;
    // A response closes once: `on`, without the wrapper `once` makes.
    ctx.res.on('close', release);
  };
  return {
    track,
    get count() {
      return count;
    },
    drained: () =>
      count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
  };
}
