import { apiKeyVerifier } from './api-key.js';
import type { Verifier } from './types.js';

/**
 * The ways to sign in, in the order `authenticate` asks them: OAuth access tokens (when OAuth is
 * on) before the API key, which takes every remaining bearer token.
 */
export function signInMethods({
  oauth,
  apiKeys = true,
}: {
  /** The OAuth verifier, with `--auth oauth`. */
  oauth?: Verifier;
  /** Whether API keys are accepted (`--auth api-key`). */
  apiKeys?: boolean;
} = {}): Verifier[] {
  return [...(oauth ? [oauth] : []), ...(apiKeys ? [apiKeyVerifier()] : [])];
}
