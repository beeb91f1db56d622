/**
 * The OAuth verifier: a bearer token that is a JWT is checked for signature (asymmetric
 * algorithms only), issuer, audience (this server's `/v1`, RFC 8707), expiry, not-before and scope,
 * then the person is looked up among the organization's administrators. The token itself never
 * goes further: JumpCloud is reached with the server's own credential.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Authenticated, Credential, Principal, Verifier } from '../types.js';
import type { AccessResolver } from './access.js';
import { accessDenied, insufficientScope, unauthorized } from './challenge.js';
import { parseScopes } from './scopes.js';
import type { Scope } from './scopes.js';
import type { Site } from './site.js';

const scopesByPrincipal = new WeakMap<Principal, readonly Scope[]>();

/**
 * The scopes of the access token a principal signed in with (undefined for a principal the OAuth
 * verifier did not make). Its grant already holds only the tools of these scopes; the scopes
 * themselves name what a refused call would need (step-up).
 */
export function scopesOf(principal: Principal): readonly Scope[] | undefined {
  return scopesByPrincipal.get(principal);
}

export const OAUTH_HINT =
  'Sign in with OAuth: the client discovers how from the WWW-Authenticate header.';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

export function bearerToken(ctx: Context): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(ctx.get('authorization'));
  return match?.[1];
}

export function looksLikeJwt(token: string): boolean {
  return JWT.test(token);
}

function why(error: unknown, resource: string): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired; refresh it.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return `the access token was issued for another resource; request one for ${resource}.`;
    if (error.claim === 'iss')
      return 'the access token was issued by an authorization server this server does not trust.';
    if (error.claim === 'nbf') return 'the access token is not valid yet.';
    return `the access token's ${error.claim} claim is missing or invalid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return 'the access token is signed with an algorithm this server does not accept.';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the access token signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the access token is signed with a key the authorization server does not publish.';
  return 'the access token is malformed.';
}

function fingerprint(issuer: string, subject: string): string {
  return `sub_${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 12)}`;
}

function emailOf(payload: JWTPayload): string | undefined {
  for (const claim of ['email', 'preferred_username', 'upn']) {
    const value = payload[claim];
    if (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value)) return value.toLowerCase();
  }
  return undefined;
}

function groupsOf(payload: JWTPayload): string[] {
  const value = payload.groups;
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

export interface OAuthVerifierOptions {
  site: Site;
  /** The issuer the tokens must name. */
  issuer: () => string;
  /** Audience the tokens must name; the resource (`<origin>/v1`) by default. */
  audience?: string;
  keys: JWTVerifyGetKey;
  /** Refuses a token whose grant was revoked (built-in authorization server). */
  isRevoked?: (payload: JWTPayload) => Promise<boolean>;
  access: AccessResolver;
  /** The server's own upstream credential. */
  credential: Credential;
  /** API keys are accepted too (said in the 401 text). */
  apiKeys?: boolean;
}

export function oauthVerifier(options: OAuthVerifierOptions): Verifier {
  const { site, access, credential } = options;
  return {
    name: 'oauth',
    hint: OAUTH_HINT,
    async verify(ctx): Promise<Authenticated | undefined> {
      const token = bearerToken(ctx);
      if (!token || !looksLikeJwt(token)) return undefined;
      const audience = options.audience ?? site.resource;
      const fail = (reason: string) =>
        unauthorized({ site, reason, error: 'invalid_token', apiKeys: options.apiKeys });
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer(),
          audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: 5,
        }));
      } catch (error) {
        throw fail(why(error, audience));
      }
      if (options.isRevoked && (await options.isRevoked(payload))) {
        throw fail('the access token was revoked; sign in again.');
      }
      const email = emailOf(payload);
      if (!email) {
        throw fail(
          'the access token carries no email claim, so the server cannot find your JumpCloud administrator account.',
        );
      }
      const tokenScopes = parseScopes(payload.scope);
      const result = await access.resolve({ email, groups: groupsOf(payload), tokenScopes });
      if (!result.ok) throw accessDenied(result.reason);
      if (!result.scopes.includes('jumpcloud.read')) {
        throw insufficientScope({
          site,
          scope: 'jumpcloud.read',
          reason: 'the access token does not grant jumpcloud.read, which every tool needs.',
        });
      }
      const subject = payload.sub as string;
      const clientId =
        typeof payload.client_id === 'string'
          ? payload.client_id
          : typeof payload.azp === 'string'
            ? payload.azp
            : undefined;
      const principal: Principal = {
        kind: 'oauth',
        fingerprint: fingerprint(String(payload.iss), subject),
        displayName: email,
        subject,
        email,
        ...(clientId ? { clientId } : {}),
        grant: result.grant,
      };
      scopesByPrincipal.set(principal, result.scopes);
      return { principal, credential };
    },
  };
}
