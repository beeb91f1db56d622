import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AppState } from '../app-state.js';
import type { Step } from './steps.js';

/** Gives each request an id (echoed as X-Request-Id) and writes one log line when it ends. */
export function startRequestLog(logger: Logger): Step<AppState> {
  return (ctx) => {
    const started = performance.now();
    const requestId = randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.logger = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    ctx.res.once('close', () => {
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
    });
  };
}
