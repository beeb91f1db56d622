import type { Middleware } from 'koa';
import { HttpError } from './http-error.js';

/** JumpCloud organization ids are 24 hexadecimal characters. */
const ORG_ID = /^[a-f0-9]{24}$/i;

/**
 * `?organizationID=<id>` picks an MSP child organization; it goes upstream as `x-org-id` on every
 * call of this request. Sets `ctx.state.orgId`.
 */
export function organization(): Middleware {
  return async (ctx, next) => {
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
    await next();
  };
}
