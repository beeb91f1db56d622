/**
 * Sign-in with a JumpCloud API key: `Authorization: Bearer <key>`. The key becomes a principal
 * named by its fingerprint and a credential that sends it upstream as `x-api-key`; nothing else in
 * the server sees the key.
 */
import { hash } from 'node:crypto';
import type { Context } from 'koa';
import { AuthError } from './auth-error.js';
import type { AuthErrorCode } from './auth-error.js';
import type { Authenticated, Credential, Principal, Verifier } from './types.js';

/** RFC 6750 token68 characters, of a plausible length for a JumpCloud API key. */
const TOKEN = /^[A-Za-z0-9\-._~+/]{16,512}={0,2}$/;

const HINT =
  'Send your JumpCloud API key as the header "Authorization: Bearer <key>" (the REST API\'s x-api-key header is not used here).';

/** A short, stable, non-reversible fingerprint of an API key, safe to log. */
export function apiKeyFingerprint(apiKey: string): string {
  return `key_${hash('sha256', apiKey, 'hex').slice(0, 12)}`;
}

/** The upstream credential of a key: `x-api-key`. */
export function apiKeyCredential(
  apiKey: string,
  fingerprint = apiKeyFingerprint(apiKey),
): Credential {
  const headers = { 'x-api-key': apiKey };
  return { fingerprint, headers: async () => headers };
}

/** Who a key is: known only by its fingerprint; JumpCloud decides what it may do. */
export function apiKeyPrincipal(
  apiKey: string,
  fingerprint = apiKeyFingerprint(apiKey),
): Principal {
  return { kind: 'api-key', fingerprint, displayName: `API key ${fingerprint}`, grant: {} };
}

const refuse = (reason: string, code: AuthErrorCode) => new AuthError({ reason, code, hint: HINT });

/** How many Authorization header values keep their sign-in (a client sends the same each time). */
const SIGNED_IN_CACHE = 256;

/**
 * Takes every request that carries an Authorization header or an x-api-key header, so it belongs
 * last in the list of verifiers: a verifier of other bearer tokens goes before it. Answers without
 * a promise: nothing here waits. A header value seen lately gets the principal and credential it
 * got then (they are immutable), without checking and hashing the key again.
 */
export function apiKeyVerifier(): Verifier {
  const signedIn = new Map<string, Authenticated>();
  return {
    name: 'api-key',
    hint: HINT,
    verify(ctx: Context): Authenticated | undefined {
      const header = ctx.req.headers.authorization;
      if (header) {
        const known = signedIn.get(header);
        if (known) return known;
      }
      const authenticated = verifyHeader(ctx, header);
      if (header && authenticated) {
        if (signedIn.size >= SIGNED_IN_CACHE) signedIn.clear();
        signedIn.set(header, authenticated);
      }
      return authenticated;
    },
  };
}

function verifyHeader(ctx: Context, header: string | undefined): Authenticated | undefined {
  if (!header) {
    if (ctx.get('x-api-key')) {
      throw refuse('the API key was sent as x-api-key.', 'invalid_request');
    }
    return undefined;
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) {
    throw refuse('the Authorization header is not of the form "Bearer <key>".', 'invalid_request');
  }
  const apiKey = match[1] as string;
  if (!TOKEN.test(apiKey)) {
    throw refuse('the bearer token is not a well-formed API key.', 'invalid_token');
  }
  const fingerprint = apiKeyFingerprint(apiKey);
  return {
    principal: apiKeyPrincipal(apiKey, fingerprint),
    credential: apiKeyCredential(apiKey, fingerprint),
  };
}
