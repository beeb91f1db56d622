/** RFC 6750 error codes of a bearer challenge. */
export type AuthErrorCode = 'invalid_request' | 'invalid_token';

/**
 * A request meant for a verifier that does not check out. `authenticate` answers it with HTTP 401
 * and a `WWW-Authenticate` challenge (RFC 6750) carrying `code` and `reason`.
 */
export class AuthError extends Error {
  /** What was wrong, one sentence ending in a period: "no Authorization header." */
  readonly reason: string;
  readonly code: AuthErrorCode;
  /** How to sign in properly. */
  readonly hint: string;

  constructor({ reason, code, hint }: { reason: string; code: AuthErrorCode; hint: string }) {
    super(reason);
    this.name = 'AuthError';
    this.reason = reason;
    this.code = code;
    this.hint = hint;
  }
}
