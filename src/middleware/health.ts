import type { Middleware } from 'koa';

/** Liveness (`/healthz`) and readiness (`/readyz`: 503 while starting or draining). */
export function health({ isReady }: { isReady: () => boolean }): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const ready = isReady();
      ctx.status = ready ? 200 : 503;
      ctx.body = { status: ready ? 'ready' : 'not ready' };
      return;
    }
    await next();
  };
}
