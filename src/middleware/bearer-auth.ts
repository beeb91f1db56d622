import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { HttpError } from './http-error.js';

/** Who is calling: the key (held for this request only) and its fingerprint (for logs). */
export interface Caller {
  apiKey: string;
  keyFingerprint: string;
}

/** RFC 6750 token68 characters, of a plausible length for a JumpCloud API key. */
const TOKEN = /^[A-Za-z0-9\-._~+/]{16,512}={0,2}$/;

const HOW =
  'Send your JumpCloud API key as the header "Authorization: Bearer <key>" (the REST API\'s x-api-key header is not used here).';

/** A short, stable, non-reversible fingerprint of an API key, safe to log. */
export function keyFingerprint(apiKey: string): string {
  return `key_${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`;
}

function unauthorized(reason: string, error: 'invalid_request' | 'invalid_token'): HttpError {
  return new HttpError(401, `Unauthorized: ${reason} ${HOW}`, {
    'WWW-Authenticate': `Bearer realm="jumpcloud-mcp", error="${error}", error_description="${reason}"`,
  });
}

/** Requires `Authorization: Bearer <key>`; puts the caller on `ctx.state.caller`. */
export function bearerAuth(): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (!header) {
      if (ctx.get('x-api-key')) {
        throw unauthorized('the API key was sent as x-api-key.', 'invalid_request');
      }
      throw unauthorized('no Authorization header.', 'invalid_request');
    }
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match)
      throw unauthorized(
        'the Authorization header is not of the form "Bearer <key>".',
        'invalid_request',
      );
    const apiKey = match[1] as string;
    if (!TOKEN.test(apiKey))
      throw unauthorized('the bearer token is not a well-formed API key.', 'invalid_token');
    ctx.state.caller = { apiKey, keyFingerprint: keyFingerprint(apiKey) } satisfies Caller;
    await next();
  };
}
