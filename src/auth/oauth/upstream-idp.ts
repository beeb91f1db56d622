/**
 * The organization's identity provider, over OpenID Connect (openid-client): JumpCloud SSO, Okta,
 * Entra ID, Google or the sandbox's. The built-in authorization server delegates sign-in to it with
 * the authorization code flow, PKCE S256, state and nonce.
 */
import * as oidc from 'openid-client';

export interface UpstreamIdpOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  fetchImpl?: typeof fetch;
}

/** What the identity provider says about the person who signed in. */
export interface UpstreamIdentity {
  issuer: string;
  subject: string;
  email: string;
  name?: string;
  groups: string[];
}

export interface UpstreamStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Sign-in at the identity provider failed: the message is safe to show the person. */
export class UpstreamSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamSignInError';
  }
}

export interface UpstreamIdp {
  start(redirectUri: string): Promise<UpstreamStart>;
  finish(input: {
    callbackUrl: URL;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<UpstreamIdentity>;
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function createUpstreamIdp({
  issuer,
  clientId,
  clientSecret,
  fetchImpl,
}: UpstreamIdpOptions): UpstreamIdp {
  let configuration: Promise<oidc.Configuration> | undefined;
  const configure = () => {
    configuration ??= (async () => {
      const url = new URL(issuer);
      const execute = isLoopbackHttp(url) ? [oidc.allowInsecureRequests] : [];
      const options: oidc.DiscoveryRequestOptions = { execute, timeout: 10 };
      if (fetchImpl) options[oidc.customFetch] = fetchImpl as oidc.CustomFetch;
      return oidc.discovery(url, clientId, clientSecret, undefined, options);
    })().catch((error: unknown) => {
      configuration = undefined;
      throw new UpstreamSignInError(
        `The server could not read the identity provider's OpenID configuration at ${issuer} (${(error as Error).message}). An administrator should check JUMPCLOUD_MCP_OAUTH_IDP_ISSUER.`,
      );
    });
    return configuration;
  };

  return {
    async start(redirectUri) {
      const config = await configure();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finish({ callbackUrl, state, nonce, codeVerifier }) {
      const config = await configure();
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        const detail =
          (error as { error_description?: string; error?: string }).error_description ??
          (error as { error?: string }).error ??
          (error as Error).message;
        throw new UpstreamSignInError(
          `Sign-in at the identity provider did not complete (${String(detail).slice(0, 200)}). Start again from your MCP client.`,
        );
      }
      if (!claims) throw new UpstreamSignInError('The identity provider returned no ID token.');
      const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
      if (!email) {
        throw new UpstreamSignInError(
          'The identity provider did not share your email address. An administrator should allow the email scope for this application.',
        );
      }
      if (claims.email_verified === false) {
        throw new UpstreamSignInError(
          `The identity provider says ${email} is not verified. Verify it there, then sign in again.`,
        );
      }
      const groups = Array.isArray(claims.groups)
        ? claims.groups.filter((g): g is string => typeof g === 'string')
        : [];
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email,
        ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
        groups,
      };
    },
  };
}
