/**
 * OAuth sign-in, composed: the resource server (metadata, verifier, scope step-up) and either the
 * built-in authorization server (with sign-in at the organization's identity provider) or an
 * external authorization server's tokens.
 */
import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from '../../app-state.js';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import type { ToolDefinition } from '../../registry/types.js';
import type { AccessPolicy } from '../policy/policy-file.js';
import { HttpError } from '../../middleware/http-error.js';
import { isStoreUnavailable } from '../../store/oidc-adapter.js';
import type { Refusal } from '../middleware.js';
import type { Credential, Verifier } from '../types.js';
import { createAccessResolver } from './access.js';
import { AdminDirectoryError, createAdminDirectory } from './admin-directory.js';
import { STORE_UNAVAILABLE_MESSAGE, createAuthorizationServer } from './authorization-server.js';
import { unauthorized } from './challenge.js';
import { interactionRoutes } from './interactions.js';
import { memoryAdapterFactory } from './memory-adapter.js';
import type { AdapterFactory } from './memory-adapter.js';
import { errorPage } from './pages.js';
import { resourceMetadata } from './resource-metadata.js';
import { createSite } from './site.js';
import type { Site } from './site.js';
import { UpstreamSignInError, createUpstreamIdp } from './upstream-idp.js';
import type { UpstreamIdp, UpstreamIdpOptions } from './upstream-idp.js';
import { scopeStepUp } from './scope-step-up.js';
import { oauthVerifier } from './verifier.js';

export interface ExternalAuthorizationServer {
  issuer: string;
  jwksUrl: string;
  audience?: string;
}

export interface OAuthOptions {
  publicUrl?: string;
  /** Tokens of this authorization server are accepted; without it the built-in one runs. */
  external?: ExternalAuthorizationServer;
  /** The identity provider of the built-in authorization server (may be given once listening). */
  idp?: UpstreamIdpOptions;
  /** The server's own upstream credential. */
  credential: Credential;
  /** V1 API base URL (for the administrator look-up). */
  v1BaseUrl: string;
  /** The tools the server offers. */
  catalog: readonly ToolDefinition[];
  /** Every tool, to name the scope a call needs. */
  tools: readonly ToolDefinition[];
  policy?: AccessPolicy;
  /** API keys are accepted as well. */
  apiKeys: boolean;
  /** Where the authorization server keeps its state; this process's memory when absent. */
  adapters?: AdapterFactory;
  /**
   * RS256 private JWKs (with kid): the first signs, the others verify tokens signed before a
   * rotation. A new key per process when absent.
   */
  signingKeys?: JWK[];
  cookieSecret?: string;
  logger: Logger;
  fetchImpl?: typeof fetch;
}

