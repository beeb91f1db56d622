/**
 * The built-in OAuth 2.1 authorization server (oidc-provider), on the same origin as the MCP
 * endpoint: RFC 8414 metadata, authorization code with PKCE S256 only, dynamic client registration
 * (RFC 7591) and Client ID Metadata Documents, resource indicators (RFC 8707), short-lived JWT
 * access tokens bound to `<origin>/v1`, refresh tokens rotated on every use, revocation.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { Provider, errors } from 'oidc-provider';
import type { Adapter } from 'oidc-provider';
import type { JWK } from 'jose';
import { AlreadyConsumedError, isStoreUnavailable } from '../../store/oidc-adapter.js';
import type { AdapterFactory } from '../../store/oidc-adapter.js';
import { escapeHtml, sendPage } from './pages.js';
import { SCOPES } from './scopes.js';
import type { Site } from './site.js';

export const ACCESS_TOKEN_TTL_SECONDS = 300;
const DAY = 24 * 3600;

/** Routes of the authorization server; all under /oauth except the discovery documents. */
export const AS_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  backchannel_authentication: '/oauth/backchannel',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  challenge: '/oauth/challenge',
  credential: '/oauth/credential',
} as const;

/** The person behind an account id, stored at sign-in. */
export interface AccountRecord {
  [key: string]: unknown;
  email: string;
  name?: string;
  groups: string[];
}

export function accountId(issuer: string, subject: string): string {
  return `acct_${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 24)}`;
}

export interface AuthorizationServerOptions {
  site: Site;
  adapters: AdapterFactory;
  /** Private signing keys (RS256) as JWKs with `kid`; the first signs, the others still verify. */
  signingKeys: JWK[];
  cookieKeys: string[];
  /** The network edge for Client ID Metadata Documents. */
  fetchImpl?: typeof fetch;
}

export const STORE_UNAVAILABLE_MESSAGE =
  'Sign-in is unavailable for the moment: the server cannot reach its shared store. Try again shortly.';

/**
 * The storage failures oidc-provider should answer itself: a second use of a code or refresh
 * token is `invalid_grant`; a store that cannot answer is 503 `temporarily_unavailable` (at the
 * authorization endpoint, sent to the client's redirect URI), never a half-finished sign-in.
 */
function providerError(error: unknown): unknown {
  if (error instanceof AlreadyConsumedError) {
    return new errors.InvalidGrant(`${error.message}; sign in again`, { cause: error });
  }
  if (isStoreUnavailable(error)) {
    const unavailable = new errors.TemporarilyUnavailable(STORE_UNAVAILABLE_MESSAGE, {
      cause: error,
    });
    unavailable.status = unavailable.statusCode = 503;
    unavailable.expose = true;
    return unavailable;
  }
  return error;
}

/** The adapters as oidc-provider sees them: their storage failures become its own errors. */
export function providerAdapters(adapters: AdapterFactory): AdapterFactory {
  return (model) => {
    const inner = adapters(model);
    const guard =
      <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await method.apply(inner, args);
        } catch (error) {
          throw providerError(error);
        }
      };
    const guarded: Adapter = {
      upsert: guard(inner.upsert),
      find: guard(inner.find),
      findByUid: guard(inner.findByUid),
      findByUserCode: guard(inner.findByUserCode),
      consume: guard(inner.consume),
      destroy: guard(inner.destroy),
      revokeByGrantId: guard(inner.revokeByGrantId),
    };
    return guarded;
  };
}

function renderError(ctx: Context, out: { error: string; error_description?: string }): void {
  sendPage(ctx, {
    title: 'Sign-in failed',
    body:
      `<h1>Sign-in failed</h1><p id="error">${escapeHtml(out.error)}</p>` +
      (out.error_description
        ? `<p id="error-description">${escapeHtml(out.error_description)}</p>`
        : '') +
      '<p>Start again from your MCP client.</p>',
  });
}

export function createAuthorizationServer({
  site,
  adapters,
  signingKeys,
  cookieKeys,
  fetchImpl,
}: AuthorizationServerOptions): Provider {
  const storage = providerAdapters(adapters);
  const accounts = storage('Account');
  const resourceServer = {
    scope: SCOPES.join(' '),
    audience: site.resource,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
  const provider = new Provider(site.origin, {
    adapter: storage,
    jwks: { keys: signingKeys },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: AS_ROUTES,
    // The resource's scopes are listed too: clients register with them (RFC 7591 `scope`).
    scopes: ['openid', 'offline_access', 'email', ...SCOPES],
    claims: { openid: ['sub'], email: ['email'] },
    responseTypes: ['code'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02' },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => site.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== site.resource) {
            throw new errors.InvalidTarget(
              `this authorization server issues tokens for ${site.resource} only`,
            );
          }
          return resourceServer;
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 14 * DAY,
      RefreshToken: 14 * DAY,
      Session: 14 * DAY,
    },
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    expiresWithSession: () => false,
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/oauth/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = (await accounts.find(sub)) as AccountRecord | undefined;
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email }) };
    },
    extraTokenClaims: async (
      _ctx: unknown,
      token: { kind: string; accountId?: string; grantId?: string },
    ) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = (await accounts.find(token.accountId)) as AccountRecord | undefined;
      if (!account) return undefined;
      return {
        email: account.email,
        ...(account.groups.length > 0 ? { groups: account.groups } : {}),
        gid: token.grantId,
      };
    },
    renderError,
    fetch: fetchImpl ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init)),
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      requestObjectSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    },
  });
  provider.proxy = false;
  return provider;
}
