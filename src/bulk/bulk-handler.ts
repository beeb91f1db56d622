/**
 * One handler for a tool that acts on one object or on several. With its id argument it is the
 * tool's own handler, exactly as before. With `ids` (the safety layer puts a group's members there
 * too) it sends the set to `many` (JumpCloud's bulk endpoint for it) or else the tool's handler
 * once per id, at most BULK_CONCURRENCY at a time, and reports one outcome per id. A write is never
 * retried; a failure never hides the ids that succeeded; after a cancellation no further id is
 * sent, and those left are reported `not_sent`.
 */
import type { ToolDeps } from '../registry/types.js';
import type { MultiTargetResult, TargetOutcome, TargetStatus } from '../safety/outcomes.js';
import { ToolError } from '../upstream/errors.js';
import { mapLimit } from './map-limit.js';

/** How many single requests of one call are in flight at once. */
export const BULK_CONCURRENCY = 4;

export const NOT_SENT_REASON = 'The request was cancelled before this one was sent.';
const IN_FLIGHT_REASON =
  'The request was cancelled while this one was in flight; JumpCloud may or may not have applied it. Check it before acting again.';

/** A handler for a whole set of ids (a JumpCloud bulk endpoint). */
export type ManyHandler<Api> = (input: {
  ids: readonly string[];
  kind: string;
  /** The other arguments of the call (no id argument, no ids). */
  args: Record<string, unknown>;
  deps: ToolDeps<Api>;
}) => Promise<TargetOutcome[]>;

/**
 * Why one item's request failed, safe to show the model: a ToolError's own text, else a plain
 * sentence (the fault is logged so it is not lost), never a stack or an upstream body.
 */
export function failureReason(error: unknown, deps: Pick<ToolDeps, 'signal' | 'ctx'>): string {
  if (deps.signal.aborted) return IN_FLIGHT_REASON;
  if (error instanceof ToolError) return error.message;
  deps.ctx.logger.error(
    { err: error },
    'one item of a call on several objects failed unexpectedly',
  );
  return 'The request failed unexpectedly.';
}

/** The outcome of one id whose request threw. */
export function failedOutcome({
  kind,
  id,
  error,
  deps,
}: {
  kind: string;
  id: string;
  error: unknown;
  deps: Pick<ToolDeps, 'signal' | 'ctx'>;
}): TargetOutcome {
  return { kind, id, status: 'failed', reason: failureReason(error, deps) };
}

/**
 * Runs `run` once per id, at most `concurrency` at a time, in order of the ids; an id not started
 * when the call is cancelled is `not_sent`. Progress goes out as each id finishes.
 */
export async function eachTarget<Api>({
  ids,
  kind,
  deps,
  run,
  concurrency = BULK_CONCURRENCY,
}: {
  ids: readonly string[];
  kind: string;
  deps: ToolDeps<Api>;
  run: (id: string) => Promise<unknown>;
  concurrency?: number;
}): Promise<TargetOutcome[]> {
  let finished = 0;
  const outcomes = await mapLimit(ids, concurrency, async (id): Promise<TargetOutcome> => {
    if (deps.signal.aborted) return { kind, id, status: 'not_sent', reason: NOT_SENT_REASON };
    let outcome: TargetOutcome;
    try {
      await run(id);
      outcome = { kind, id, status: 'done' };
    } catch (error) {
      outcome = failedOutcome({ kind, id, error, deps });
    }
    finished += 1;
    deps.progress?.({ progress: finished, total: ids.length });
    return outcome;
  });
  return outcomes;
}

/** Every id `not_sent`: the call was cancelled before anything went out. */
export function notSent(kind: string, ids: readonly string[]): TargetOutcome[] {
  return ids.map((id) => ({ kind, id, status: 'not_sent', reason: NOT_SENT_REASON }));
}

/** The result of a call on several objects: how many ended how, then one row per object. */
export function bulkResult({
  outcomes,
  deps,
}: {
  outcomes: readonly TargetOutcome[];
  deps: Pick<ToolDeps, 'targets'>;
}): MultiTargetResult {
  const names = new Map((deps.targets ?? []).map((t) => [`${t.kind}\n${t.id}`, t.name]));
  const counts: Partial<Record<TargetStatus, number>> = {};
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return {
    ...counts,
    outcomes: outcomes.map((o) => {
      const name = o.name ?? names.get(`${o.kind}\n${o.id}`);
      const { kind, id, status, reason } = o;
      return {
        kind,
        id,
        ...(name === undefined ? {} : { name }),
        status,
        ...(reason === undefined ? {} : { reason }),
      };
    }),
  };
}

/**
 * The handler of a tool with `bulk:` in the manifest (codegen emits the call): `one` is the tool's
 * own handler for one id, `many` the optional handler for a set.
 */
export function bulkHandler<A extends object, Api, K extends string>({
  idArg,
  idsArg,
  kind,
  one,
  many,
}: {
  idArg: K;
  idsArg: string;
  kind: string;
  one: (args: A & Record<K, string>, deps: ToolDeps<Api>) => Promise<unknown>;
  many?: ManyHandler<Api>;
}): (args: A, deps: ToolDeps<Api>) => Promise<unknown> {
  return async (args, deps) => {
    const ids = (args as Record<string, unknown>)[idsArg];
    if (!Array.isArray(ids)) return one(args as A & Record<K, string>, deps);
    const rest = { ...args } as Record<string, unknown>;
    delete rest[idArg];
    delete rest[idsArg];
    const list = ids.filter((id): id is string => typeof id === 'string');
    const outcomes = deps.signal.aborted
      ? notSent(kind, list)
      : many
        ? await many({ ids: list, kind, args: rest, deps })
        : await eachTarget({
            ids: list,
            kind,
            deps,
            run: (id) => one({ ...rest, [idArg]: id } as A & Record<K, string>, deps),
          });
    return bulkResult({ outcomes, deps });
  };
}
