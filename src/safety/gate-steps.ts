/**
 * The gate's steps, in order: expandTargets, checkToken, guardrails, resolveTargets, protect,
 * preflight, confirm. Each takes the call's record and returns it, updated, or a stop. Nothing
 * that changes anything is sent upstream by any step; only expandTargets (a group's members) and
 * resolveTargets read.
 */
import { CONFIRMATION_TOKEN_ARG, elicitationParams, previewResult } from './confirm-text.js';
import type { CallRecord, GateEnv, GateStep, StepResult } from './call-record.js';
import { refuse } from './call-record.js';
import {
  invalidIdReason,
  invalidMemberIdReason,
  memberArgsReason,
  protectedReason,
  protectionNeedsNames,
  tooManyObjects,
} from './guardrails.js';
import { canResolve, resolveTarget, TargetLookupError } from './resolve-target.js';
import type { ResolvedTarget } from './resolve-target.js';
import { NOTHING_DONE } from './results.js';
import {
  expandTargets,
  idsFromToken,
  namesGroup,
  needsConfirmation,
  withIds,
} from './bulk-targets.js';
import { mapLimit } from '../bulk/map-limit.js';

const USED = 'the confirmation_token was already used; each token confirms one call only';
const UNAVAILABLE =
  'confirmations are unavailable right now (the record of used confirmations cannot be reached or is full); try again in a few minutes';

/** How many objects of one call are looked up at once. */
const LOOKUP_CONCURRENCY = 4;

/**
 * A token is checked first and locally: one that does not match this exact call is refused as
 * such, and nothing is sent upstream for it. With elicitation the human answers instead.
 */
export const checkToken: GateStep = async (record, { tokens }) => {
  if (!needsConfirmation(record) || record.elicit || !record.token) return record;
  const fromToken = idsFromToken(record);
  const { targetIds, ...binding } = record.binding;
  const check = await tokens.check(record.token, fromToken ? binding : { ...binding, targetIds });
  const checked: CallRecord = { ...record, confirmation: 'token', tokenId: check.tokenId };
  if (!check.ok) {
    return refuse(
      checked,
      `Refused: ${check.reason}. ${NOTHING_DONE} Call ${record.tool.name} without ${CONFIRMATION_TOKEN_ARG} to get a new preview, and confirm it with the user.`,
    );
  }
  // A group's members as they were previewed: one added since is not acted on.
  const named = fromToken ? withIds(checked, check.targetIds) : checked;
  return { ...named, tokenExpiresAt: check.expiresAt };
};

/** Checks the tool makes on the looked-up objects before anything is confirmed (a Mac's PIN). */
export const preflight: GateStep = (record) => {
  const check = record.tool.preflight;
  if (!check) return record;
  const targets = record.targets
    .filter((t) => t.role === undefined)
    .map(({ kind, id, name, record: found }) => ({ kind, id, name, record: found }));
  const reason = check({ args: record.args, targets });
  return reason === undefined ? record : refuse(record, reason);
};

/** Well-formed ids, member lists, the object cap and protection by id: no upstream call needed. */
export const guardrails: GateStep = (record, { protection, maxObjectsPerCall }) => {
  const { tool, ids, members } = record;
  const { kinds } = protection;
  const badId = invalidIdReason({ tool, ids, kinds });
  if (badId) return refuse(record, `${badId} ${NOTHING_DONE}`);
  const badMembers =
    memberArgsReason({ tool, args: record.args, members, kinds }) ??
    invalidMemberIdReason(members, kinds);
  if (badMembers) return refuse(record, `${badMembers} ${NOTHING_DONE}`);
  // A group is the place of the change; the cap counts the objects whose access changes.
  const count = tool.target?.members ? members.length : ids.length;
  const tooMany = tooManyObjects(count, maxObjectsPerCall);
  if (tooMany) return refuse(record, `${tooMany} ${NOTHING_DONE}`);
  for (const target of record.targets) {
    const reason = protectedReason({ target, protection });
    if (reason) return refuse(record, `${reason} ${NOTHING_DONE}`);
  }
  return record;
};

/**
 * Names the objects: for the human, for protection by name, for the audit trail. A failed lookup
 * refuses a call that needs confirmation (it never runs on a guess) and one whose protection needs names;
 * other calls go on by id.
 */
