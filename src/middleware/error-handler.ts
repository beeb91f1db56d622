import type { Context, Middleware } from 'koa';

/**
 * Turns what a request's handling threw into its answer: an error with `status` and `expose`
 * becomes that response (a 5xx only with `expose: true`, as an HttpError has), anything else a 500
 * that says nothing about internals. /v1 answers in JSON-RPC error form.
 */
export function answerError(ctx: Context, caught: unknown): void {
  const error = caught as {
    status?: number;
    expose?: boolean;
    message?: string;
    headers?: Record<string, string>;
    rpcCode?: number;
  };
  const status =
    typeof error.status === 'number' && error.status >= 400 && error.status < 600
      ? error.status
      : 500;
  const message =
    // An HttpError says what the client can do, at any status; a 5xx of anything else says nothing.
    error.expose === true || (status < 500 && error.expose !== false)
      ? (error.message ?? 'Bad request')
      : 'Internal server error';
  ctx.status = status;
  for (const [name, value] of Object.entries(error.headers ?? {})) ctx.set(name, value);
  // As text: an object body makes Koa test it against the global `Response`, which loads Node's
  // fetch implementation (the 405 to an MCP client's GET would, on a start's first requests).
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    jsonrpc: '2.0',
    error: { code: error.rpcCode ?? (status >= 500 ? -32603 : -32600), message },
    id: null,
  });
  if (status >= 500) ctx.app.emit('error', caught, ctx);
}

/** The outermost try/catch, as middleware: see answerError. */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      answerError(ctx, caught);
    }
  };
}
