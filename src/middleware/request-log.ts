import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from '../app-state.js';

/** Gives each request an id (echoed as X-Request-Id) and writes one log line when it ends. */
export function requestLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.logger = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const finish = () => {
      ctx.state.logger.info({
        msg: 'http request',
        method: ctx.method,
        path: ctx.path,
        status: ctx.res.statusCode,
        durationMs: Math.round(performance.now() - started),
        principal: ctx.state.principal?.fingerprint,
        org: ctx.state.orgId,
        rpcMethod: ctx.state.rpcMethod,
        session: ctx.state.sessionId,
      });
    };
    ctx.res.once('close', finish);
    await next();
  };
}
