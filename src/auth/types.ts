/**
 * The credential seam. A request is authenticated once, by a verifier, into a `Principal` (who is
 * calling and what they may do) and a `Credential` (how this server reaches JumpCloud for them).
 * Everything after authentication reads these two objects and never a raw key or token.
 */
import type { Context } from 'koa';

/** What a principal may do. Every field only narrows the server's own configuration. */
export interface Grant {
  /** Toolsets this principal may use; undefined: every toolset the server offers. */
  toolsets?: readonly string[];
  /** Tool names this principal may use besides `toolsets`; alone, exactly these. */
  tools?: readonly string[];
  /** Only read-only tools. */
  readOnly?: boolean;
  /**
   * MSP child organizations this principal may select with `?organizationID=`; undefined: any
   * (JumpCloud itself refuses an organization the credential cannot reach).
   */
  organizations?: readonly string[];
  /** The JumpCloud role (or policy rule) that produced this grant, for audit records. */
  role?: string;
}

/** Who is calling. Safe to log: it holds no secret. */
export interface Principal {
  /** How they signed in. */
  kind: 'api-key' | 'oauth';
  /**
   * Short, stable, non-reversible identifier (`key_3f9a0c1d2e4b` for an API key, `sub_...` for a
   * signed-in person). Sessions and confirmation tokens are bound to it.
   */
  fingerprint: string;
  /** For people and logs: `API key key_3f9a...`, `jane@example.com`. */
  displayName: string;
  /** OAuth: the subject and email of the signed-in person, and the OAuth client they used. */
  subject?: string;
  email?: string;
  clientId?: string;
  grant: Grant;
}

/** How to reach JumpCloud on the principal's behalf. Never logged, never shown. */
export interface Credential {
  /**
   * Stable, non-reversible identifier of the upstream credential (rate limits and the
   * key-is-valid cache are kept per credential): `key_...`, `sa_...`.
   */
  fingerprint: string;
  /** The headers that carry it: `{ 'x-api-key': key }` or `{ authorization: 'Bearer ...' }`. */
  headers(): Promise<Record<string, string>>;
}

export interface Authenticated {
  principal: Principal;
  credential: Credential;
}

/**
 * One way to sign in. `verify` answers `undefined` when the request is not meant for it (another
 * verifier may take it), an `Authenticated` when it is and it checks out, and throws an
 * `AuthError` when it is meant for it and does not check out.
 */
export interface Verifier {
  readonly name: string;
  /**
   * How a client signs in this way, one sentence; the 401 that answers a request no verifier took
   * lists every verifier's hint.
   */
  readonly hint: string;
  /** A promise where it waits (for a key set, say); a value where it need not. */
  verify(ctx: Context): Authenticated | undefined | Promise<Authenticated | undefined>;
}
