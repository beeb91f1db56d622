import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Logger } from 'pino';
import type { Credential, Principal } from '../auth/types.js';
import type { Selection } from '../safety/types.js';

/**
 * What the HTTP layer learned about one request, handed to the MCP handlers through the SDK's
 * `authInfo` (the same path in stateless and stateful mode). The credential lives only as long as
 * the request.
 */
export interface RequestScope {
  principal: Principal;
  credential: Credential;
  orgId?: string;
  requestId: string;
  httpUserAgent?: string;
  /** Stateless mode: the clientInfo name of this caller's last `initialize`, when remembered. */
  clientInfoName?: string;
  /** The tools this connection may list and call. */
  selection: Selection;
  logger: Logger;
}

/**
 * The SDK's view of the caller. `token` is the principal's fingerprint: the SDK never needs the
 * secret, and anything that logs an `AuthInfo` then logs no credential.
 */
export function toAuthInfo(scope: RequestScope): AuthInfo {
  const { principal } = scope;
  return {
    token: principal.fingerprint,
    clientId: principal.clientId ?? principal.kind,
    scopes: [],
    extra: { scope },
  };
}

export function scopeFrom(authInfo: AuthInfo | undefined): RequestScope {
  const scope = authInfo?.extra?.scope as RequestScope | undefined;
  if (!scope) throw new Error('MCP request reached a handler without its request scope');
  return scope;
}
