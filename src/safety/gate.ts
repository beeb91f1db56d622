/**
 * The gate before a handler runs. Read-only tools pass. Mutating tools pass the guardrails first
 * (object cap, protected users and devices). Destructive tools then need a confirmation the model
 * cannot give itself: the human's answer to an elicitation, or a server-signed token from a
 * preview. Every mutating call leaves exactly one audit record.
 */
import type { Logger } from 'pino';
import { isReadOnlyTool } from '../registry/select.js';
import type { AuditTarget, ConfirmationMethod } from './audit.js';
import { writeAudit } from './audit.js';
import { canonicalHash } from './canonical-json.js';
import { CONFIRMATION_TOKEN_ARG, elicitationParams, previewResult } from './confirm-text.js';
import type { ConfirmationTokens, TokenBinding } from './confirmation-token.js';
import type { ProtectedObjects } from './guardrails.js';
import {
  invalidIdReason,
  invalidMemberIdReason,
  memberArgsReason,
  memberRefs,
  protectedReason,
  protectionNeedsNames,
  targetIds,
  tooManyObjects,
} from './guardrails.js';
import { NOTHING_DONE, refusal } from './results.js';
import { canResolve, resolveTarget, TargetLookupError } from './resolve-target.js';
import type { ResolvedTarget } from './resolve-target.js';
import type { CallOutcome, GateDecision, GateInput } from './types.js';

export interface GateSettings {
  tokens: ConfirmationTokens;
  ttlSeconds: number;
  protectedObjects: ProtectedObjects;
  maxObjectsPerCall: number;
  auditLogger: Logger;
}

function auditTargets(targets: readonly ResolvedTarget[]): AuditTarget[] {
  return targets.map((t) => {
    const entry: AuditTarget = { kind: t.kind, id: t.id };
    if (t.name !== undefined) entry.name = t.name;
    if (t.email !== undefined) entry.email = t.email;
    if (t.role !== undefined) entry.role = t.role;
    return entry;
  });
}

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

