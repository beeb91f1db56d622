/**
 * OAuth sign-in across two replicas sharing one Redis, behind a load balancer (one public origin):
 * a sign-in completed in Chromium on replica A, then tool calls and a refresh served by replica B;
 * a second use of a code or refresh token refused on A, and of many concurrent uses across both
 * replicas exactly one wins; the service-account token fetched once for both. Then Redis stops:
 * token requests and calls with an access token get a clear 503, /readyz says why, and sign-in
 * works again once Redis is back.
 */
import { request as httpRequest, createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exportJWK, generateKeyPair } from 'jose';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandboxIdp } from '../../src/sandbox/idp/index.js';
import type { SandboxIdp } from '../../src/sandbox/idp/index.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  MemoryOAuthClient,
  oauthSignIn,
  signInInBrowser,
} from '../oauth/oauth-harness.js';
import { deleteKeys, keysUnder, testPrefix } from '../store/redis-fixture.js';
import { ownRedis } from './redis-server.js';
import type { OwnRedis } from './redis-server.js';
import { sample, scrape, startReplicas } from './replicas.js';
import type { Replicas } from './replicas.js';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

type Name = 'A' | 'B';

/**
 * The load balancer: one public origin in front of both replicas. It sends each request to the
 * replica `route` names, or to the one an `x-replica` header names, and records who served what.
 */
interface Balancer {
  origin: string;
  /** Where requests go: one replica, or each to the other replica than the last (round robin). */
  route: Name | 'round-robin';
  served: { replica: Name; method: string; path: string }[];
  close(): Promise<void>;
}

async function startBalancer(origins: () => Record<Name, string>): Promise<Balancer> {
  let next: Name = 'B';
  const balancer: Balancer = {
    origin: '',
    route: 'A',
    served: [],
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const asked = req.headers['x-replica'];
    const replica: Name =
      asked === 'A' || asked === 'B'
        ? asked
        : balancer.route === 'round-robin'
          ? (next = next === 'A' ? 'B' : 'A')
          : balancer.route;
    const target = new URL(origins()[replica]);
    balancer.served.push({
      replica,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
    });
    const headers: IncomingHttpHeaders = { ...req.headers };
    delete headers['x-replica'];
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  balancer.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return balancer;
}

/** The test client's loopback redirect receiver. */
async function startReceiver(): Promise<{ redirectUri: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200).end('back at the client'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    redirectUri: `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let redis: OwnRedis;
let sandbox: Sandbox;
let idp: SandboxIdp;
let balancer: Balancer;
let receiver: { redirectUri: string; close(): Promise<void> };
let cluster: Replicas;
let browser: Browser;
const prefix = testPrefix();

beforeAll(async () => {
  redis = await ownRedis();
  sandbox = await startSandbox({});
  receiver = await startReceiver();
  balancer = await startBalancer(() => ({
    A: cluster.replicas[0]!.origin,
    B: cluster.replicas[1]!.origin,
  }));
  idp = await startSandboxIdp({
    people: () => sandbox.orgIds.flatMap((id) => sandbox.org(id)?.admins ?? []),
    redirectUris: [`${balancer.origin}/oauth/callback`],
  });
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'replicas-key-1' };
  const signIn = oauthSignIn(idp, sandbox);
  cluster = await startReplicas({
    count: 2,
    sandbox,
    store: redis.url,
    prefix,
    argv: [...signIn.argv, '--public-url', balancer.origin],
    env: {
      ...signIn.env,
      JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: JSON.stringify(signingKey),
      JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET: 'replicas-cookie-secret-0123456789-abcdefghijkl',
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await cluster?.close();
  await balancer?.close();
  await idp?.close();
  await receiver?.close();
  await sandbox?.close();
  await deleteKeys(prefix, redis.url).catch(() => {});
  await redis?.stop();
});

const mcpUrl = () => `${balancer.origin}/v1`;

/** Discovery, registration and the sign-in in Chromium, all on replica A; returns the code. */
async function signInOnA(email: string, client = new MemoryOAuthClient(receiver.redirectUri)) {
  balancer.route = 'A';
  const since = balancer.served.length;
  expect(await auth(client, { serverUrl: mcpUrl() })).toBe('REDIRECT');
  const { redirect, page } = await signInInBrowser({
    browser,
    authorizationUrl: client.authorizationUrl!.href,
    redirectUri: receiver.redirectUri,
    email,
  });
  const code = redirect.searchParams.get('code');
  expect(code, `no code in ${redirect.href}: ${page}`).toBeTruthy();
  expect(balancer.served.slice(since).every((s) => s.replica === 'A')).toBe(true);
  return { client, code: code! };
}

/** A token request sent to one replica, as the client would send it. */
function tokenRequest(replica: Name, body: Record<string, string>) {
  return fetch(`${balancer.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-replica': replica },
    body: new URLSearchParams(body),
  });
}

