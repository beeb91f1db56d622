import type { Middleware } from 'koa';
import type { AppState } from '../app-state.js';
import { HttpError } from './http-error.js';
import { middlewareOf } from './steps.js';
import type { Step } from './steps.js';

/** JumpCloud organization ids are 24 hexadecimal characters. */
const ORG_ID = /^[a-f0-9]{24}$/i;

function allowedList(organizations: readonly string[]): string {
  return organizations.length === 0 ? 'none' : organizations.join(', ');
}

/**
 * `?organizationID=<id>` picks an MSP child organization; it goes upstream as `x-org-id` on every
 * call of this request. Sets `ctx.state.orgId`. An `x-org-id` header from the client is refused
 * (this server does not forward it), and a principal whose grant names organizations must pick one
 * of them.
 */
export const pickOrganization: Step<AppState> = (ctx) => {
  if (ctx.get('x-org-id')) {
    throw new HttpError(
      400,
      'Bad request: the x-org-id header is not read here. Pick the MSP organization with the query parameter ?organizationID=<id> in the server URL. Nothing was sent to JumpCloud.',
    );
  }
  const value = ctx.query.organizationID;
  if (value !== undefined) {
    if (Array.isArray(value)) {
      throw new HttpError(
        400,
        'Bad request: organizationID was given more than once; give it once.',
      );
    }
    if (!ORG_ID.test(value)) {
      throw new HttpError(
        400,
        `Bad request: organizationID ${JSON.stringify(value.slice(0, 40))} is not a JumpCloud organization id (24 hexadecimal characters, as shown in the Admin Portal under Settings).`,
      );
    }
    ctx.state.orgId = value.toLowerCase();
  }
  const allowed = ctx.state.principal?.grant.organizations?.map((id) => id.toLowerCase());
  if (allowed) {
    const who = ctx.state.principal?.displayName ?? 'this principal';
    if (!ctx.state.orgId) {
      throw new HttpError(
        400,
        `Bad request: ${who} acts on named organizations only; add ?organizationID=<id> with one of: ${allowedList(allowed)}.`,
      );
    }
    if (!allowed.includes(ctx.state.orgId)) {
      throw new HttpError(
        403,
        `Forbidden: ${who} may not act on organization ${ctx.state.orgId}; it may act on: ${allowedList(allowed)}.`,
      );
    }
  }
};

export function organization(): Middleware<AppState> {
  return middlewareOf(pickOrganization);
}
