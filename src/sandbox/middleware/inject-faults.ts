/** Applies the first matching fault rule: latency, an error status, a dropped socket or broken JSON. */
import { STATUS_CODES } from 'node:http';
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
      const text = STATUS_CODES[fault.status] ?? 'Error';
      // Directory Insights answers errors as {message}; V1 and V2 as {code, message, status}.
      ctx.body =
        fault.body ??
        (ctx.path.startsWith('/insights/')
          ? { message: text }
          : { code: fault.status, message: text, status: text });
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