function codeExchange(client: MemoryOAuthClient, code: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: receiver.redirectUri,
    client_id: client.info!.client_id,
    code_verifier: client.verifier,
    resource: mcpUrl(),
  };
}

function refresh(client: MemoryOAuthClient, refreshToken: string): Record<string, string> {
  return {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: client.info!.client_id,
    resource: mcpUrl(),
  };
}

function post(replica: Name, token: string, body: unknown) {
  return fetch(mcpUrl(), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-replica': replica,
    },
    body: JSON.stringify(body),
  });
}

const listRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
const admin = (role: string) =>
  sandbox.org(sandbox.orgIds[0]!)!.admins.find((a) => a.roleName === role && !a.suspended)!;

describe('OAuth across two replicas sharing one Redis', () => {
  it('signs in on A; B serves the calls and the refresh; a second use of a code or refresh token is refused on A', async () => {
    const { client, code } = await signInOnA(admin('Administrator With Billing').email);
    expect(await auth(client, { serverUrl: mcpUrl(), authorizationCode: code })).toBe('AUTHORIZED');
    const signedIn = client.saved!;

    // Replica B serves the calls with the token replica A issued.
    balancer.route = 'B';
    const since = balancer.served.length;
    const [a, b] = cluster.replicas as [(typeof cluster.replicas)[0], (typeof cluster.replicas)[0]];
    const callsOnA = a.toolCalls().length;
    const mcp = new Client({ name: 'oauth-replicas', version: '1.0.0' });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(mcpUrl()), { authProvider: client }),
    );
    expect((await mcp.listTools()).tools.length).toBeGreaterThan(0);
    const listed = await mcp.callTool({ name: 'users_list', arguments: { limit: 2 } });
    expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
    await mcp.close();
    expect(balancer.served.slice(since).every((s) => s.replica === 'B')).toBe(true);
    expect(b.toolCalls().map((line) => line.tool)).toContain('users_list');
    expect(a.toolCalls()).toHaveLength(callsOnA);
    // Both replicas used the one service-account token the first fetched (through the store).
    expect(sandbox.serviceAccount.tokensIssued).toBe(1);

    // The refresh on B: new tokens, the refresh token rotated; the new access token works on A.
    const beforeRefresh = balancer.served.length;
    expect(await auth(client, { serverUrl: mcpUrl() })).toBe('AUTHORIZED');
    const refreshed = client.saved!;
    expect(refreshed.refresh_token).not.toBe(signedIn.refresh_token);
    expect(
      balancer.served
        .slice(beforeRefresh)
        .filter((s) => s.path === '/oauth/token')
        .map((s) => s.replica),
    ).toEqual(['B']);
    expect((await post('A', refreshed.access_token, listRequest)).status).toBe(200);

    // A second use of the refresh token B rotated, on A: refused, and the grant ends everywhere.
    const reused = await tokenRequest('A', refresh(client, signedIn.refresh_token!));
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    const revoked = await post('B', refreshed.access_token, listRequest);
    expect(revoked.status).toBe(401);
    expect(await revoked.text()).toContain('revoked');

    // A second use of the authorization code, on A: refused.
    const replayed = await tokenRequest('A', codeExchange(client, code));
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ error: 'invalid_grant' });

    // Nothing secret in either replica's logs.
    for (const replica of cluster.replicas) {
      const logs = replica.logs.join('\n');
      for (const secret of [signedIn.access_token, refreshed.access_token, code]) {
        expect(logs).not.toContain(secret);
      }
    }
  }, 180_000);

  it('of 10 concurrent uses of one code, then of one refresh token, across both replicas, exactly one wins', async () => {
    const { client, code } = await signInOnA(admin('Administrator').email);
    const exchanges = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        tokenRequest(i % 2 === 0 ? 'A' : 'B', codeExchange(client, code)),
      ),
    );
    expect(exchanges.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(400)]);

    const second = await signInOnA(admin('Administrator').email, client);
    const tokens = (await (await tokenRequest('B', codeExchange(client, second.code))).json()) as {
      refresh_token: string;
    };
    expect(tokens.refresh_token).toBeTruthy();
    const refreshes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        tokenRequest(i % 2 === 0 ? 'A' : 'B', refresh(client, tokens.refresh_token)),
      ),
    );
    expect(refreshes.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(400)]);
    for (const answer of refreshes.filter((r) => r.status === 400)) {
      expect(await answer.json()).toMatchObject({ error: 'invalid_grant' });
    }
  }, 180_000);

  it('a sign-in whose every request goes to the other replica than the one before completes', async () => {
    const client = new MemoryOAuthClient(receiver.redirectUri);
    balancer.route = 'round-robin';
    try {
      const since = balancer.served.length;
      expect(await auth(client, { serverUrl: mcpUrl() })).toBe('REDIRECT');
      const { redirect, page } = await signInInBrowser({
        browser,
        authorizationUrl: client.authorizationUrl!.href,
        redirectUri: receiver.redirectUri,
        email: admin('Help Desk').email,
      });
      const code = redirect.searchParams.get('code');
      expect(code, `no code in ${redirect.href}: ${page}`).toBeTruthy();
      expect(await auth(client, { serverUrl: mcpUrl(), authorizationCode: code! })).toBe(
        'AUTHORIZED',
      );
      const steps = balancer.served.slice(since);
      const signIn = steps.filter((s) => /^\/oauth\/(authorize|interaction|callback)/.test(s.path));
      expect(new Set(signIn.map((s) => s.replica))).toEqual(new Set(['A', 'B']));
      for (let i = 1; i < steps.length; i += 1) {
        expect(steps[i]!.replica).not.toBe(steps[i - 1]!.replica);
      }
      expect((await post('A', client.saved!.access_token, listRequest)).status).toBe(200);
      expect((await post('B', client.saved!.access_token, listRequest)).status).toBe(200);
    } finally {
      balancer.route = 'A';
    }
  }, 180_000);

  it('keeps every key under the prefix, each expiring on its own', async () => {
    const keys = await keysUnder(`${prefix}oidc:`, redis.url);
    expect(keys.length).toBeGreaterThan(0);
    const reader = new Redis(redis.url, { lazyConnect: true });
    await reader.connect();
    try {
      for (const key of keys) expect(await reader.ttl(key), key).toBeGreaterThan(0);
    } finally {
      reader.disconnect();
    }
  });

  it('Redis stopped: token requests and calls with an access token get a clear 503, /readyz says why; sign-in works again once it is back', async () => {
    const { client, code } = await signInOnA(admin('Administrator').email);
    expect(await auth(client, { serverUrl: mcpUrl(), authorizationCode: code })).toBe('AUTHORIZED');
    const tokens = client.saved!;
    await redis.stop();
    try {
      const refused = await tokenRequest('B', refresh(client, tokens.refresh_token!));
      expect(refused.status).toBe(503);
      const body = (await refused.json()) as { error: string; error_description: string };
      expect(body.error).toBe('temporarily_unavailable');
      expect(body.error_description).toContain('shared store');

      const call = await post('A', tokens.access_token, listRequest);
      expect(call.status).toBe(503);
      expect(call.headers.get('retry-after')).toBeTruthy();
      expect(await call.text()).toContain('shared store');

      // A new sign-in stops at the authorization server with the same clear error.
      const fresh = new MemoryOAuthClient(receiver.redirectUri);
      const started = await auth(fresh, { serverUrl: mcpUrl() }).catch((e: Error) => e);
      expect(started).toBeInstanceOf(Error);
      expect((started as Error).message).toMatch(/^Sign-in is unavailable .*shared store/);
      // So does the browser, at the authorization endpoint.
      const page = await fetch(
        `${balancer.origin}/oauth/authorize?${new URLSearchParams({
          client_id: client.info!.client_id,
          response_type: 'code',
          redirect_uri: receiver.redirectUri,
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        })}`,
        { headers: { accept: 'text/html' }, redirect: 'manual' },
      );
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Sign-in is unavailable');
      // Each failure is counted.
      const families = await scrape(`${cluster.replicas[0]!.origin}/metrics`);
      expect(
        sample(families, 'jumpcloud_mcp_store_errors_total', { operation: 'oauth' }),
      ).toBeGreaterThan(0);

      for (const replica of cluster.replicas) {
        const ready = await fetch(`${replica.origin}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.text()).toContain('shared store');
      }
    } finally {
      await redis.start();
    }
    // Redis came back empty (no persistence): the replicas reconnect and a new sign-in works.
    await expect
      .poll(async () => (await fetch(`${cluster.replicas[1]!.origin}/readyz`)).status, {
        timeout: 15_000,
      })
      .toBe(200);
    const again = await signInOnA(admin('Administrator').email);
    expect(await auth(again.client, { serverUrl: mcpUrl(), authorizationCode: again.code })).toBe(
      'AUTHORIZED',
    );
    expect((await post('B', again.client.saved!.access_token, listRequest)).status).toBe(200);
  }, 180_000);
});
