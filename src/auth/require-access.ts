import type { Middleware, ParameterizedContext } from 'koa';
import type { EndpointState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import { isPromise, middlewareOf } from '../middleware/steps.js';
import type { Step } from '../middleware/steps.js';
import type { Access, AccessCheck } from './access-check.js';
import type { Credential, Principal } from './types.js';

/** A signed-in person reaches JumpCloud through the server's own credential, not one of theirs. */
function credentialOf(principal: Principal, credential: Credential): string {
  return principal.kind === 'api-key'
    ? `the API key ${principal.fingerprint}`
    : `this server's own JumpCloud credential ${credential.fingerprint} (used for ${principal.displayName})`;
}

/**
 * Serves a request only when JumpCloud accepts its credential for its organization (see
 * access-check.ts): 401 for a refused API key, 503 for a refused server credential behind an OAuth
 * sign-in, 403 for an organization it cannot reach.
 */
export function accessCheckStep(check: AccessCheck): Step<EndpointState> {
  const answer = (ctx: ParameterizedContext<EndpointState>, access: Access): undefined => {
    const { principal, credential, orgId } = ctx.state;
    if (!access.ok && access.refused === 'credential' && principal.kind === 'oauth') {
      // The person's sign-in is fine; a new token would not help them. The server is misconfigured.
      throw new HttpError(
        503,
        `Service unavailable: JumpCloud did not accept ${credentialOf(principal, credential)} (HTTP 401). An administrator of this server should check its service account or API key; signing in again will not help.`,
      );
    }
    if (!access.ok && access.refused === 'credential') {
      const reason = `JumpCloud did not accept ${credentialOf(principal, credential)} (HTTP 401).`;
      throw new HttpError(
        401,
        `Unauthorized: ${reason} Check that it is current (JumpCloud Admin Portal, API Settings); retrying will not help until it is fixed.`,
        {
          'WWW-Authenticate': `Bearer realm="jumpcloud-mcp", error="invalid_token", error_description="${reason}"`,
        },
      );
    }
    if (!access.ok) {
      throw new HttpError(
        403,
        `Forbidden: JumpCloud refused organization ${orgId}: the organization is unknown, or ${credentialOf(principal, credential)} cannot reach it (it is not one of the organizations this administrator manages). Check the id (Admin Portal, Settings), or connect without organizationID to act on your own organization.`,
      );
    }
    return undefined;
  };
  // Without a promise when the check answers from what it keeps (every request after the first).
  return (ctx) => {
    const access = check({ credential: ctx.state.credential, orgId: ctx.state.orgId });
    return isPromise(access) ? access.then((settled) => answer(ctx, settled)) : answer(ctx, access);
  };
}

export function requireAccess(check: AccessCheck): Middleware<EndpointState> {
  return middlewareOf(accessCheckStep(check));
}
