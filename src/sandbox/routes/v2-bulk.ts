/**
 * V2 bulk user jobs. `POST /bulk/user/expires` and `/bulk/user/unlocks` take `[{id}]`, answer 201
 * `{jobId}` and do the work at once; `GET /bulk/users/{job_id}/results` lists one work result per
 * user (`finished`, or `failed` with `statusMsg` for an unknown user). `POST /bulk/userstates`
 * schedules ACTIVATED/SUSPENDED for `user_ids` at `start_date` (one job id per request; a date
 * already past runs on the next request), `GET /bulk/userstates` lists pending changes,
 * `DELETE /bulk/userstates/{id}` cancels a job, `GET /bulk/userstates/eventlist/next` gives each
 * user's next change per state.
 */
import { randomBytes } from 'node:crypto';
import { Router } from '@koa/router';
import { userResource } from '../bulk/user-states.js';
import type { RequestState, SandboxContext } from '../context.js';
import { badRequest, notFound } from '../query/bad-request.js';
import { parsePaging } from '../query/paging.js';
import { listV2 } from '../query/v2-list.js';
import type { BulkJobResult, ScheduledState, SystemUser } from '../types.js';
import { assertObjectId, jsonBody, param, recordEvent, sendV2List } from './route-helpers.js';

/** At most this many users in one bulk request. */
export const BULK_MAX = 100;

const objectId = () => randomBytes(12).toString('hex');

type Action = BulkJobResult['meta']['action'];

/** Applies one action to one user, writing an event when it changed something. */
function apply(ctx: SandboxContext, user: SystemUser, action: Action): void {
  if (action === 'expire') {
    const was = user.password_expired;
    user.password_expired = true;
    user.password_expiration_date = new Date().toISOString();
    if (!was)
      recordEvent(ctx, {
        eventType: 'user_update',
        resource: userResource(user),
        extra: { changes: [{ field: 'password_expired', from: 'false', to: 'true' }] },
      });
    return;
  }
  const wasLocked = user.account_locked;
  user.account_locked = false;
  user.account_locked_date = null;
  user.badLoginAttempts = 0;
  if (wasLocked) recordEvent(ctx, { eventType: 'user_unlocked', resource: userResource(user) });
}

function bulkUsers(ctx: SandboxContext, action: Action): void {
  if (ctx.state.bodyError) throw badRequest(ctx.state.bodyError);
  const body = ctx.state.body;
  if (!Array.isArray(body) || body.length === 0)
    throw badRequest('body must be a non-empty array of {"id": "<user id>"}');
  if (body.length > BULK_MAX) throw badRequest(`at most ${BULK_MAX} users per request`);
  const ids = body.map((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw badRequest(`[${i}].id must be a user id (a string)`);
    return id;
  });
  const jobId = objectId();
  const results = ids.map((id): BulkJobResult => {
    const now = new Date().toISOString();
    const user = ctx.state.org.users.find((u) => u._id === id);
    if (user) apply(ctx, user, action);
    return {
      id: objectId(),
      status: user ? 'finished' : 'failed',
      statusMsg: user ? '' : `systemuser ${id} not found`,
      createdAt: now,
      updatedAt: now,
      meta: { systemUserId: id, action },
      persistedFields: null,
    };
  });
  ctx.state.org.bulkJobs.set(jobId, results);
  ctx.status = 201;
  ctx.body = { jobId };
}

function scheduledResult(job: ScheduledState) {
  const { scheduledJobId, scheduledDate, state, systemUserId } = job;
  return { scheduledJobId, scheduledDate, state, systemUserId };
}

