/**
 * Storage seams. The in-memory implementations are the default; a shared store (Redis) implements
 * the same interfaces so that replicas agree. Every implementation passes the same contract tests
 * (test/store/*.contract.ts).
 */

/** Remembers used confirmation tokens so that each confirms one call, on any replica. */
export interface UsedTokenStore {
  /**
   * Atomically marks `id` used for `ttlMs`. Resolves true for the first claim of an id (the call may
   * go ahead), false when it was already claimed. Rejects when the store cannot answer: the caller
   * must then refuse the confirmation (fail closed), never proceed.
   * One `SET key 1 NX PX ttlMs` implements it.
   */
  claim(id: string, ttlMs: number): Promise<boolean>;
}
