/**
 * JumpCloud's bulk endpoints for a set of users: one request per set (per 100 users) instead of
 * one per user. V2 `POST /bulk/userstates` suspends or reactivates (a state change scheduled for
 * now); `POST /bulk/user/unlocks` and `/bulk/user/expires` start a job whose per-user results
 * `GET /bulk/users/{job_id}/results` lists. Never retried: each set is sent once.
 */
import type { Upstream } from '../../generated/upstream.js';
import { failedOutcome, notSent, type ManyHandler } from '../bulk/bulk-handler.js';
import type { ToolDeps } from '../registry/types.js';
import type { TargetOutcome } from '../safety/outcomes.js';
import { unwrap } from '../upstream/unwrap.js';

/** Most users JumpCloud takes in one bulk request. */
export const BULK_REQUEST_MAX = 100;

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += BULK_REQUEST_MAX)
    out.push(ids.slice(i, i + BULK_REQUEST_MAX));
  return out;
}

/** Sends each chunk once, in order; after a cancellation the chunks left are not sent. */
async function bySet({
  ids,
  kind,
  deps,
  send,
}: {
  ids: readonly string[];
  kind: string;
  deps: ToolDeps<Upstream>;
  send: (set: string[]) => Promise<TargetOutcome[]>;
}): Promise<TargetOutcome[]> {
  const outcomes: TargetOutcome[] = [];
  for (const set of chunks(ids)) {
    if (deps.signal.aborted) {
      outcomes.push(...notSent(kind, set));
      continue;
    }
    try {
      outcomes.push(...(await send(set)));
    } catch (error) {
      outcomes.push(...set.map((id) => failedOutcome({ kind, id, error, deps })));
    }
    deps.progress?.({ progress: outcomes.length, total: ids.length });
  }
  return outcomes;
}

function userStates(state: 'SUSPENDED' | 'ACTIVATED'): ManyHandler<Upstream> {
  return ({ ids, kind, deps }) =>
    bySet({
      ids,
      kind,
      deps,
      send: async (set) => {
        const scheduled = (unwrap(
          await deps.api.v2.POST('/bulk/userstates', {
            body: {
              user_ids: set,
              state,
              start_date: new Date().toISOString(),
              // Reactivation sends no email, as user_reactivate does not.
              ...(state === 'ACTIVATED' ? { send_activation_emails: false } : {}),
            },
          }),
        ) ?? []) as { systemUserId?: string; scheduledJobId?: string }[];
        const jobs = new Map(scheduled.map((s) => [s.systemUserId, s.scheduledJobId]));
        return set.map((id): TargetOutcome =>
          jobs.has(id)
            ? { kind, id, status: 'done' }
            : {
                kind,
                id,
                status: 'failed',
                reason: 'JumpCloud did not schedule a state change for this user.',
              },
        );
      },
    });
}

interface WorkResult {
  status?: string;
  statusMsg?: string;
  meta?: { systemUserId?: string };
}

/** Every work result of a bulk user job, page by page. */
async function jobResults(jobId: string, deps: ToolDeps<Upstream>): Promise<WorkResult[]> {
  const all: WorkResult[] = [];
  for (let skip = 0; ; skip += BULK_REQUEST_MAX) {
    const page = (unwrap(
      await deps.api.v2.GET('/bulk/users/{job_id}/results', {
        params: { path: { job_id: jobId }, query: { limit: BULK_REQUEST_MAX, skip } },
      }),
    ) ?? []) as WorkResult[];
    all.push(...page);
    if (page.length < BULK_REQUEST_MAX) return all;
  }
}

function userJob(path: '/bulk/user/unlocks' | '/bulk/user/expires'): ManyHandler<Upstream> {
  return ({ ids, kind, deps }) =>
    bySet({
      ids,
      kind,
      deps,
      send: async (set) => {
        const body = set.map((id) => ({ id }));
        const answer = (
          path === '/bulk/user/unlocks'
            ? unwrap(await deps.api.v2.POST('/bulk/user/unlocks', { body }))
            : unwrap(await deps.api.v2.POST('/bulk/user/expires', { body }))
        ) as { jobId?: string } | undefined;
        const jobId = answer?.jobId;
        let results: WorkResult[] = [];
        let unread: string | undefined;
        if (jobId) {
          try {
            results = await jobResults(jobId, deps);
          } catch {
            unread = `JumpCloud accepted the job (id ${jobId}) but its results could not be read; check the user with user_get.`;
          }
        }
        const byUser = new Map(results.map((r) => [r.meta?.systemUserId, r]));
        return set.map((id): TargetOutcome => {
          const result = byUser.get(id);
          if (result?.status === 'failed') {
            const why = result.statusMsg?.slice(0, 200);
            return {
              kind,
              id,
              status: 'failed',
              reason: `JumpCloud's job failed${why ? `: ${why}` : ''}.`,
            };
          }
          if (result?.status === 'finished') return { kind, id, status: 'done' };
          const reason =
            unread ??
            `JumpCloud accepted the job${jobId ? ` (id ${jobId})` : ''}; it had not reported this user yet.`;
          return { kind, id, status: 'done', reason };
        });
      },
    });
}

export const suspendUsers = userStates('SUSPENDED');
export const reactivateUsers = userStates('ACTIVATED');
export const unlockUsers = userJob('/bulk/user/unlocks');
export const expireUserPasswords = userJob('/bulk/user/expires');
