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

function isPromise(value: unknown): value is Promise<StepResult> {
  return typeof (value as Promise<StepResult> | undefined)?.then === 'function';
}

/** Runs steps in order until one answers; awaits only the steps that return a promise. */
export async function runSteps<S>(
  steps: readonly Step<S>[],
  ctx: ParameterizedContext<S>,
): Promise<StepResult> {
  for (const step of steps) {
    const result = step(ctx);
    if ((isPromise(result) ? await result : result) === ANSWERED) return ANSWERED;
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
