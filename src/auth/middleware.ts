import type { Middleware, ParameterizedContext } from 'koa';
import type { AppState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import { isPromise, middlewareOf } from '../middleware/steps.js';
import type { Step, StepResult } from '../middleware/steps.js';
import { AuthError } from './auth-error.js';
import type { AuthErrorCode } from './auth-error.js';
import type { Authenticated, Verifier } from './types.js';

type Context = ParameterizedContext<AppState>;

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
  const refused = (error: unknown): never => {
    if (error instanceof AuthError) throw challenge(error);
    throw error;
  };
  /** Asks the verifiers from `from` on; synchronous until one of them answers with a promise. */
  const ask = (ctx: Context, from: number): StepResult | Promise<StepResult> => {
    for (let at = from; at < verifiers.length; at += 1) {
      let authenticated: ReturnType<Verifier['verify']>;
      try {
        authenticated = verifiers[at]!.verify(ctx);
      } catch (error) {
        return refused(error);
      }
      if (isPromise(authenticated)) {
        return authenticated.then((found) => settle(ctx, found, at), refused);
      }
      if (authenticated) return accept(ctx, authenticated);
    }
    throw challenge(
      ctx.get('authorization')
        ? { reason: 'the bearer token is not accepted here.', code: 'invalid_token', hint }
        : { reason: 'no Authorization header.', code: 'invalid_request', hint, anonymous: true },
    );
  };
  const settle = (ctx: Context, found: Authenticated | undefined, at: number) =>
    found ? accept(ctx, found) : ask(ctx, at + 1);
  const accept = (ctx: Context, authenticated: Authenticated): undefined => {
    ctx.state.principal = authenticated.principal;
    ctx.state.credential = authenticated.credential;
    return undefined;
  };
  return (ctx) => ask(ctx, 0);
}

/** signIn as Koa middleware. */
export function authenticate(
  verifiers: readonly Verifier[],
  options: { challenge?: (refusal: Refusal) => HttpError } = {},
): Middleware<AppState> {
  return middlewareOf(signIn(verifiers, options));
}
