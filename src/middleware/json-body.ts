import getRawBody from 'raw-body';
import type { Middleware } from 'koa';
import { HttpError } from './http-error.js';

/**
 * Reads a POST body up to `limit` bytes (413 beyond) and parses it as JSON (JSON-RPC parse error
 * otherwise). Puts the value on `ctx.state.body`.
 */
export function jsonBody(limit: number): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST') return next();
    if (!ctx.is('application/json')) {
      throw new HttpError(
        415,
        'Unsupported Media Type: Content-Type must be application/json.',
        {},
        -32000,
      );
    }
    let text: string;
    try {
      text = await getRawBody(ctx.req, {
        limit,
        length: ctx.get('content-length') || undefined,
        encoding: 'utf8',
      });
    } catch (caught) {
      const error = caught as { type?: string; status?: number };
      if (error.type === 'entity.too.large') {
        throw new HttpError(413, `Payload too large: requests are limited to ${limit} bytes.`);
      }
      throw new HttpError(400, 'Bad request: the request body could not be read.');
    }
    try {
      ctx.state.body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Parse error: the request body is not valid JSON.', {}, -32700);
    }
    const body = ctx.state.body as { method?: unknown } | undefined;
    if (body && typeof body === 'object' && typeof body.method === 'string')
      ctx.state.rpcMethod = body.method;
    await next();
  };
}
