/** Applies the first matching fault rule: latency, an error status, a dropped socket or broken JSON. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Middleware } from 'koa';
import type { RequestState } from '../context.js';
import type { FaultRegistry } from '../faults.js';

export function injectFaults(faults: FaultRegistry): Middleware<RequestState> {
  return async (ctx, next) => {
    const fault = faults.take(ctx.method, ctx.path);
    if (!fault) return next();
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.drop) {
      ctx.state.dropped = true;
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (fault.status) {
      ctx.status = fault.status;
      if (fault.status === 429 || fault.retryAfter !== undefined)
        ctx.set('Retry-After', String(fault.retryAfter ?? 1));
      ctx.body = fault.body ?? {
        code: fault.status,
        message: fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error',
        status: fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error',
      };
      return;
    }
    if (fault.malformed) {
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = '{"results": [{"_id": "';
      return;
    }
    await next();
  };
}
