/**
 * The audit trail: structured records of every mutating call, whatever became of it, one record per
 * object the call acted on (a call on several objects leaves one per object, each naming the tool,
 * the object and what became of it). It has its own pino logger so it can be shipped apart from the
 * operational log.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import { stdioDestination } from '../logger.js';
import type { Principal } from '../auth/types.js';
import type { CallContext, ToolDefinition } from '../registry/types.js';
import type { TargetStatus } from './outcomes.js';

/** `not_sent`: the call ran but stopped before this object (cancelled). */
export type AuditOutcome = 'refused' | 'previewed' | 'executed' | 'failed' | 'not_sent';

/** How a destructive call was confirmed, if it was. */
export type ConfirmationMethod = 'none' | 'elicitation' | 'token';

export interface AuditTarget {
  kind: string;
  id: string;
  name?: string;
  email?: string;
  /** For a member of a multi-object call: the argument that listed it (`add`, `remove`). */
  role?: string;
}

/** Who made the call: the principal without its grant, plus the role the grant came from. */
export interface AuditPrincipal {
  kind: Principal['kind'];
  fingerprint: string;
  displayName: string;
  subject?: string;
  email?: string;
  clientId?: string;
  role?: string;
}

export function auditPrincipal(principal: Principal): AuditPrincipal {
  const named: AuditPrincipal = {
    kind: principal.kind,
    fingerprint: principal.fingerprint,
    displayName: principal.displayName,
  };
  if (principal.subject !== undefined) named.subject = principal.subject;
  if (principal.email !== undefined) named.email = principal.email;
  if (principal.clientId !== undefined) named.clientId = principal.clientId;
  if (principal.grant.role !== undefined) named.role = principal.grant.role;
  return named;
}

export interface AuditRecord {
  event: 'tool_call';
  tool: string;
  toolset: string;
  destructive: boolean;
  outcome: AuditOutcome;
  /** What the handler reported for this object (`added`, `already`, `failed`, ...). */
  status?: TargetStatus;
  /** Why it was refused, or the sanitized error of a failed execution (at most AUDIT_REASON_MAX characters). */
  reason?: string;
  /** The object this record is about; absent for a call without a target. */
  target?: AuditTarget;
  /** How many objects the call named, when more than one; its records share the requestId. */
  targetCount?: number;
  /** For a refused call naming more than AUDIT_TARGETS_MAX objects: how many got no record. */
  omittedTargets?: number;
  confirmation: ConfirmationMethod;
  /** The confirmation token's id (jti), never the token. */
  tokenId?: string;
  principal: AuditPrincipal;
  /** The MSP organization acted on (`?organizationID=`), or null for the credential's own. */
  orgId: string | null;
  clientName: string;
  requestId: string;
}

/**
 * Writes to `stdout`, `stderr` or a file path (appended, created with its folder if missing). The
 * audit trail does not follow the operational log level: every record is kept unless `level` is
 * `silent`.
 */
export function createAuditLogger({
  destination = 'stdout',
  level,
}: { destination?: string; level?: string } = {}): Logger {
  // Written synchronously: mutating calls are few, and a crash must not lose their records.
  const stream =
    destination === 'stdout'
      ? stdioDestination(1)
      : destination === 'stderr'
        ? stdioDestination(2)
        : pino.destination({ dest: destination, mkdir: true, append: true, sync: true });
  return pino(
    { name: 'audit', level: level === 'silent' ? 'silent' : 'info', base: { log: 'audit' } },
    stream,
  );
}

/**
 * Releases a file destination of createAuditLogger once the server is closed (every record is
 * already written: the destination is synchronous). stdout and stderr stay open.
 */
export async function closeAuditLogger(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    | { fd?: number; destroyed?: boolean; end(): void; once(event: 'close', f: () => void): void }
    | undefined;
  if (!stream || typeof stream.end !== 'function' || stream.destroyed) return;
  if (stream.fd === 1 || stream.fd === 2) return;
  await new Promise<void>((resolve) => {
    stream.once('close', resolve);
    stream.end();
  });
}

/** Most objects of one refused call that get a record; the rest are counted in `omittedTargets`. */
export const AUDIT_TARGETS_MAX = 25;
/** Longest reason kept in a record. */
export const AUDIT_REASON_MAX = 500;
/** Longest id kept in a record (a refused id can be anything the model sent). */
const AUDIT_ID_MAX = 100;

/** What all records of one call share. */
export interface AuditCall {
  tool: ToolDefinition;
  ctx: CallContext;
  confirmation: ConfirmationMethod;
  /** The confirmation token's id (jti), never the token. */
  tokenId?: string;
}

/** What became of one object of the call (or of the call, when it has no target). */
export interface AuditItem {
  target?: AuditTarget;
  outcome: AuditOutcome;
  status?: TargetStatus;
  reason?: string;
}

function clip(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function boundedTarget(target: AuditTarget): AuditTarget {
  return target.id.length <= AUDIT_ID_MAX
    ? target
    : { ...target, id: clip(target.id, AUDIT_ID_MAX) };
}

/** The same outcome for every target; one item without a target when there is none. */
export function sameOutcome({
  targets,
  outcome,
  reason,
}: {
  targets: readonly AuditTarget[];
  outcome: AuditOutcome;
  reason?: string;
}): AuditItem[] {
  if (targets.length === 0) return [{ outcome, reason }];
  return targets.map((target) => ({ target, outcome, reason }));
}

/**
 * The records of one call, bounded: a refused call gets records for its first AUDIT_TARGETS_MAX
 * objects and one more saying how many were left out; every reason is clipped.
 */
export function auditRecords(call: AuditCall, items: readonly AuditItem[]): AuditRecord[] {
  const refusedOnly = items.every((item) => item.outcome === 'refused');
  const kept = refusedOnly ? items.slice(0, AUDIT_TARGETS_MAX) : items;
  const omitted = items.length - kept.length;
  const targetCount = items.filter((item) => item.target !== undefined).length;
  const base = {
    event: 'tool_call' as const,
    tool: call.tool.name,
    toolset: call.tool.toolset,
    destructive: call.tool.annotations.destructiveHint,
  };
  const context = {
    confirmation: call.confirmation,
    ...(call.tokenId === undefined ? {} : { tokenId: call.tokenId }),
    principal: auditPrincipal(call.ctx.principal),
    orgId: call.ctx.orgId ?? null,
    clientName: call.ctx.clientName,
    requestId: call.ctx.requestId,
  };
  const record = (item: AuditItem, extra: Partial<AuditRecord> = {}): AuditRecord => ({
    ...base,
    outcome: item.outcome,
    ...(item.status === undefined ? {} : { status: item.status }),
    ...(item.reason === undefined ? {} : { reason: clip(item.reason, AUDIT_REASON_MAX) }),
    ...(item.target === undefined ? {} : { target: boundedTarget(item.target) }),
    ...(targetCount > 1 ? { targetCount } : {}),
    ...extra,
    ...context,
  });
  const records = kept.map((item) => record(item));
  if (omitted > 0) {
    records.push(
      record({ outcome: 'refused', reason: items[0]?.reason }, { omittedTargets: omitted }),
    );
  }
  return records;
}

export function writeAudit(logger: Logger, call: AuditCall, items: readonly AuditItem[]): void {
  for (const record of auditRecords(call, items)) {
    const message = `${record.tool} ${record.outcome}`;
    if (record.outcome === 'executed' || record.outcome === 'previewed')
      logger.info(record, message);
    else logger.warn(record, message);
  }
}
