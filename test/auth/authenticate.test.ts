/**
 * authenticate(verifiers) and organization() on a real Koa app: the verifiers are asked in order,
 * a second way to sign in is one more list entry, and a grant's organizations bound what a
 * principal may select.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Context } from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../src/app-state.js';
import { apiKeyVerifier } from '../../src/auth/api-key.js';
import { AuthError } from '../../src/auth/auth-error.js';
import { createAccessCheck } from '../../src/auth/access-check.js';
import { authenticate } from '../../src/auth/middleware.js';
import type { Refusal } from '../../src/auth/middleware.js';
import { requireAccess } from '../../src/auth/require-access.js';
import type { Grant, Verifier } from '../../src/auth/types.js';
import { errorHandler } from '../../src/middleware/error-handler.js';
import { HttpError } from '../../src/middleware/http-error.js';
import { organization } from '../../src/middleware/organization.js';

const KEY = 'jca_0123456789abcdefghijklmnop';
const ORG_A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const ORG_B = 'bbbbbbbbbbbbbbbbbbbbbbbb';

/** Signs in bearer tokens starting `oauth.` as a person with the given grant. */
function personVerifier(grant: Grant = {}): Verifier {
  return {
    name: 'test-oauth',
    hint: 'Or sign in with OAuth.',
    async verify(ctx: Context) {
      const token = /^Bearer (oauth\.\S+)$/.exec(ctx.get('authorization'))?.[1];
      if (!token) return undefined;
      if (token === 'oauth.expired') {
        throw new AuthError({
          reason: 'the access token expired.',
          code: 'invalid_token',
          hint: 'Sign in again.',
        });
      }
      return {
        principal: {
          kind: 'oauth',
          fingerprint: 'sub_jane',
          displayName: 'jane@example.com',
          email: 'jane@example.com',
          grant,
        },
        credential: { fingerprint: 'sa_1', headers: async () => ({ authorization: 'Bearer sa' }) },
      };
    },
  };
}

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function serve(verifiers: Verifier[]) {
  const app = new Koa<AppState>();
  app.use(errorHandler());
  app.use(authenticate(verifiers));
  app.use(organization());
  app.use((ctx) => {
    ctx.body = {
      principal: ctx.state.principal,
      credential: ctx.state.credential?.fingerprint,
      orgId: ctx.state.orgId ?? null,
    };
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return async (headers: Record<string, string>, query = '') => {
    const response = await fetch(`http://127.0.0.1:${port}/${query}`, { headers });
    const body = (await response.json()) as Record<string, unknown> & {
      error?: { message: string };
    };
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body };
  };
}

describe('authenticate(verifiers)', () => {
  it('the API key verifier names the key by its fingerprint and keeps the key out of the state', async () => {
    const get = await serve([apiKeyVerifier()]);
    const out = await get({ authorization: `Bearer ${KEY}` });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({
      principal: {
        kind: 'api-key',
        fingerprint: expect.stringMatching(/^key_[0-9a-f]{12}$/),
        displayName: expect.stringMatching(/^API key key_[0-9a-f]{12}$/),
        grant: {},
      },
      credential: expect.stringMatching(/^key_[0-9a-f]{12}$/),
      orgId: null,
    });
    expect(JSON.stringify(out.body)).not.toContain(KEY);
  });

  it('asks the verifiers in order: a second way to sign in is one more entry', async () => {
    const get = await serve([personVerifier(), apiKeyVerifier()]);
    expect((await get({ authorization: 'Bearer oauth.jane' })).body).toMatchObject({
      principal: { kind: 'oauth', fingerprint: 'sub_jane' },
      credential: 'sa_1',
    });
    expect((await get({ authorization: `Bearer ${KEY}` })).body).toMatchObject({
      principal: { kind: 'api-key' },
    });
  });

  it('a verifier that refuses a request meant for it answers 401 with its reason and hint', async () => {
    const get = await serve([personVerifier(), apiKeyVerifier()]);
    const out = await get({ authorization: 'Bearer oauth.expired' });
    expect(out.status).toBe(401);
    expect(out.challenge).toBe(
      'Bearer realm="jumpcloud-mcp", error="invalid_token", error_description="the access token expired."',
    );
    expect(out.body.error?.message).toBe('Unauthorized: the access token expired. Sign in again.');
  });

  it('a request no verifier takes gets 401 with every way to sign in', async () => {
    const get = await serve([personVerifier(), apiKeyVerifier()]);
    const out = await get({});
    expect(out.status).toBe(401);
    expect(out.challenge).toMatch(/error="invalid_request"/);
    expect(out.body.error?.message).toMatch(
      /^Unauthorized: no Authorization header\. Or sign in with OAuth\. Send your JumpCloud API key/,
    );
  });
});

describe('organization() and a grant of organizations', () => {
  it.each<[string, { query: string; status: number; want: RegExp | string }]>([
    [
      'an allowed organization is served',
      { query: `?organizationID=${ORG_A}`, status: 200, want: ORG_A },
    ],
    [
      'an organization outside the grant is 403 naming the allowed ones',
      {
        query: `?organizationID=${ORG_B}`,
        status: 403,
        want: `Forbidden: jane@example.com may not act on organization ${ORG_B}; it may act on: ${ORG_A}.`,
      },
    ],
    [
      'no organization is 400 asking for one of them',
      { query: '', status: 400, want: /add \?organizationID=<id> with one of: a{24}\./ },
    ],
  ])('%s', async (_name, { query, status, want }) => {
    const get = await serve([personVerifier({ organizations: [ORG_A.toUpperCase()] })]);
    const out = await get({ authorization: 'Bearer oauth.jane' }, query);
    expect(out.status).toBe(status);
    if (status === 200) expect(out.body.orgId).toBe(want);
    else if (typeof want === 'string') expect(out.body.error?.message).toBe(want);
    else expect(out.body.error?.message).toMatch(want);
  });

  it('without a grant of organizations any well-formed organization id is selected', async () => {
    const get = await serve([apiKeyVerifier()]);
    const out = await get({ authorization: `Bearer ${KEY}` }, `?organizationID=${ORG_B}`);
    expect(out.body.orgId).toBe(ORG_B);
  });

  it('an x-org-id header is refused with 400 naming ?organizationID=', async () => {
    const get = await serve([apiKeyVerifier()]);
    const out = await get({ authorization: `Bearer ${KEY}`, 'x-org-id': ORG_A });
    expect(out.status).toBe(400);
    expect(out.body.error?.message).toMatch(/x-org-id header is not read here.*\?organizationID=/);
  });
});

describe('authenticate with a challenge of its own, and requireAccess for a signed-in person', () => {
  async function serveWith(options: {
    challenge?: Parameters<typeof authenticate>[1];
    probed?: string[];
    status?: number;
  }) {
    const app = new Koa<AppState>();
    app.use(errorHandler());
    app.use(authenticate([personVerifier(), apiKeyVerifier()], options.challenge));
    app.use(
      requireAccess(
        createAccessCheck({
          // The upstream read: answers `status` and records which credential it was sent with.
          probe: async ({ credential }) => {
            options.probed?.push((await credential.headers()).authorization ?? 'x-api-key');
            return options.status ?? 200;
          },
        }),
      ) as unknown as Koa.Middleware<AppState>,
    );
    app.use((ctx) => void (ctx.body = { ok: true }));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return async (headers: Record<string, string>) => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
      return {
        status: response.status,
        challenge: response.headers.get('www-authenticate'),
        text: await response.text(),
      };
    };
  }

  it('answers a request without credentials and a refused one through the given challenge', async () => {
    const seen: Refusal[] = [];
    const get = await serveWith({
      challenge: {
        challenge: (refusal) => {
          seen.push(refusal);
          return new HttpError(401, `Unauthorized: ${refusal.reason}`, {
            'WWW-Authenticate': 'Bearer resource_metadata="https://mcp.example.com/meta"',
          });
        },
      },
    });
    const anonymous = await get({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.challenge).toContain('resource_metadata=');
    const expired = await get({ authorization: 'Bearer oauth.expired' });
    expect(expired.status).toBe(401);
    expect(seen.map((refusal) => [refusal.code, refusal.anonymous ?? false])).toEqual([
      ['invalid_request', true],
      ['invalid_token', false],
    ]);
  });

  it("probes with the server's credential of a signed-in person and answers 503 when JumpCloud refuses it", async () => {
    const probed: string[] = [];
    const get = await serveWith({ probed, status: 401 });
    const answer = await get({ authorization: 'Bearer oauth.jane' });
    expect(probed).toEqual(['Bearer sa']);
    expect(answer.status).toBe(503);
    expect(answer.challenge).toBeNull();
    expect(answer.text).toContain("this server's own JumpCloud credential sa_1");
    expect(answer.text).toContain('signing in again will not help');
    const key = await get({ authorization: `Bearer ${KEY}` });
    expect(key.status).toBe(401);
    expect(key.challenge).toContain('invalid_token');
  });
});