export function createGate(settings: GateSettings): (input: GateInput) => Promise<GateDecision> {
  const { tokens, protectedObjects: guarded, auditLogger } = settings;

  return async function gate({
    tool,
    args,
    deps,
    elicit,
    selection,
  }: GateInput): Promise<GateDecision> {
    const { rest, token } = splitToken(args);
    const mutating = !isReadOnlyTool(tool);
    const kind = tool.target?.kind ?? 'object';
    const ids = targetIds(tool, rest);
    // Objects changed besides the target (users added to or removed from a group).
    const members = memberRefs(tool, rest);
    // Ids only until the objects are looked up; there are none without a target.
    let targets: ResolvedTarget[] = tool.target
      ? [
          ...ids.map((id) => ({
            kind: kind as ResolvedTarget['kind'],
            id,
            aliases: [],
            state: [],
          })),
          ...members.map(({ kind: k, id, arg }) => ({
            kind: k,
            id,
            aliases: [],
            state: [],
            role: arg,
          })),
        ]
      : [];
    let confirmation: ConfirmationMethod = 'none';
    let tokenId: string | undefined;

    const refuse = (reason: string): GateDecision => {
      if (mutating) {
        writeAudit(auditLogger, {
          tool,
          ctx: deps.ctx,
          outcome: 'refused',
          reason,
          targets: auditTargets(targets),
          confirmation,
          tokenId,
        });
      }
      return { action: 'respond', result: refusal(reason) };
    };

    const execute = (): GateDecision => {
      let reported = false;
      return {
        action: 'execute',
        args: rest,
        done(outcome: CallOutcome): void {
          if (!mutating || reported) return;
          reported = true;
          writeAudit(auditLogger, {
            tool,
            ctx: deps.ctx,
            outcome: outcome.ok ? 'executed' : 'failed',
            reason: outcome.ok ? undefined : outcome.error,
            targets: auditTargets(targets),
            confirmation,
            tokenId,
          });
        },
      };
    };

    const unavailable = selection?.whyNot(tool.name);
    if (unavailable !== undefined) return refuse(unavailable);
    if (!mutating) return execute();

    const destructive = tool.annotations.destructiveHint;
    const binding: TokenBinding = {
      tool: tool.name,
      argsHash: canonicalHash(rest),
      principalFingerprint: deps.ctx.principal.fingerprint,
      orgId: deps.ctx.orgId ?? '',
      targetIds: [...ids, ...members.map((m) => m.id)],
    };

    // A token is checked first and locally: one that does not match this exact call is refused
    // as such, and nothing is sent upstream for it.
    const check = destructive && !elicit && token ? await tokens.check(token, binding) : undefined;
    if (check) {
      confirmation = 'token';
      tokenId = check.tokenId;
      if (!check.ok) {
        return refuse(
          `Refused: ${check.reason}. ${NOTHING_DONE} Call ${tool.name} without ${CONFIRMATION_TOKEN_ARG} to get a new preview, and confirm it with the user.`,
        );
      }
    }

    // Guardrails that need no upstream call (a valid token does not lift them).
    const badId = invalidIdReason({ tool, ids });
    if (badId) return refuse(`${badId} ${NOTHING_DONE}`);
    const badMembers = memberArgsReason({ tool, members }) ?? invalidMemberIdReason(members);
    if (badMembers) return refuse(`${badMembers} ${NOTHING_DONE}`);
    // A group is the place of the change; the cap counts the objects whose access changes.
    const count = tool.target?.members ? members.length : ids.length;
    const tooMany = tooManyObjects(count, settings.maxObjectsPerCall);
    if (tooMany) return refuse(`${tooMany} ${NOTHING_DONE}`);
    for (const target of targets) {
      const reason = protectedReason({ kind: target.kind, id: target.id, objects: guarded });
      if (reason) return refuse(`${reason} ${NOTHING_DONE}`);
    }

    // Name the objects: for the human, for protection by name, for the audit trail.
    const resolvable = targets.filter((t) => canResolve(t.kind));
    if (resolvable.length > 0) {
      const required = destructive || resolvable.some((t) => protectionNeedsNames(t.kind, guarded));
      try {
        const resolved: ResolvedTarget[] = [];
        for (const target of targets) {
          const found = await resolveTarget({
            kind: target.kind,
            id: target.id,
            api: deps.api,
            signal: deps.signal,
          });
          resolved.push(target.role === undefined ? found : { ...found, role: target.role });
        }
        targets = resolved;
      } catch (error) {
        if (required) {
          const message =
            error instanceof TargetLookupError
              ? error.message
              : 'The object could not be looked up.';
          return refuse(`${message} ${NOTHING_DONE}`);
        }
        deps.ctx.logger.warn(
          { tool: tool.name, err: error },
          'target lookup failed; proceeding without names',
        );
      }
      for (const target of targets) {
        const reason = protectedReason({
          kind: target.kind,
          id: target.id,
          resolved: target,
          objects: guarded,
        });
        if (reason) return refuse(`${reason} ${NOTHING_DONE}`);
      }
    }

    if (!destructive) return execute();

    if (elicit) {
      confirmation = 'elicitation';
      let answer;
      try {
        answer = await elicit(
          elicitationParams({ tool, targets, args: rest, orgId: deps.ctx.orgId }),
        );
      } catch {
        return refuse(
          `The confirmation request to the user could not be completed. ${NOTHING_DONE}`,
        );
      }
      if (answer.action !== 'accept') {
        return refuse(
          `The user ${answer.action === 'decline' ? 'declined' : 'cancelled'} the confirmation. ${NOTHING_DONE}`,
        );
      }
      if (answer.content?.confirm !== true) {
        return refuse(`The user did not confirm. ${NOTHING_DONE}`);
      }
      if (deps.signal.aborted) return refuse(`The request was cancelled. ${NOTHING_DONE}`);
      return execute();
    }

    if (check?.ok) {
      const notConsumed = check.consume();
      if (notConsumed) return refuse(`Refused: ${notConsumed}. ${NOTHING_DONE}`);
      return execute();
    }

    const issued = await tokens.issue(binding);
    tokenId = issued.tokenId;
    writeAudit(auditLogger, {
      tool,
      ctx: deps.ctx,
      outcome: 'previewed',
      targets: auditTargets(targets),
      confirmation: 'none',
      tokenId,
    });
    return {
      action: 'respond',
      result: previewResult({
        tool,
        targets,
        args: rest,
        token: issued.token,
        expiresAt: issued.expiresAt,
        ttlSeconds: settings.ttlSeconds,
        orgId: deps.ctx.orgId,
      }),
    };
  };
}