export interface OAuth {
  site: Site;
  verifier: Verifier;
  cookieKeys: string[];
  /** Metadata, the authorization server and its sign-in pages. */
  routes: Middleware;
  /** The 401 of a refused sign-in on /v1: its challenge names the protected resource metadata. */
  challenge(refusal: Refusal): HttpError;
  /** 403 insufficient_scope for a call outside the token's scopes (after json-body). */
  scopeStepUp: Middleware<AppState>;
  /** Call once the server listens; builds the authorization server at its origin. */
  listening(origin: string): void;
  /** Sets the identity provider (when it is only known once the server listens). */
  useIdp(idp: UpstreamIdpOptions): void;
  /** The built-in authorization server, once listening. */
  readonly provider: Provider | undefined;
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

function publicPart(jwk: JWK): JWK {
  const { kty, n, e, kid, alg, use, crv, x, y } = jwk;
  return Object.fromEntries(
    Object.entries({ kty, n, e, kid, alg, use, crv, x, y }).filter(([, v]) => v !== undefined),
  ) as JWK;
}

function compose(middleware: readonly Middleware[]): Middleware {
  return (ctx, next) => {
    const run = (index: number): Promise<void> => {
      const fn = middleware[index];
      if (!fn) return next();
      return Promise.resolve(fn(ctx, () => run(index + 1)));
    };
    return run(0);
  };
}

const AS_PATH =
  /^\/(oauth\/(?!interaction\/|callback$)|\.well-known\/(oauth-authorization-server|openid-configuration)$)/;

export async function createOAuth(options: OAuthOptions): Promise<OAuth> {
  const site = createSite(options.publicUrl);
  const adapters = options.adapters ?? memoryAdapterFactory();
  const directory = createAdminDirectory({
    v1BaseUrl: options.v1BaseUrl,
    credential: options.credential,
    fetchImpl: options.fetchImpl,
  });
  const access = createAccessResolver({
    directory,
    policy: options.policy,
    catalog: options.catalog,
  });
  const cookieKeys = [options.cookieSecret ?? randomBytes(32).toString('base64url')];
  const common = {
    site,
    access,
    credential: options.credential,
    apiKeys: options.apiKeys,
  };

  let provider: Provider | undefined;
  let idp: UpstreamIdp | undefined = options.idp ? createUpstreamIdp(options.idp) : undefined;
  let verifier: Verifier;
  let routes: Middleware;
  let build = (origin: string) => site.listening(origin);

  if (options.external) {
    const { issuer, jwksUrl, audience } = options.external;
    verifier = oauthVerifier({
      ...common,
      issuer: () => issuer,
      ...(audience ? { audience } : {}),
      keys: createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000 }),
    });
    routes = resourceMetadata({ site, authorizationServer: () => issuer });
  } else {
    const signingKeys = options.signingKeys ?? [await newSigningKey()];
    verifier = oauthVerifier({
      ...common,
      issuer: () => site.origin,
      keys: createLocalJWKSet({ keys: signingKeys.map(publicPart) }),
      // A revoked refresh token or a reused code destroys the grant: its access tokens stop too.
      // The grant is read from the store on every call; while the store cannot answer, whether
      // the token was revoked is unknown and the call is refused (503), never let through.
      isRevoked: async (payload) => {
        if (typeof payload.gid !== 'string') return true;
        try {
          return !(await provider?.Grant.find(payload.gid));
        } catch (error) {
          if (!isStoreUnavailable(error)) throw error;
          throw new HttpError(
            503,
            'Service unavailable: the server cannot reach its shared store to check your sign-in. Try again shortly.',
            { 'Retry-After': '5' },
          );
        }
      },
    });
    const interactions = interactionRoutes({
      site,
      provider: () => {
        if (!provider) throw new Error('the authorization server starts once the server listens');
        return provider;
      },
      idp: () => {
        if (!idp) throw new Error('no identity provider is configured');
        return idp;
      },
      access,
      adapters,
      logger: options.logger,
    }).routes() as unknown as Middleware;
    let providerRoutes: Middleware | undefined;
    routes = compose([
      resourceMetadata({ site, authorizationServer: () => site.origin }),
      async (ctx, next) => {
        if (!provider) return next();
        if (AS_PATH.test(ctx.path)) {
          providerRoutes ??= compose(provider.middleware as Middleware[]);
          return providerRoutes(ctx, next);
        }
        if (!ctx.path.startsWith('/oauth/')) return next();
        try {
          await interactions(ctx, next);
        } catch (error) {
          options.logger.warn({ err: error }, 'sign-in step failed');
          if (isStoreUnavailable(error)) {
            ctx.set('Retry-After', '5');
            errorPage(ctx, {
              status: 503,
              title: 'Sign-in unavailable',
              message: STORE_UNAVAILABLE_MESSAGE,
            });
            return;
          }
          const known =
            error instanceof UpstreamSignInError || error instanceof AdminDirectoryError;
          errorPage(ctx, {
            status: error instanceof AdminDirectoryError ? 503 : 502,
            title: 'Sign-in failed',
            message: known
              ? error.message
              : 'Sign-in could not continue. Start again from your MCP client.',
          });
        }
      },
    ]);
    build = (origin) => {
      site.listening(origin);
      provider = createAuthorizationServer({
        site,
        adapters,
        signingKeys,
        cookieKeys,
        fetchImpl: options.fetchImpl,
      });
    };
  }
  return {
    site,
    verifier,
    cookieKeys,
    routes,
    challenge: ({ reason, code, anonymous }) =>
      unauthorized({
        site,
        reason: anonymous ? 'no access token.' : reason,
        ...(anonymous ? {} : { error: code }),
        apiKeys: options.apiKeys,
      }),
    scopeStepUp: scopeStepUp({ site, tools: options.tools }),
    listening: (origin) => build(origin),
    useIdp: (given) => void (idp = createUpstreamIdp(given)),
    get provider() {
      return provider;
    },
  };
}
