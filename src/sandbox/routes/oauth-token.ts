/**
 * The sandbox's service-account token endpoint, as JumpCloud's (`POST /oauth2/token`, client
 * credentials in HTTP Basic, `grant_type=client_credentials`, `scope=api`). The bearer tokens it
 * issues reach the API as the MSP key does.
 */
import { Router } from '@koa/router';
import getRawBody from 'raw-body';
import type { SandboxState } from '../state.js';

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export function oauthTokenRouter(state: SandboxState): Router {
  const router = new Router();
  router.post('/oauth2/token', async (ctx) => {
    const raw = await getRawBody(ctx.req, { limit: '10kb', encoding: 'utf8' });
    const form = new URLSearchParams(raw);
    ctx.set('Cache-Control', 'no-store');
    if (form.get('grant_type') !== 'client_credentials') {
      ctx.status = 400;
      ctx.body = { error: 'unsupported_grant_type' };
      return;
    }
    const given = basicCredentials(ctx.get('authorization'));
    const account = state.world.serviceAccount;
    if (!given || given.id !== account.clientId || given.secret !== account.clientSecret) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Basic realm="sandbox"');
      ctx.body = { error: 'invalid_client' };
      return;
    }
    const issued = state.issueServiceToken();
    ctx.body = {
      access_token: issued.token,
      token_type: 'bearer',
      expires_in: issued.expiresIn,
      scope: 'api',
    };
  });
  return router;
}