function schedule(ctx: SandboxContext): void {
  const body = jsonBody(ctx);
  const { user_ids, state, start_date, send_activation_emails, activation_email_override } = body;
  if (!Array.isArray(user_ids) || user_ids.length === 0)
    throw badRequest('user_ids must be a non-empty array of user ids');
  if (user_ids.length > BULK_MAX) throw badRequest(`at most ${BULK_MAX} user_ids per request`);
  if (state !== 'ACTIVATED' && state !== 'SUSPENDED')
    throw badRequest('state must be "ACTIVATED" or "SUSPENDED"');
  if (typeof start_date !== 'string' || Number.isNaN(Date.parse(start_date)))
    throw badRequest('start_date must be an RFC 3339 date-time');
  if (send_activation_emails !== undefined && typeof send_activation_emails !== 'boolean')
    throw badRequest('send_activation_emails must be a boolean');
  if (send_activation_emails !== undefined && state !== 'ACTIVATED')
    throw badRequest('send_activation_emails can only be used with state ACTIVATED');
  if (
    activation_email_override !== undefined &&
    (state !== 'ACTIVATED' ||
      user_ids.length !== 1 ||
      typeof activation_email_override !== 'string')
  )
    throw badRequest('activation_email_override needs state ACTIVATED and exactly one user id');
  const org = ctx.state.org;
  for (const id of user_ids) {
    if (typeof id !== 'string') throw badRequest('user_ids must be strings');
    assertObjectId(id, 'user');
    if (!org.users.some((u) => u._id === id)) throw badRequest(`user ${id} not found`);
  }
  const scheduledJobId = objectId();
  const scheduledDate = new Date(start_date).toISOString();
  const jobs = (user_ids as string[]).map((systemUserId): ScheduledState => ({
    scheduledJobId,
    systemUserId,
    state,
    scheduledDate,
    sendActivationEmails: send_activation_emails !== false,
    adminEmail: ctx.state.key.adminEmail,
    userAgent: ctx.get('user-agent') || 'unknown',
  }));
  org.scheduledStates.push(...jobs);
  ctx.status = 201;
  ctx.body = jobs.map(scheduledResult);
}

function nextEvents(ctx: SandboxContext): void {
  const raw = ctx.query.users;
  const users = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((u) => String(u).split(','))
    .filter(Boolean);
  if (users.length === 0) throw badRequest('users is required: a list of user ids');
  if (users.length > 100) throw badRequest('users is limited to 100 ids');
  const next = new Map<string, ScheduledState>();
  for (const job of ctx.state.org.scheduledStates) {
    if (!users.includes(job.systemUserId)) continue;
    const key = `${job.systemUserId} ${job.state}`;
    const seen = next.get(key);
    if (!seen || job.scheduledDate < seen.scheduledDate) next.set(key, job);
  }
  const all = [...next.values()]
    .sort((a, b) => a.scheduledDate.localeCompare(b.scheduledDate))
    .map(scheduledResult);
  const { limit, skip } = parsePaging(ctx.query);
  ctx.body = { events_count: all.length, results: all.slice(skip, skip + limit) };
}

export function v2BulkRouter(): Router<RequestState> {
  const router = new Router<RequestState>();
  router.post('/bulk/user/expires', (ctx) => bulkUsers(ctx, 'expire'));
  router.post('/bulk/user/unlocks', (ctx) => bulkUsers(ctx, 'unlock'));
  router.get('/bulk/users/:job_id/results', (ctx) => {
    const jobId = param(ctx, 'job_id');
    const results = ctx.state.org.bulkJobs.get(jobId);
    if (!results) throw notFound('job', jobId);
    sendV2List(ctx, listV2({ records: results, query: ctx.query }));
  });
  router.post('/bulk/userstates', schedule);
  router.get('/bulk/userstates', (ctx) => {
    const userid = typeof ctx.query.userid === 'string' ? ctx.query.userid : undefined;
    const records = ctx.state.org.scheduledStates
      .filter((job) => userid === undefined || job.systemUserId === userid)
      .map(scheduledResult);
    sendV2List(ctx, listV2({ records, query: ctx.query, idField: 'scheduledJobId' }));
  });
  router.get('/bulk/userstates/eventlist/next', nextEvents);
  router.delete('/bulk/userstates/:id', (ctx) => {
    const id = param(ctx, 'id');
    const org = ctx.state.org;
    if (!org.scheduledStates.some((job) => job.scheduledJobId === id)) throw notFound('job', id);
    org.scheduledStates = org.scheduledStates.filter((job) => job.scheduledJobId !== id);
    ctx.status = 204;
  });
  return router;
}
