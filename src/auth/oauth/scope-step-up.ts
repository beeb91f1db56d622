/**
 * Scope step-up (RFC 6750 §3.1): a tools/call for a tool whose scope the access token does not
 * grant is answered with 403 `insufficient_scope` naming that scope, so that the client can ask
 * the person for it. Everything else a grant refuses is the tool selection's to answer.
 */
import type { Middleware } from 'koa';
import type { AppState } from '../../app-state.js';
import type { ToolDefinition } from '../../registry/types.js';
import { insufficientScope } from './challenge.js';
import { toolScope } from './scopes.js';
import type { Site } from './site.js';
import { scopesOf } from './verifier.js';

function toolCalls(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    return m?.method === 'tools/call' && typeof m.params?.name === 'string' ? [m.params.name] : [];
  });
}

/** Runs after json-body: reads the calls of the request and the principal's token scopes. */
export function scopeStepUp({
  site,
  tools,
}: {
  site: Site;
  /** Every tool of the server, to name the scope a call needs. */
  tools: readonly ToolDefinition[];
}): Middleware<AppState> {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    const scopes = principal && scopesOf(principal);
    if (principal && scopes) {
      for (const name of toolCalls(ctx.state.body)) {
        const tool = byName.get(name);
        if (!tool) continue;
        const scope = toolScope(tool);
        if (!scopes.includes(scope)) {
          throw insufficientScope({
            site,
            scope,
            reason: `${name} needs the scope ${scope}, which this access token does not grant (${principal.displayName}: ${principal.grant.role ?? 'no role'}).`,
          });
        }
      }
    }
    await next();
  };
}
