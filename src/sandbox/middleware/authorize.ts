/** x-api-key and x-org-id as JumpCloud checks them: 401 without a valid key or for an organization it cannot reach. */
import type { Middleware } from 'koa';
import type { RequestState } from '../context.js';
import { SandboxHttpError } from '../query/bad-request.js';
import type { SandboxState } from '../state.js';
import type { OrgData } from '../types.js';

const unauthorized = (message: string) => new SandboxHttpError({ status: 401, message });

function headerList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function authorize(state: SandboxState): Middleware<RequestState> {
  return async (ctx, next) => {
    const raw = ctx.headers['x-api-key'];
    const presented = Array.isArray(raw) ? raw[0] : raw;
    // A service account's token (POST /oauth2/token) arrives as a bearer token instead.
    const bearer = /^Bearer +(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    if (!presented && !bearer) throw unauthorized('Unauthorized: missing api key');
    const key = presented ? state.findKey(presented) : state.findServiceToken(bearer as string);
    if (!key)
      throw unauthorized(
        presented ? 'Unauthorized: invalid api key' : 'Unauthorized: invalid or expired token',
      );
    const requested = headerList(ctx.headers['x-org-id']);
    const ids = requested.length > 0 ? requested : [key.defaultOrgId];
    const orgs: OrgData[] = [];
    for (const id of ids) {
      const org = state.org(id);
      if (!org || !key.orgIds.includes(id))
        throw unauthorized(`Unauthorized: organization ${id} is not accessible with this api key`);
      orgs.push(org);
    }
    ctx.state.key = key;
    ctx.state.orgs = orgs;
    ctx.state.org = orgs[0]!;
    await next();
  };
}
