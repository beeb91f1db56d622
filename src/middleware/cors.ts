import type { Middleware } from 'koa';
import { ANSWERED, middlewareOf } from './steps.js';
import type { Step } from './steps.js';

const ALLOW_HEADERS =
  'Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, X-MCP-Toolsets, X-MCP-Tools, X-MCP-Readonly';

/** CORS for browser-based clients whose Origin the guard already allowed. */
export const corsHeaders: Step = (ctx) => {
  const origin = ctx.get('origin');
  if (!origin) return undefined;
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Vary', 'Origin');
  ctx.set(
    'Access-Control-Expose-Headers',
    'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id',
  );
  if (ctx.method !== 'OPTIONS') return undefined;
  ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  ctx.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
  ctx.set('Access-Control-Max-Age', '600');
  ctx.status = 204;
  return ANSWERED;
};

export function cors(): Middleware {
  return middlewareOf(corsHeaders);
}
