/**
 * The gate before a handler runs. Read-only tools pass. Mutating tools pass the steps of
 * gate-steps.ts (checkToken, guardrails, resolveTargets, protect, confirm) over one CallRecord;
 * any step can stop the call with a refusal or a preview. Every mutating call leaves audit
 * records: one per object it named, whatever became of it.
 */
import { isReadOnlyTool } from '../registry/select.js';
import { sameOutcome, writeAudit } from './audit.js';
import type { AuditItem, AuditOutcome, AuditTarget } from './audit.js';
import { canonicalHash } from './canonical-json.js';
import { CONFIRMATION_TOKEN_ARG } from './confirm-text.js';
import { auditTargets, isStop } from './call-record.js';
import type { CallRecord, GateEnv, Stop } from './call-record.js';
import { GATE_STEPS } from './gate-steps.js';
import { handlerArgs } from './bulk-targets.js';
import { memberRefs, targetIds } from './guardrails.js';
import { isMultiTargetResult } from './outcomes.js';
import type { TargetOutcome, TargetStatus } from './outcomes.js';
import { refusal } from './results.js';
import type { CallOutcome, GateDecision, GateInput } from './types.js';

export type GateSettings = GateEnv;

function splitToken(args: Record<string, unknown>): {
  rest: Record<string, unknown>;
  token: string | undefined;
} {
  const { [CONFIRMATION_TOKEN_ARG]: token, ...rest } = args;
  return {
    rest,
    token: typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined,
  };
}

/** The record a call starts with: its objects by id, nothing confirmed. */
export function startRecord({ tool, args, deps, elicit }: GateInput): CallRecord {
  const { rest, token } = splitToken(args);
  const ids = targetIds(tool, rest);
  const members = memberRefs(tool, rest);
  const kind = tool.target?.kind ?? 'object';
  return {
    tool,
    args: rest,
    deps,
    elicit,
    token,
    ids,
    members,
    targets: tool.target
      ? [
          ...ids.map((id) => ({ kind, id, aliases: [], state: [] })),
          ...members.map(({ kind: k, id, arg }) => ({
            kind: k,
            id,
            aliases: [],
            state: [],
            role: arg,
          })),
        ]
      : [],
    binding: {
      tool: tool.name,
      // Read only when a confirmation is issued or checked: a read-only call never hashes.
      get argsHash() {
        const hash = canonicalHash(rest);
        Object.defineProperty(this, 'argsHash', { value: hash, enumerable: true });
        return hash;
      },
      principalFingerprint: deps.ctx.principal.fingerprint,
      orgId: deps.ctx.orgId ?? '',
      targetIds: [...ids, ...members.map((m) => m.id)],
    },
    confirmation: 'none',
  };
}

/** A read's outcome is not audited. */
const readDone = (): void => {};

const OUTCOME_OF_STATUS: Record<TargetStatus, AuditOutcome> = {
  done: 'executed',
  added: 'executed',
  removed: 'executed',
  already: 'executed',
  absent: 'executed',
  failed: 'failed',
  not_sent: 'not_sent',
  refused: 'refused',
};

/**
 * One audit item per outcome the handler reported, named as the gate looked the object up; the
 * call's own objects the handler did not report on (the group whose members changed) executed.
 */
function outcomeItems(
  targets: readonly AuditTarget[],
  outcomes: readonly TargetOutcome[],
): AuditItem[] {
  const key = (t: { kind: string; id: string; role?: string }) =>
    `${t.kind}\n${t.id}\n${t.role ?? ''}`;
  const byId = (t: { kind: string; id: string }) => `${t.kind}\n${t.id}`;
  const known = new Map(targets.map((t) => [key(t), t]));
  const knownById = new Map(targets.map((t) => [byId(t), t]));
  const reported = new Set(outcomes.flatMap((o) => [key(o), key({ kind: o.kind, id: o.id })]));
  const unreported = targets
    .filter((t) => t.role === undefined && !reported.has(key(t)))
    .map((target): AuditItem => ({ target, outcome: 'executed' }));
  const items = outcomes.map((o): AuditItem => {
    const found = known.get(key(o)) ?? knownById.get(byId(o));
    const target: AuditTarget = found ? { ...found } : { kind: o.kind, id: o.id };
    if (target.name === undefined && o.name !== undefined) target.name = o.name;
    if (target.role === undefined && o.role !== undefined) target.role = o.role;
    return { target, outcome: OUTCOME_OF_STATUS[o.status], status: o.status, reason: o.reason };
  });
  return [...unreported, ...items];
}

function itemsFor(targets: readonly AuditTarget[], outcome: CallOutcome): AuditItem[] {
  if (!outcome.ok) return sameOutcome({ targets, outcome: 'failed', reason: outcome.error });
  const outcomes =
    outcome.outcomes ?? (isMultiTargetResult(outcome.result) ? outcome.result.outcomes : undefined);
  if (outcomes && outcomes.length > 0) return outcomeItems(targets, outcomes);
  return sameOutcome({ targets, outcome: 'executed' });
}

export function createGate(env: GateEnv): (input: GateInput) => Promise<GateDecision> {
  const audit = (record: CallRecord, items: AuditItem[]) =>
    writeAudit(
      env.auditLogger,
      {
        tool: record.tool,
        ctx: record.deps.ctx,
        confirmation: record.confirmation,
        tokenId: record.tokenId,
      },
      items,
    );

  const stopped = (stop: Stop): GateDecision => {
    const targets = auditTargets(stop.record.targets);
    if (stop.stop === 'previewed') {
      audit(stop.record, sameOutcome({ targets, outcome: 'previewed' }));
      return { action: 'respond', result: stop.result };
    }
    if (!isReadOnlyTool(stop.record.tool)) {
      audit(stop.record, sameOutcome({ targets, outcome: 'refused', reason: stop.reason }));
    }
    return { action: 'respond', result: refusal(stop.reason) };
  };

  const execute = (record: CallRecord): GateDecision => {
    let reported = false;
    return {
      action: 'execute',
      args: handlerArgs(record),
      targets: auditTargets(record.targets),
      done(outcome: CallOutcome): void {
        if (isReadOnlyTool(record.tool) || reported) return;
        reported = true;
        audit(record, itemsFor(auditTargets(record.targets), outcome));
      },
    };
  };

  return async function gate(input: GateInput): Promise<GateDecision> {
    const unavailable = input.selection?.whyNot(input.tool.name);
    // A read names no object to audit or confirm: it runs with its arguments as they are, unless
    // they carry a confirmation token (which the record strips) or the tool names a target.
    if (
      unavailable === undefined &&
      isReadOnlyTool(input.tool) &&
      !input.tool.target &&
      !(CONFIRMATION_TOKEN_ARG in input.args)
    ) {
      return { action: 'execute', args: input.args, targets: [], done: readDone };
    }
    let record = startRecord(input);
    if (unavailable !== undefined) return stopped({ stop: 'refused', reason: unavailable, record });
    if (isReadOnlyTool(input.tool)) return execute(record);
    for (const step of GATE_STEPS) {
      const result = await step(record, env);
      if (isStop(result)) return stopped(result);
      record = result;
    }
    return execute(record);
  };
}
