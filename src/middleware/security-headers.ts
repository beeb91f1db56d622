import type { ParameterizedContext } from 'koa';
import type { AppState } from '../app-state.js';
import type { Step } from './steps.js';

/** Headers for an API that is never a web page, as name, value, name, value, ... */
const SECURITY_HEADERS: readonly string[] = [
  'X-Content-Type-Options',
  'nosniff',
  'X-Frame-Options',
  'DENY',
  'Referrer-Policy',
  'no-referrer',
  'Content-Security-Policy',
  "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy',
  'same-origin',
  'Cache-Control',
  'no-store',
];

type Context = ParameterizedContext<AppState>;

/**
 * The headers every response carries: the request id (X-Request-Id) and the security headers, set
 * on Node's response (what Koa's `ctx.set` does with a string, before anything is sent).
 */
function setHeaders(ctx: Context): void {
  const { res } = ctx;
  res.setHeader('X-Request-Id', ctx.state.requestId);
  for (let i = 0; i < SECURITY_HEADERS.length; i += 2)
    res.setHeader(SECURITY_HEADERS[i]!, SECURITY_HEADERS[i + 1]!);
}

/**
 * Sets the headers every response carries (see setHeaders); for a POST to /v1 they are left
 * pending instead, to be written with the answer: `writeHeadWith` when the endpoint writes it,
 * `setPendingHeaders` when anything else answers (an error, a step). Then a tools/list answer is
 * written in one `writeHead` without Node's per-header bookkeeping of `setHeader`.
 */
export const responseHeaders: Step<AppState> = (ctx) => {
  if (ctx.method === 'POST' && ctx.path === '/v1') ctx.state.headersPending = true;
  else setHeaders(ctx);
};

/** Sets the pending headers on the response (idempotent), unless it has been sent. */
export function setPendingHeaders(ctx: Context): void {
  if (!ctx.state.headersPending || ctx.res.headersSent) return;
  ctx.state.headersPending = false;
  setHeaders(ctx);
}

/**
 * `res.writeHead(status, headers)` with the pending headers first: as one list, so that Node
 * stores them once (when nothing set a header before; else it merges them, as it does an object).
 */
export function writeHeadWith(
  ctx: Context,
  status: number,
  headers: Readonly<Record<string, string | number>>,
): void {
  const { res } = ctx;
  if (!ctx.state.headersPending) {
    res.writeHead(status, headers);
    return;
  }
  ctx.state.headersPending = false;
  const list: (string | number)[] = ['X-Request-Id', ctx.state.requestId, ...SECURITY_HEADERS];
  for (const name in headers) list.push(name, headers[name]!);
  res.writeHead(status, list as string[]);
}
