import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Logger } from 'pino';
import type { Selection } from '../safety/types.js';

/**
 * What the HTTP layer learned about one request, handed to the MCP handlers through the SDK's
 * `authInfo` (the same path in stateless and stateful mode). The key lives only as long as the
 * request.
 */
export interface RequestScope {
  apiKey: string;
  keyFingerprint: string;
  orgId?: string;
  requestId: string;
  httpUserAgent?: string;
  /** The tools this connection may list and call. */
  selection: Selection;
  logger: Logger;
}

export function toAuthInfo(scope: RequestScope): AuthInfo {
  return { token: scope.apiKey, clientId: 'jumpcloud-api-key', scopes: [], extra: { scope } };
}

export function scopeFrom(authInfo: AuthInfo | undefined): RequestScope {
  const scope = authInfo?.extra?.scope as RequestScope | undefined;
  if (!scope) throw new Error('MCP request reached a handler without its request scope');
  return scope;
}
