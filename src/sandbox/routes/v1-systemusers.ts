/** V1 /systemusers: list, search, get, and the state, lockout, MFA and password actions. */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { badRequest, SandboxHttpError } from '../query/bad-request.js';
import { projectFields } from '../query/record-path.js';
import { listV1 } from '../query/v1-list.js';
import type { OrgData, SystemUser } from '../types.js';
import { findById, jsonBody, param, recordEvent, sendJsonString } from './route-helpers.js';

export const USER_SEARCH_FIELDS = [
  'username',
  'email',
  'firstname',
  'lastname',
  'displayname',
] as const;

function userOf(ctx: SandboxContext): SystemUser {
  return findById({
    records: ctx.state.org.users,
    id: param(ctx, 'id'),
    idField: '_id',
    kind: 'systemuser',
  });
}

function userResource(user: SystemUser) {
  return { type: 'user', id: user._id, username: user.username, email: user.email };
}

function memberOf(org: OrgData): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const group of org.userGroups) {
    for (const id of org.groupMembers.get(group.id) ?? []) {
      const groups = map.get(id);
      if (groups) groups.push(group.id);
      else map.set(id, [group.id]);
    }
  }
  return map;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be a boolean`);
  return value;
}

function applyMfaExclusion(user: SystemUser, source: Record<string, unknown>): void {
  const exclusion = optionalBoolean(source, 'exclusion');
  if (exclusion === undefined) return;
  user.mfa.exclusion = exclusion;
  if (exclusion) {
    const until = source.exclusionUntil;
    const days = source.exclusionDays;
    if (until !== undefined && (typeof until !== 'string' || Number.isNaN(Date.parse(until))))
      throw badRequest('exclusionUntil must be an RFC 3339 date-time');
    if (days !== undefined && (typeof days !== 'number' || days < 1))
      throw badRequest('exclusionDays must be a positive number');
    user.mfa.exclusionUntil =
      typeof until === 'string'
        ? new Date(until).toISOString()
        : new Date(Date.now() + (Number(days) || 7) * 86_400_000).toISOString();
    if (typeof days === 'number') user.mfa.exclusionDays = days;
  } else {
    delete user.mfa.exclusionUntil;
    delete user.mfa.exclusionDays;
  }
}

export function v1SystemusersRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/systemusers', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.users,
      query: ctx.query,
      headers: ctx.headers,
      searchFields: USER_SEARCH_FIELDS,
    });
  });

  router.post('/search/systemusers', (ctx) => {
    const org = ctx.state.org;
    // Built when a record needs its groups: not for a page whose fields leave them out.
    let groups: Map<string, string[]> | undefined;
    ctx.body = listV1<SystemUser>({
      records: org.users,
      query: ctx.query,
      headers: ctx.headers,
      body: jsonBody(ctx),
      searchFields: USER_SEARCH_FIELDS,
      added: { field: 'memberof', value: (user) => (groups ??= memberOf(org)).get(user._id) ?? [] },
    });
  });

  router.get('/systemusers/:id', (ctx) => {
    const fields =
      typeof ctx.query.fields === 'string' ? ctx.query.fields.split(/[\s,]+/).filter(Boolean) : [];
    ctx.body = projectFields(userOf(ctx), fields, '_id');
  });

  router.post('/systemusers/:id/state/suspend', (ctx) => {
    const user = userOf(ctx);
    const wasSuspended = user.suspended;
    user.state = 'SUSPENDED';
    user.suspended = true;
    if (!wasSuspended)
      recordEvent(ctx, {
        eventType: 'user_suspended',
        resource: userResource(user),
        extra: { changes: [{ field: 'state', from: 'ACTIVATED', to: 'SUSPENDED' }] },
      });
    ctx.body = user;
  });

  router.post('/systemusers/:id/state/activate', (ctx) => {
    const user = userOf(ctx);
    const body = jsonBody(ctx);
    const previous = user.state;
    user.state = 'ACTIVATED';
    user.suspended = false;
    user.activated = true;
    if (previous !== 'ACTIVATED') {
      recordEvent(ctx, {
        eventType: previous === 'SUSPENDED' ? 'user_unsuspended' : 'user_activated',
        resource: userResource(user),
        extra: {
          changes: [{ field: 'state', from: previous, to: 'ACTIVATED' }],
          email_sent: body.email === true,
        },
      });
    }
    sendJsonString(ctx, '');
  });

  router.post('/systemusers/:id/unlock', (ctx) => {
    const user = userOf(ctx);
    const wasLocked = user.account_locked;
    user.account_locked = false;
    user.account_locked_date = null;
    user.badLoginAttempts = 0;
    if (wasLocked) recordEvent(ctx, { eventType: 'user_unlocked', resource: userResource(user) });
    sendJsonString(ctx, '');
  });

  router.post('/systemusers/:id/resetmfa', (ctx) => {
    const user = userOf(ctx);
    const body = jsonBody(ctx);
    user.totp_enabled = false;
    user.mfa.configured = false;
    for (const key of Object.keys(user.mfaEnrollment)) user.mfaEnrollment[key] = 'NOT_ENROLLED';
    applyMfaExclusion(user, body);
    recordEvent(ctx, {
      eventType: 'user_update',
      resource: userResource(user),
      extra: { changes: [{ field: 'totp_enabled', from: 'true', to: 'false' }] },
    });
    sendJsonString(ctx, '');
  });

  router.post('/systemusers/:id/mfa/enforce', (ctx) => {
    const user = userOf(ctx);
    const body = jsonBody(ctx);
    const enable = optionalBoolean(body, 'enable_user_portal_multifactor');
    if (enable === undefined && body.mfa === undefined) {
      throw badRequest(
        'send enable_user_portal_multifactor (boolean) and/or mfa ({configured, exclusion, exclusionUntil, exclusionDays})',
      );
    }
    const before = user.enable_user_portal_multifactor;
    if (enable !== undefined) user.enable_user_portal_multifactor = enable;
    if (body.mfa !== undefined) {
      if (typeof body.mfa !== 'object' || body.mfa === null || Array.isArray(body.mfa))
        throw badRequest('mfa must be an object');
      const mfa = body.mfa as Record<string, unknown>;
      const configured = optionalBoolean(mfa, 'configured');
      if (configured !== undefined) user.mfa.configured = configured;
      applyMfaExclusion(user, mfa);
    }
    recordEvent(ctx, {
      eventType: 'user_update',
      resource: userResource(user),
      extra: {
        changes: [
          {
            field: 'enable_user_portal_multifactor',
            from: String(before),
            to: String(user.enable_user_portal_multifactor),
          },
        ],
      },
    });
    ctx.body = user;
  });

  router.post('/systemusers/:id/expire', (ctx) => {
    const user = userOf(ctx);
    user.password_expired = true;
    user.password_expiration_date = new Date().toISOString();
    recordEvent(ctx, {
      eventType: 'user_update',
      resource: userResource(user),
      extra: { changes: [{ field: 'password_expired', from: 'false', to: 'true' }] },
    });
    sendJsonString(ctx, '');
  });

  router.post('/systemusers/:id/reactivate', (ctx) => {
    const user = userOf(ctx);
    const body = jsonBody(ctx);
    if (body.email !== undefined && (typeof body.email !== 'string' || !body.email.includes('@')))
      throw badRequest('email must be an email address');
    if (user.state === 'SUSPENDED') {
      throw new SandboxHttpError({
        status: 409,
        message: 'user is suspended; activate the user before sending an email',
      });
    }
    const recipient = typeof body.email === 'string' ? body.email : user.email;
    recordEvent(ctx, {
      eventType: user.state === 'STAGED' ? 'user_activation_email' : 'user_password_reset_request',
      resource: { ...userResource(user), recipient_email: recipient },
    });
    ctx.body = {};
  });

  return router;
}
