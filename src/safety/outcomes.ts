/**
 * What became of each object a changing call acted on. A call that acts on several objects (a bulk
 * action, an access change) reports one outcome per object in its result and in the audit log; a
 * partial failure never hides the objects that succeeded.
 */

export type TargetStatus =
  /** The change was made. */
  | 'done'
  /** Access or membership granted. */
  | 'added'
  /** Access or membership revoked. */
  | 'removed'
  /** It was already so; nothing was sent or JumpCloud answered that nothing changed. */
  | 'already'
  /** There was nothing to remove. */
  | 'absent'
  /** JumpCloud refused or failed this item; `reason` says why. */
  | 'failed'
  /** Not sent: the call was cancelled (or stopped) before this item. */
  | 'not_sent'
  /** Refused by this server before anything was sent (protected, cap, bad id). */
  | 'refused';

export interface TargetOutcome {
  kind: string;
  id: string;
  /** Username, hostname or group name, when known. */
  name?: string;
  /** For a member of a multi-object call: the argument that listed it (`add_users`). */
  role?: string;
  status: TargetStatus;
  /** Why it failed or was refused: sanitized text safe to show the model. */
  reason?: string;
}

/** A handler acting on several objects returns this; the gate audits each outcome. */
export interface MultiTargetResult {
  outcomes: TargetOutcome[];
  /** Anything else the result should say (a summary, a job id). */
  [key: string]: unknown;
}

export function isMultiTargetResult(value: unknown): value is MultiTargetResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { outcomes?: unknown }).outcomes)
  );
}
