/**
 * The built-in OAuth 2.1 authorization server (oidc-provider), on the same origin as the MCP
 * endpoint: RFC 8414 metadata, authorization code with PKCE S256 only, dynamic client registration
 * (RFC 7591) and Client ID Metadata Documents, resource indicators (RFC 8707), short-lived JWT
 * access tokens bound to `<origin>/v1`, refresh tokens rotated on every use, revocation.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { Provider, errors } from 'oidc-provider';
import type { JWK } from 'jose';
import { escapeHtml, sendPage } from './pages.js';
import type { AdapterFactory } from './memory-adapter.js';
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
  /** Private signing key (RS256) as a JWK with `kid`. */
  signingKey: JWK;
  cookieKeys: string[];
  /** The network edge for Client ID Metadata Documents. */
  fetchImpl?: typeof fetch;
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
  signingKey,
  cookieKeys,
  fetchImpl,
}: AuthorizationServerOptions): Provider {
  const accounts = adapters('Account');
  const resourceServer = {
    scope: SCOPES.join(' '),
    audience: site.resource,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
  const provider = new Provider(site.origin, {
    adapter: adapters,
    jwks: { keys: [signingKey] },
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
