/**
 * Changes sent one upstream request per item, in order, each at most once (a write is never
 * retried): the item's outcome comes from JumpCloud's answer, a failure keeps its sanitized
 * reason and never stops the items after it, and once the call is cancelled the items left are
 * not sent. Group member changes and access changes share it.
 */
import type { ToolDeps } from '../registry/types.js';
import type { TargetStatus } from '../safety/outcomes.js';
import { failureReason, NOT_SENT_REASON } from '../bulk/bulk-handler.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';

export type ChangeOp = 'add' | 'remove';

/** One item to change, and how to send it. */
export interface ItemChange<Item> {
  item: Item;
  op: ChangeOp;
  send(signal: AbortSignal): Promise<FetchResult<unknown>>;
}

/** What became of one item. */
export interface ItemResult<Item> {
  item: Item;
  op: ChangeOp;
  status: Extract<TargetStatus, 'added' | 'removed' | 'already' | 'absent' | 'failed' | 'not_sent'>;
  /** Why it failed or was not sent (sanitized). */
  reason?: string;
}

/**
 * JumpCloud's V2 graph answers: 2xx made the change; 409 on add (`Already Exists`) and 404 on
 * remove (no such association) change nothing.
 */
export function graphOutcome(
  op: ChangeOp,
  status: number,
): ItemResult<unknown>['status'] | undefined {
  if (status >= 200 && status < 300) return op === 'add' ? 'added' : 'removed';
  if (op === 'add' && status === 409) return 'already';
  if (op === 'remove' && status === 404) return 'absent';
  return undefined;
}

async function sendOne<Item>(
  change: ItemChange<Item>,
  deps: Pick<ToolDeps, 'ctx' | 'signal'>,
): Promise<ItemResult<Item>> {
  const { item, op } = change;
  try {
    const answer = await change.send(deps.signal);
    const status = graphOutcome(op, answer.response.status);
    if (status) return { item, op, status };
    unwrap(answer);
    return { item, op, status: 'failed', reason: 'JumpCloud gave an unexpected answer.' };
  } catch (error) {
    return { item, op, status: 'failed', reason: failureReason(error, deps) };
  }
}

/** Sends each change in order, one at a time, and reports every item. */
export async function sendEach<Item>(
  changes: readonly ItemChange<Item>[],
  deps: Pick<ToolDeps, 'ctx' | 'signal'>,
): Promise<ItemResult<Item>[]> {
  const results: ItemResult<Item>[] = [];
  for (const change of changes) {
    if (deps.signal.aborted) {
      results.push({
        item: change.item,
        op: change.op,
        status: 'not_sent',
        reason: NOT_SENT_REASON,
      });
      continue;
    }
    results.push(await sendOne(change, deps));
  }
  return results;
}

/** How many items ended in each outcome, in the order the outcomes are listed. */
export function countOutcomes<Status extends string>(
  statuses: readonly Status[],
  names: readonly Status[],
): Record<Status, number> {
  const counts = Object.fromEntries(names.map((name) => [name, 0])) as Record<Status, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}
