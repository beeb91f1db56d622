/**
 * The sandbox's identity provider: a small OpenID Connect provider (oidc-provider) whose people are
 * the sandbox organizations' administrators, with a sign-in page. The server's built-in
 * authorization server delegates sign-in to it exactly as it would to JumpCloud SSO or Okta.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Context } from 'koa';
import { Provider } from 'oidc-provider';
import { memoryAdapterFactory } from '../../auth/oauth/memory-adapter.js';
import getRawBody from 'raw-body';
import type { Administrator } from '../types.js';
import { SIGN_IN_CSP, signInPage } from './sign-in-page.js';

/** Every sandbox administrator signs in with this password. */
export const SANDBOX_PASSWORD = 'sandbox';

export interface SandboxIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

interface OidcCtx {
  oidc: {
    provider: Provider;
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
  };
}

export async function startSandboxIdp({
  people,
  redirectUris,
  host = '127.0.0.1',
}: {
  /** The administrators who can sign in (read at each sign-in). */
  people: () => readonly Administrator[];
  /** The redirect URIs of the one client, the MCP server's callback. */
  redirectUris: string[];
  host?: string;
}): Promise<SandboxIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const clientId = 'jumpcloud-mcp';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'sandbox-idp', alg: 'RS256', use: 'sig' };
  const find = (id: string) => people().find((person) => person._id === id);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    adapter: memoryAdapterFactory(),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries the email and name itself (the relying party reads no userinfo).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = find(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: person.email,
          email_verified: true,
          name: `${person.firstname} ${person.lastname}`,
        }),
      };
    },
    // The MCP server is this provider's only client: consent is implied.
    loadExistingGrant: async (ctx: OidcCtx) => {
      const { provider: p, client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      const grant = new p.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  const page = (ctx: Context, html: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', SIGN_IN_CSP);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html;
  };

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => undefined);
    if (!details) {
      page(ctx, '<p id="error">This sign-in expired. Start again from your MCP client.</p>', 400);
      return;
    }
    const uid = details.uid;
    if (ctx.method === 'GET' && !match[2]) {
      page(ctx, signInPage({ uid, people: people(), password: SANDBOX_PASSWORD }));
      return;
    }
    if (ctx.method !== 'POST' || !match[2]) return next();
    const form = new URLSearchParams(
      await getRawBody(ctx.req, { limit: '10kb', encoding: 'utf8' }),
    );
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const person = people().find((p) => p.email.toLowerCase() === email);
    if (!person || form.get('password') !== SANDBOX_PASSWORD) {
      page(
        ctx,
        signInPage({
          uid,
          people: people(),
          password: SANDBOX_PASSWORD,
          error: 'Unknown email or wrong password.',
        }),
        401,
      );
      return;
    }
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: person._id } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
