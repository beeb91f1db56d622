import { HttpError } from './http-error.js';
import type { Step } from './steps.js';

/** How many Host values the guard keeps its verdict on. */
const HOST_VERDICTS = 64;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase());
}

function hostname(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export interface OriginPolicy {
  /** Extra browser origins allowed; `*` allows any. */
  allowedOrigins: readonly string[];
  /** Accepted Host names; empty means loopback names when bound to loopback, else any. */
  allowedHosts: readonly string[];
  /** The interface the server listens on. */
  bindHost: string;
}

/** Whether a browser page from `origin` may call this server. */
export function isOriginAllowed(policy: OriginPolicy, origin: string): boolean {
  if (policy.allowedOrigins.includes('*')) return true;
  if (policy.allowedOrigins.some((allowed) => allowed.replace(/\/+$/, '') === origin)) return true;
  return isLoopbackHost(policy.bindHost) && isLoopbackOrigin(origin);
}

/**
 * DNS-rebinding protection: a foreign Host (when bound to loopback or when hosts are listed) or a
 * foreign Origin gets 403 before anything else happens. Requests without Origin (non-browser
 * clients) pass.
 */
export function hostAndOriginCheck(policy: OriginPolicy): Step {
  const hosts = new Set(policy.allowedHosts.map((host) => host.toLowerCase()));
  const checkHost = hosts.size > 0 || isLoopbackHost(policy.bindHost);
  const allowedHost = (host: string) => {
    const name = hostname(host);
    return hosts.size > 0 ? hosts.has(name) : isLoopbackHost(name);
  };
  /** Verdicts by Host header: a client sends the same one every time. Bounded: clients pick it. */
  const verdicts = new Map<string, boolean>();
  return (ctx) => {
    if (checkHost) {
      // ctx.host: the Host header, or X-Forwarded-Host behind a trusted proxy (--trust-proxy).
      // Over HTTP/1 without a trusted proxy, ctx.host is read from the Host header alone: its
      // verdict is kept by the header's value, without reading ctx.host again.
      const raw = !ctx.app.proxy && ctx.req.httpVersionMajor < 2 ? ctx.req.headers.host : undefined;
      let ok = raw === undefined ? undefined : verdicts.get(raw);
      if (ok === undefined) {
        ok = allowedHost(ctx.host);
        if (raw !== undefined) {
          if (verdicts.size >= HOST_VERDICTS) verdicts.clear();
          verdicts.set(raw, ok);
        }
      }
      if (!ok) {
        throw new HttpError(
          403,
          'Forbidden: this Host is not allowed. Connect through an allowed host name (see --allowed-hosts).',
        );
      }
    }
    const origin = ctx.req.headers.origin;
    if (origin && !isOriginAllowed(policy, origin)) {
      throw new HttpError(
        403,
        `Forbidden: Origin ${JSON.stringify(origin.slice(0, 100))} is not allowed. A server operator can allow it with --allowed-origins.`,
      );
    }
  };
}
