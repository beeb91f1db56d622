import type { Middleware } from 'koa';
import { ANSWERED, middlewareOf } from './steps.js';
import type { Step, StepResult } from './steps.js';

/** A dependency's answer to a readiness probe; the reason never holds a secret. */
export type Readiness = { ok: true } | { ok: false; reason: string };

export interface HealthOptions {
  isReady: () => boolean;
  /** Probed on each /readyz; the first that is not ok makes it 503. */
  dependencies?: readonly (() => Promise<Readiness>)[];
}

/**
 * A JSON body given to Koa as text: an object body makes Koa test it against the global `Response`,
 * which loads Node's fetch implementation on a start's first /readyz.
 */
function json(ctx: Parameters<Step>[0], value: object): void {
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(value);
}

/**
 * Liveness (`/healthz`) and readiness (`/readyz`: 503 while starting or draining, or while a
 * dependency such as the shared store cannot answer, with the reason).
 */
export function healthStep({ isReady, dependencies = [] }: HealthOptions): Step {
  const readiness = async (ctx: Parameters<Step>[0]): Promise<StepResult> => {
    if (!isReady()) {
      ctx.status = 503;
      json(ctx, { status: 'not ready' });
      return ANSWERED;
    }
    for (const probe of dependencies) {
      const answer = await probe();
      if (!answer.ok) {
        ctx.status = 503;
        json(ctx, { status: 'not ready', reason: answer.reason });
        return ANSWERED;
      }
    }
    json(ctx, { status: 'ready' });
    return ANSWERED;
  };
  return (ctx) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return undefined;
    if (ctx.path === '/healthz') {
      json(ctx, { status: 'ok' });
      return ANSWERED;
    }
    if (ctx.path === '/readyz') return readiness(ctx);
    return undefined;
  };
}

export function health(options: HealthOptions): Middleware {
  return middlewareOf(healthStep(options));
}
