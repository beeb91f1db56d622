import type { Middleware } from 'koa';

/** A dependency's answer to a readiness probe; the reason never holds a secret. */
export type Readiness = { ok: true } | { ok: false; reason: string };

/**
 * Liveness (`/healthz`) and readiness (`/readyz`: 503 while starting or draining, or while a
 * dependency such as the shared store cannot answer, with the reason).
 */
export function health({
  isReady,
  dependencies = [],
}: {
  isReady: () => boolean;
  /** Probed on each /readyz; the first that is not ok makes it 503. */
  dependencies?: readonly (() => Promise<Readiness>)[];
}): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      if (!isReady()) {
        ctx.status = 503;
        ctx.body = { status: 'not ready' };
        return;
      }
      for (const probe of dependencies) {
        const answer = await probe();
        if (!answer.ok) {
          ctx.status = 503;
          ctx.body = { status: 'not ready', reason: answer.reason };
          return;
        }
      }
      ctx.body = { status: 'ready' };
      return;
    }
    await next();
  };
}
