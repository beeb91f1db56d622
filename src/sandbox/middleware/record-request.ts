/** Reads the body once and records every API request (credentials redacted) with its final status. */
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import type { RequestState } from '../context.js';
import { redactHeaders, type RequestLog } from '../request-log.js';

const API_PATH = /^\/(api|insights)(\/|$)/;

export function recordRequest(log: RequestLog): Middleware<RequestState> {
  return async (ctx, next) => {
    if (!API_PATH.test(ctx.path)) return next();
    let raw = '';
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      raw = await getRawBody(ctx.req, { limit: '1mb', encoding: 'utf8' });
      if (raw.trim() !== '') {
        try {
          ctx.state.body = JSON.parse(raw) as unknown;
        } catch {
          ctx.state.bodyError = 'request body is not valid JSON';
        }
      }
    }
    const entry = {
      time: new Date().toISOString(),
      method: ctx.method,
      path: ctx.path,
      query: { ...ctx.query } as Record<string, string | string[]>,
      headers: redactHeaders(ctx.headers),
      body: ctx.state.bodyError ? raw : ctx.state.body,
    };
    try {
      await next();
    } finally {
      log.add({
        ...entry,
        status: ctx.state.dropped ? 0 : ctx.status,
        ...(ctx.state.org ? { orgId: ctx.state.org.id } : {}),
      });
    }
  };
}
