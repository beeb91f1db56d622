import type { Step } from './steps.js';

const HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cache-Control', 'no-store'],
];

/**
 * Headers for an API that is never a web page. Set on Node's response directly (what Koa's
 * `ctx.set` does with a string, before anything is sent).
 */
export const setSecurityHeaders: Step = (ctx) => {
  const { res } = ctx;
  for (const [name, value] of HEADERS) res.setHeader(name, value);
};
