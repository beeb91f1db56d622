/**
 * Carries an OAuth principal through the request pipeline that was built for API keys, until every
 * downstream layer takes `Principal` and `Credential` itself. Everything that bridges the two lives
 * here:
 * - `authenticate` runs the verifiers, falls back to the API-key middleware, and for a signed-in
 *   person sets `ctx.state.caller` with the person's fingerprint (sessions and confirmation tokens
 *   bind to it) and no key;
 * - `credentialFetch` sends the server's own credential upstream in place of the (empty) key;
 * - `principalAuditFields` adds the person, client and role to every audit record;
 * - `principalGate` narrows the tool selection to the person's grant, limits `?organizationID=`
 *   to their organizations and answers a call outside their scopes with 403 `insufficient_scope`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware } from 'koa';
import { bearerAuth } from '../middleware/bearer-auth.js';
import { HttpError } from '../middleware/http-error.js';
import type { ToolDefinition } from '../registry/types.js';
import type { Selection } from '../safety/types.js';
import { grantAllows } from './grant.js';
import { insufficientScope, unauthorized } from './oauth/challenge.js';
import { toolScope } from './oauth/scopes.js';
import type { Scope } from './oauth/scopes.js';
import type { Site } from './oauth/site.js';
import type { OAuthAuthenticated } from './oauth/verifier.js';
import type { Principal, Verifier } from './types.js';

interface RequestAuth {
  principal: Principal;
  headers: Record<string, string>;
}

const current = new AsyncLocalStorage<RequestAuth>();

/** The audit fields of the signed-in person of the current request (pino `mixin`). */
export function principalAuditFields(): Record<string, unknown> {
  const auth = current.getStore();
  if (!auth) return {};
  const { principal } = auth;
  return {
    principal: {
      subject: principal.subject,
      email: principal.email,
      clientId: principal.clientId,
      role: principal.grant.role,
    },
  };
}

/** A fetch that sends the signed-in request's upstream credential instead of `x-api-key`. */
export function credentialFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const auth = current.getStore();
    if (auth && input instanceof Request) {
      input.headers.delete('x-api-key');
      for (const [name, value] of Object.entries(auth.headers)) input.headers.set(name, value);
    }
    return base(input, init);
  };
}

/**
 * Authenticates /v1: each verifier in turn, then (when API keys are accepted) the API-key
 * middleware. Without any Authorization header the 401 carries the OAuth challenge.
 */
export function authenticate({
  verifiers,
  apiKeys,
  site,
}: {
  verifiers: readonly Verifier[];
  apiKeys: boolean;
  site: Site;
}): Middleware {
  const keyAuth = bearerAuth();
  return async (ctx, next) => {
    for (const verifier of verifiers) {
      const result = (await verifier.verify(ctx)) as OAuthAuthenticated | undefined;
      if (!result) continue;
      const { principal, credential } = result;
      let headers: Record<string, string>;
      try {
        headers = await credential.headers();
      } catch (error) {
        throw new HttpError(
          503,
          `Service unavailable: ${(error as Error).message || 'the server has no JumpCloud credential.'}`,
        );
      }
      ctx.state.caller = { apiKey: '', keyFingerprint: principal.fingerprint };
      ctx.state.principal = principal;
      ctx.state.scopes = result.scopes;
      ctx.state.logger = ctx.state.logger.child({
        principal: {
          subject: principal.subject,
          email: principal.email,
          clientId: principal.clientId,
          role: principal.grant.role,
        },
      });
      await current.run({ principal, headers }, next);
      return;
    }
    if (apiKeys && ctx.get('authorization')) return keyAuth(ctx, next);
    throw unauthorized({
      site,
      reason: ctx.get('authorization')
        ? 'the bearer token is not an access token of this server.'
        : 'no access token.',
      apiKeys,
    });
  };
}

function narrow(selection: Selection, principal: Principal): Selection {
  const { grant } = principal;
  const tools = selection.tools.filter((tool) => grantAllows(grant, tool));
  const names = new Set(tools.map((tool) => tool.name));
  return {
    tools,
    whyNot(name) {
      if (names.has(name)) return undefined;
      return (
        selection.whyNot(name) ??
        `The tool '${name}' is outside what ${principal.displayName} may use here (${grant.role ?? 'their grant'}). An administrator can change their JumpCloud role or the server's access policy.`
      );
    },
  };
}

function toolCalls(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    return m?.method === 'tools/call' && typeof m.params?.name === 'string' ? [m.params.name] : [];
  });
}

/** Applies a signed-in person's grant to the request (after selection and body parsing). */
export function principalGate({
  site,
  tools,
}: {
  site: Site;
  /** Every tool of the server, to name the scope a call needs. */
  tools: readonly ToolDefinition[];
}): Middleware {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return async (ctx, next) => {
    const principal = ctx.state.principal as Principal | undefined;
    if (!principal) return next();
    const scopes = ctx.state.scopes as readonly Scope[];
    const { organizations } = principal.grant;
    if (organizations) {
      const orgId = ctx.state.orgId as string | undefined;
      if (orgId && !organizations.includes(orgId)) {
        throw new HttpError(
          403,
          `Forbidden: ${principal.displayName} may not act on organization ${orgId}. Allowed: ${organizations.join(', ')}.`,
        );
      }
      if (!orgId && organizations.length === 1) ctx.state.orgId = organizations[0];
      else if (!orgId) {
        throw new HttpError(
          400,
          `Bad request: choose one of your organizations with ?organizationID=<id>: ${organizations.join(', ')}.`,
        );
      }
    }
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
    ctx.state.selection = narrow(ctx.state.selection as Selection, principal);
    await next();
  };
}