export const resolveTargets: GateStep = async (record, { protection }) => {
  const { kinds } = protection;
  const { tool, deps } = record;
  const resolvable = record.targets.filter((t) => canResolve(kinds, t.kind));
  if (resolvable.length === 0) return record;
  const required =
    needsConfirmation(record) || resolvable.some((t) => protectionNeedsNames(t.kind, protection));
  try {
    // A few lookups at a time: a set of objects is named in a fraction of the time, in order.
    const targets = await mapLimit(
      record.targets,
      LOOKUP_CONCURRENCY,
      async (target): Promise<ResolvedTarget> => {
        const found = await resolveTarget({
          kinds,
          kind: target.kind,
          id: target.id,
          api: deps.api,
          signal: deps.signal,
        });
        return target.role === undefined ? found : { ...found, role: target.role };
      },
    );
    return { ...record, targets };
  } catch (error) {
    if (required) {
      const message =
        error instanceof TargetLookupError ? error.message : 'The object could not be looked up.';
      return refuse(record, `${message} ${NOTHING_DONE}`);
    }
    deps.ctx.logger.warn(
      { tool: tool.name, err: error },
      'target lookup failed; proceeding without names',
    );
    return record;
  }
};

/** Protection by the names and aliases the lookup found. */
export const protect: GateStep = (record, { protection }) => {
  for (const target of record.targets) {
    const reason = protectedReason({ target, protection });
    if (reason) return refuse(record, `${reason} ${NOTHING_DONE}`);
  }
  return record;
};

function subject(record: CallRecord, env: GateEnv) {
  const { tool, targets, args } = record;
  return { tool, targets, args, kinds: env.protection.kinds, orgId: record.deps.ctx.orgId };
}

async function confirmByElicitation(record: CallRecord, env: GateEnv): Promise<StepResult> {
  const asked: CallRecord = { ...record, confirmation: 'elicitation' };
  let answer;
  try {
    answer = await asked.elicit!(elicitationParams(subject(asked, env)));
  } catch {
    return refuse(
      asked,
      `The confirmation request to the user could not be completed. ${NOTHING_DONE}`,
    );
  }
  if (answer.action !== 'accept') {
    const verb = answer.action === 'decline' ? 'declined' : 'cancelled';
    return refuse(asked, `The user ${verb} the confirmation. ${NOTHING_DONE}`);
  }
  if (answer.content?.confirm !== true) {
    return refuse(asked, `The user did not confirm. ${NOTHING_DONE}`);
  }
  if (asked.deps.signal.aborted) return refuse(asked, `The request was cancelled. ${NOTHING_DONE}`);
  return asked;
}

/**
 * Single use, on every replica that shares the store: the token's id is claimed right before the
 * call executes, and remembered until the token expires (plus a second for clocks that differ).
 * A store that cannot answer refuses the call (fail closed).
 */
async function confirmByToken(
  record: CallRecord & { tokenId: string; tokenExpiresAt: Date },
  { usedTokens, now }: GateEnv,
): Promise<StepResult> {
  if (record.deps.signal.aborted)
    return refuse(record, `The request was cancelled. ${NOTHING_DONE}`);
  const ttlMs = Math.max(1_000, record.tokenExpiresAt.getTime() - now() + 1_000);
  let first: boolean;
  try {
    first = await usedTokens.claim(record.tokenId, ttlMs);
  } catch (error) {
    record.deps.ctx.logger.error(
      { tool: record.tool.name, err: error },
      'the used-token store could not answer; the confirmation was refused',
    );
    return refuse(record, `Refused: ${UNAVAILABLE}. ${NOTHING_DONE}`);
  }
  if (!first) return refuse(record, `Refused: ${USED}. ${NOTHING_DONE}`);
  return record;
}

/** A first call that needs confirmation: a signed token and a preview for the human; nothing runs. */
async function preview(record: CallRecord, env: GateEnv): Promise<StepResult> {
  const issued = await env.tokens.issue({ ...record.binding, listTargets: namesGroup(record) });
  return {
    stop: 'previewed',
    record: { ...record, tokenId: issued.tokenId },
    result: previewResult({
      subject: subject(record, env),
      token: issued.token,
      expiresAt: issued.expiresAt,
      ttlSeconds: env.ttlSeconds,
    }),
  };
}

/**
 * Destructive calls and changes to a set of objects need a confirmation the model cannot give
 * itself: the human's answer to an elicitation, or a server-signed token from a preview. Other
 * mutating calls go ahead.
 */
export const confirm: GateStep = (record, env) => {
  if (!needsConfirmation(record)) return record;
  if (record.elicit) return confirmByElicitation(record, env);
  const { tokenId, tokenExpiresAt } = record;
  if (record.confirmation === 'token' && tokenId !== undefined && tokenExpiresAt !== undefined) {
    return confirmByToken({ ...record, tokenId, tokenExpiresAt }, env);
  }
  return preview(record, env);
};

/** The steps in the order the gate runs them. */
export const GATE_STEPS: readonly GateStep[] = [
  expandTargets,
  checkToken,
  guardrails,
  resolveTargets,
  protect,
  preflight,
  confirm,
];
