/**
 * RFC 9728 protected resource metadata of the MCP endpoint, at
 * `/.well-known/oauth-protected-resource/v1` and at the root form
 * `/.well-known/oauth-protected-resource`, so that clients of either revision find it.
 */
import type { Middleware } from 'koa';
import { SCOPES } from './scopes.js';
import type { Site } from './site.js';

const PATHS = new Set([
  '/.well-known/oauth-protected-resource',
  '/.well-known/oauth-protected-resource/v1',
]);

export function resourceMetadata({
  site,
  authorizationServer,
}: {
  site: Site;
  /** The issuer of the authorization server whose tokens this server accepts. */
  authorizationServer: () => string;
}): Middleware {
  return async (ctx, next) => {
    if (!PATHS.has(ctx.path)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, HEAD');
      return;
    }
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.body = {
      resource: site.resource,
      authorization_servers: [authorizationServer()],
      scopes_supported: [...SCOPES],
      bearer_methods_supported: ['header'],
      resource_name: 'JumpCloud MCP server',
    };
  };
}
