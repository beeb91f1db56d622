/**
 * One call as it passes the gate: what was asked, what the gate has learned so far (the objects
 * named, how it was confirmed) and, at the end, whether it goes ahead. Each step of the gate takes
 * the record and returns it (go on) or a stop (a refusal, a preview).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { ToolDefinition, ToolDeps } from '../registry/types.js';
import type { UsedTokenStore } from '../store/types.js';
import type { AuditTarget, ConfirmationMethod } from './audit.js';
import type { ConfirmationTokens, TokenBinding } from './confirmation-token.js';
import type { MemberRef, Protection } from './guardrails.js';
import type { ResolvedTarget } from './resolve-target.js';
import type { Elicit } from './types.js';

export interface CallRecord {
  tool: ToolDefinition;
  /** The arguments without the confirmation token: what the handler gets and the token binds. */
  args: Record<string, unknown>;
  deps: ToolDeps;
  elicit?: Elicit;
  /** The confirmation token the model passed, if any. */
  token?: string;
  /** The target argument's ids. */
  ids: string[];
  /** The objects listed in member arguments (users added to a group). */
  members: MemberRef[];
  /** Every object, by id until looked up, then by name. */
  targets: ResolvedTarget[];
  binding: TokenBinding;
  confirmation: ConfirmationMethod;
  tokenId?: string;
  /** When the checked token expires (its id is claimed until then). */
  tokenExpiresAt?: Date;
  /** A confirming call that names a group: its objects are the ones its token was issued for. */
  pendingGroup?: string;
}

/** What the steps share: the configuration of this gate. */
export interface GateEnv {
  tokens: ConfirmationTokens;
  usedTokens: UsedTokenStore;
  ttlSeconds: number;
  protection: Protection;
  maxObjectsPerCall: number;
  auditLogger: Logger;
  now: () => number;
}

export type Stop =
  | { stop: 'refused'; reason: string; record: CallRecord }
  | { stop: 'previewed'; result: CallToolResult; record: CallRecord };

export type StepResult = CallRecord | Stop;

/** One named step of the gate. */
export type GateStep = (record: CallRecord, env: GateEnv) => StepResult | Promise<StepResult>;

export function isStop(result: StepResult): result is Stop {
  return 'stop' in result;
}

export function refuse(record: CallRecord, reason: string): Stop {
  return { stop: 'refused', reason, record };
}

export function auditTargets(targets: readonly ResolvedTarget[]): AuditTarget[] {
  return targets.map((t) => {
    const entry: AuditTarget = { kind: t.kind, id: t.id };
    if (t.name !== undefined) entry.name = t.name;
    if (t.email !== undefined) entry.email = t.email;
    if (t.role !== undefined) entry.role = t.role;
    return entry;
  });
}
