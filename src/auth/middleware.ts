import type { Middleware } from 'koa';
import type { AppState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import { middlewareOf } from '../middleware/steps.js';
import type { Step } from '../middleware/steps.js';
import { AuthError } from './auth-error.js';
import type { AuthErrorCode } from './auth-error.js';
import type { Verifier } from './types.js';

/** A refused sign-in, as `authenticate` answers it. */
export interface Refusal {
  reason: string;
  code: AuthErrorCode;
  hint: string;
  /** The request carried no credential at all (RFC 6750 §3.1: the challenge names no error). */
  anonymous?: boolean;
}

function unauthorized({ reason, code, hint }: Refusal): HttpError {
  return new HttpError(401, `Unauthorized: ${reason} ${hint}`, {
    'WWW-Authenticate': `Bearer realm="jumpcloud-mcp", error="${code}", error_description="${reason}"`,
  });
}

/**
 * Asks each verifier in turn whether the request is theirs; the first that takes it sets
 * `ctx.state.principal` and `ctx.state.credential`. A verifier that takes the request and refuses
 * it, or a request no verifier takes, is answered with 401 and a bearer challenge: by default
 * `Bearer realm=...`; `challenge` answers instead when the challenge must say more (OAuth names its
 * protected resource metadata there).
 */
export function signIn(
  verifiers: readonly Verifier[],
  { challenge = unauthorized }: { challenge?: (refusal: Refusal) => HttpError } = {},
): Step<AppState> {
  const hint = verifiers.map((verifier) => verifier.hint).join(' ');
  return async (ctx) => {
    for (const verifier of verifiers) {
      let authenticated;
      try {
        authenticated = await verifier.verify(ctx);
      } catch (error) {
        if (error instanceof AuthError) throw challenge(error);
        throw error;
      }
      if (authenticated) {
        ctx.state.principal = authenticated.principal;
        ctx.state.credential = authenticated.credential;
        return;
      }
    }
    throw challenge(
      ctx.get('authorization')
        ? { reason: 'the bearer token is not accepted here.', code: 'invalid_token', hint }
        : { reason: 'no Authorization header.', code: 'invalid_request', hint, anonymous: true },
    );
  };
}

/** signIn as Koa middleware. */
export function authenticate(
  verifiers: readonly Verifier[],
  options: { challenge?: (refusal: Refusal) => HttpError } = {},
): Middleware<AppState> {
  return middlewareOf(signIn(verifiers, options));
}
