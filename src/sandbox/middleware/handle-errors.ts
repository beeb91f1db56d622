/** Turns thrown errors into the status and body JumpCloud answers with; unknown paths get 404. */
import type { Middleware } from 'koa';
import type { RequestState } from '../context.js';
import { SandboxHttpError } from '../query/bad-request.js';

const isInsights = (path: string) => path.startsWith('/insights/');

export function handleErrors(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
      if (
        ctx.status === 404 &&
        ctx.body === undefined &&
        !ctx.state.dropped &&
        ctx.respond !== false
      ) {
        ctx.status = 404;
        ctx.body = isInsights(ctx.path)
          ? { message: 'Not Found' }
          : { code: 404, message: 'Not Found', status: 'Not Found' };
      }
    } catch (error) {
      if (error instanceof SandboxHttpError) {
        ctx.status = error.status;
        ctx.set(error.headers);
        ctx.body = isInsights(ctx.path) ? { message: error.message } : error.body;
        return;
      }
      ctx.status = 500;
      ctx.body = isInsights(ctx.path)
        ? { message: 'Internal Server Error' }
        : { code: 500, message: 'Internal Server Error', status: 'Internal Server Error' };
      ctx.app.emit('error', error, ctx);
    }
  };
}
