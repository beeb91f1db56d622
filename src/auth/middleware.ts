import type { Middleware } from 'koa';
import type { AppState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import { AuthError } from './auth-error.js';
import type { AuthErrorCode } from './auth-error.js';
import type { Verifier } from './types.js';

function unauthorized({
  reason,
  code,
  hint,
}: {
  reason: string;
  code: AuthErrorCode;
  hint: string;
}): HttpError {
  return new HttpError(401, `Unauthorized: ${reason} ${hint}`, {
    'WWW-Authenticate': `Bearer realm="jumpcloud-mcp", error="${code}", error_description="${reason}"`,
  });
}

/**
 * Asks each verifier in turn whether the request is theirs; the first that takes it sets
 * `ctx.state.principal` and `ctx.state.credential`. A verifier that takes the request and refuses
 * it, or a request no verifier takes, is answered with 401 and a bearer challenge.
 */
export function authenticate(verifiers: readonly Verifier[]): Middleware<AppState> {
  const hint = verifiers.map((verifier) => verifier.hint).join(' ');
  return async (ctx, next) => {
    for (const verifier of verifiers) {
      let authenticated;
      try {
        authenticated = await verifier.verify(ctx);
      } catch (error) {
        if (error instanceof AuthError) throw unauthorized(error);
        throw error;
      }
      if (authenticated) {
        ctx.state.principal = authenticated.principal;
        ctx.state.credential = authenticated.credential;
        await next();
        return;
      }
    }
    throw unauthorized({ reason: 'no Authorization header.', code: 'invalid_request', hint });
  };
}
