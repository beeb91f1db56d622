import type { Middleware } from 'koa';
import type { EndpointState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import type { AccessCheck } from './access-check.js';
import type { Principal } from './types.js';

function credentialOf(principal: Principal): string {
  return principal.kind === 'api-key'
    ? `the API key ${principal.fingerprint}`
    : `the JumpCloud credential of ${principal.displayName}`;
}

/**
 * Serves a request only when JumpCloud accepts its credential for its organization (see
 * access-check.ts): 401 for a refused credential, 403 for an organization it cannot reach.
 */
export function requireAccess(check: AccessCheck): Middleware<EndpointState> {
  return async (ctx, next) => {
    const { principal, credential, orgId } = ctx.state;
    const access = await check({ credential, orgId });
    if (!access.ok && access.refused === 'credential') {
      const reason = `JumpCloud did not accept ${credentialOf(principal)} (HTTP 401).`;
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
        `Forbidden: JumpCloud refused organization ${orgId}: the organization is unknown, or ${credentialOf(principal)} cannot reach it (it is not one of the organizations this administrator manages). Check the id (Admin Portal, Settings), or connect without organizationID to act on your own organization.`,
      );
    }
    await next();
  };
}
