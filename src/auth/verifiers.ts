import { apiKeyVerifier } from './api-key.js';
import type { Verifier } from './types.js';

/**
 * The ways to sign in, in the order `authenticate` asks them. A new way (OAuth) is one more entry,
 * before the API key, which takes every remaining bearer token.
 */
export function signInMethods(): Verifier[] {
  return [apiKeyVerifier()];
}
