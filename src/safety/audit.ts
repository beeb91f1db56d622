/**
 * The audit trail: one structured record per mutating call, whatever became of it. It has its own
 * pino logger so it can be shipped apart from the operational log.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { CallContext, ToolDefinition } from '../registry/types.js';

export type AuditOutcome = 'refused' | 'previewed' | 'executed' | 'failed';

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

export interface AuditRecord {
  event: 'tool_call';
  tool: string;
  toolset: string;
  destructive: boolean;
  outcome: AuditOutcome;
  /** Why it was refused, or the sanitized error of a failed execution. */
  reason?: string;
  targets: AuditTarget[];
  confirmation: ConfirmationMethod;
  /** The confirmation token's id (jti), never the token. */
  tokenId?: string;
  keyFingerprint: string;
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
  mixin,
}: {
  destination?: string;
  level?: string;
  /** Fields added to every record (e.g. the signed-in person of the current request). */
  mixin?: () => object;
} = {}): Logger {
  // Written synchronously: mutating calls are few, and a crash must not lose their records.
  const stream =
    destination === 'stdout'
      ? pino.destination(1)
      : destination === 'stderr'
        ? pino.destination(2)
        : pino.destination({ dest: destination, mkdir: true, append: true, sync: true });
  return pino(
    {
      name: 'audit',
      level: level === 'silent' ? 'silent' : 'info',
      base: { log: 'audit' },
      ...(mixin ? { mixin } : {}),
    },
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

export interface AuditEntry {
  tool: ToolDefinition;
  ctx: CallContext;
  outcome: AuditOutcome;
  targets: AuditTarget[];
  confirmation: ConfirmationMethod;
  reason?: string;
  tokenId?: string;
}

export function auditRecord(entry: AuditEntry): AuditRecord {
  const record: AuditRecord = {
    event: 'tool_call',
    tool: entry.tool.name,
    toolset: entry.tool.toolset,
    destructive: entry.tool.annotations.destructiveHint,
    outcome: entry.outcome,
    targets: entry.targets,
    confirmation: entry.confirmation,
    keyFingerprint: entry.ctx.keyFingerprint,
    orgId: entry.ctx.orgId ?? null,
    clientName: entry.ctx.clientName,
    requestId: entry.ctx.requestId,
  };
  if (entry.reason !== undefined) record.reason = entry.reason;
  if (entry.tokenId !== undefined) record.tokenId = entry.tokenId;
  return record;
}

export function writeAudit(logger: Logger, entry: AuditEntry): void {
  const record = auditRecord(entry);
  const message = `${record.tool} ${record.outcome}`;
  if (record.outcome === 'failed' || record.outcome === 'refused') logger.warn(record, message);
  else logger.info(record, message);
}
