import type { Middleware, ParameterizedContext } from 'koa';

/** What a step returns when it answered the request itself: nothing after it runs. */
export const ANSWERED = 'answered';

export type StepResult = void | typeof ANSWERED;

/**
 * One check or action of the request chain: it sets state or headers, throws an HttpError to
 * refuse, or answers the request (ANSWERED). A step that needs no I/O returns without a promise,
 * so a chain of them costs one function call each, not an async layer of Koa middleware each.
 */
export type Step<S = unknown> = (ctx: ParameterizedContext<S>) => StepResult | Promise<StepResult>;

/** Whether a step's (or a check's) answer is a promise to wait for: anything with a `then`. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/**
 * Runs steps in order until one answers. Synchronous until a step returns a promise: then the rest
 * run after it settles, and the answer is a promise. A step that throws throws here (or rejects).
 */
export function runSteps<S>(
  steps: readonly Step<S>[],
  ctx: ParameterizedContext<S>,
  from = 0,
): StepResult | Promise<StepResult> {
  for (let at = from; at < steps.length; at += 1) {
    const result = steps[at]!(ctx);
    if (isPromise(result)) {
      return result.then((settled) =>
        settled === ANSWERED ? ANSWERED : runSteps(steps, ctx, at + 1),
      );
    }
    if (result === ANSWERED) return ANSWERED;
  }
  return undefined;
}

/** A step as Koa middleware: the rest of the chain runs unless the step answered. */
export function middlewareOf<S>(step: Step<S>): Middleware<S> {
  return async (ctx, next) => {
    const result = step(ctx);
    if ((isPromise(result) ? await result : result) !== ANSWERED) await next();
  };
}

/**
 * Koa middleware as a step, for one that checks and then calls `next()` as its last act, or
 * answers without calling it (what runs after `next()` would run before the later steps instead).
 */
export function stepOf<S>(middleware: Middleware<S>): Step<S> {
  return async (ctx) => {
    let passed = false;
    await middleware(ctx as Parameters<Middleware<S>>[0], async () => {
      passed = true;
    });
    return passed ? undefined : ANSWERED;
  };
}
