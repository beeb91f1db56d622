/**
 * Storage of the built-in authorization server: oidc-provider's `Adapter` interface (one adapter per
 * model: Client, Grant, Session, Interaction, AuthorizationCode, AccessToken, RefreshToken, ...,
 * and this server's own Account and UpstreamLogin), implemented in memory and in Redis. Every
 * implementation passes test/store/oidc-adapter.contract.ts.
 */
import type { Adapter } from 'oidc-provider';

/** Makes the storage of one model (`AccessToken`, `Grant`, `Interaction`, ..., `UpstreamLogin`). */
export type AdapterFactory = (model: string) => Adapter;

/**
 * `consume(id)` of a code or token another request consumed first, or that is gone (its grant
 * revoked, because another request used it again, or its lifetime over) after this request read
 * it: the use must fail, on any replica. The authorization server answers it with `invalid_grant`.
 */
export class AlreadyConsumedError extends Error {
  constructor(model: string, gone = false) {
    super(
      gone ? `this ${model} was already used or has expired` : `this ${model} was already used`,
    );
    this.name = 'AlreadyConsumedError';
  }
}

/**
 * The shared store could not answer: nothing was written (or the write was all or nothing), and
 * the request must fail with a clear message instead of going on with half a sign-in.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Whether `error` (or its cause) is the shared store failing to answer. */
export function isStoreUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (e instanceof StoreUnavailableError) return true;
    e = e.cause;
  }
  return false;
}
