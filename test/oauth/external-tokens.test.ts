/**
 * The resource server with an external authorization server: every bad token is refused with the
 * RFC 6750 error and nothing reaches JumpCloud; a good one gets exactly what the person's
 * JumpCloud role (and the access policy) allows, and a call outside it is 403 with the scope.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SignJWT, exportJWK, generateKeyPair, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startServer } from '../../src/start.js';
import type { StartedServer } from '../../src/start.js';

const ISSUER = 'https://login.example.com';
let sandbox: Sandbox;
let server: StartedServer;
let jwks: Server;
let dir: string;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let publicPem: string;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({});
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const { createPublicKey } = await import('node:crypto');
  publicPem = createPublicKey({ key: jwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  dir = await mkdtemp(join(tmpdir(), 'jumpcloud-mcp-external-'));
  const policy = join(dir, 'policy.yaml');
  const admins = sandbox.org(sandbox.orgIds[0]!)!.admins;
  const manager = admins.find((a) => a.roleName === 'Manager')!;
  await writeFile(
    policy,
    `rules:\n  - match: { email: ${manager.email} }\n    organizations: [${sandbox.orgIds[1]}]\n`,
  );
  const config = loadConfig({
    argv: [
      '--port',
      '0',
      '--base-url',
      sandbox.url,
      '--auth',
      'oauth',
      '--oauth-issuer',
      ISSUER,
      '--oauth-jwks-url',
      `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks`,
      '--service-account-client-id',
      sandbox.serviceAccount.clientId,
      '--service-account-token-url',
      sandbox.serviceAccount.tokenUrl,
      '--oauth-policy',
      policy,
      '--audit-log',
      join(dir, 'audit.log'),
    ],
    env: {
      JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'external-suite-confirmation-secret-0123456789-ab',
      JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET: sandbox.serviceAccount.clientSecret,
    },
  });
  const destination = new Writable({
    write(chunk, _e, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  server = await startServer({ config, logger: createLogger({ level: 'info', destination }) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => jwks?.close(resolve));
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const admin = (role: string) =>
  sandbox.org(sandbox.orgIds[0]!)!.admins.find((a) => a.roleName === role && !a.suspended)!;

function token({
  email = admin('Administrator').email,
  scope = 'jumpcloud.read jumpcloud.support jumpcloud.admin',
  iss = ISSUER,
  aud = server.url,
  exp = '5m',
  nbf,
}: {
  email?: string;
  scope?: string;
  iss?: string;
  aud?: string;
  exp?: string | number;
  nbf?: number;
} = {}) {
  const jwt = new SignJWT({ scope, email, client_id: 'claude' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(iss)
    .setAudience(aud)
    .setSubject(`user-${email}`)
    .setIssuedAt()
    .setExpirationTime(exp);
  if (nbf) jwt.setNotBefore(nbf);
  return jwt.sign(privateKey);
}

async function hmacWithPublicKey(): Promise<string> {
  const { createHmac } = await import('node:crypto');
  const header = base64url.encode(JSON.stringify({ alg: 'HS256', kid: 'k1' }));
  const payload = base64url.encode(
    JSON.stringify({
      iss: ISSUER,
      aud: server.url,
      sub: 'x',
      email: admin('Administrator').email,
      exp: Math.floor(Date.now() / 1000) + 300,
      scope: 'jumpcloud.read',
    }),
  );
  const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url.encode(signature)}`;
}

async function rpc(bearer: string | undefined, body: unknown, query = '') {
  return fetch(`${server.url}${query}`, {
    method: 'POST',
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  });
}

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
const call = (name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: { name, arguments: args },
});

describe('external authorization server tokens', () => {
  it('401 with the resource metadata and scopes when no token is sent', async () => {
    const response = await rpc(undefined, list);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${server.oauth!.metadata}", scope="jumpcloud.read jumpcloud.support jumpcloud.admin"`,
    );
    const metadata = await (await fetch(server.oauth!.metadata)).json();
    expect(metadata).toMatchObject({ resource: server.url, authorization_servers: [ISSUER] });
  });

  const refusals: [string, () => Promise<string>, string][] = [
    ['expired', () => token({ exp: Math.floor(Date.now() / 1000) - 60 }), 'expired'],
    ['not yet valid', () => token({ nbf: Math.floor(Date.now() / 1000) + 600 }), 'not valid yet'],
    ['wrong audience', () => token({ aud: 'https://other.example/v1' }), 'another resource'],
    ['wrong issuer', () => token({ iss: 'https://evil.example' }), 'does not trust'],
    [
      'alg none',
      async () => {
        const [, payload] = (await token()).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${payload}.`;
      },
      'algorithm',
    ],
    ['HS256 signed with the public key', hmacWithPublicKey, 'algorithm'],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = (await token({ scope: 'jumpcloud.read' })).split('.');
        const forged = base64url.encode(
          JSON.stringify({
            iss: ISSUER,
            aud: server.url,
            sub: 'x',
            email: admin('Administrator').email,
            exp: Math.floor(Date.now() / 1000) + 300,
            scope: 'jumpcloud.read jumpcloud.admin',
          }),
        );
        return `${header}.${forged}.${signature}`;
      },
      'signature',
    ],
  ];
  it.each(refusals)(
    'refuses a token that is %s, sending nothing upstream',
    async (_name, make, why) => {
      const before = sandbox.requests.length;
      const response = await rpc(await make(), list);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(await response.text()).toContain(why);
      expect(sandbox.requests.length).toBe(before);
    },
  );

  it('refuses a person who is not an administrator of the organization', async () => {
    const outsider = sandbox.org(sandbox.orgIds[1]!)!.admins[0]!.email;
    const response = await rpc(await token({ email: outsider }), list);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(
      'is not an administrator of this JumpCloud organization',
    );
  });

  it('gives a read-only administrator the read tools only; a change is 403 with the scope', async () => {
    const bearer = await token({ email: admin('Read Only').email });
    const listed = (await (await rpc(bearer, list)).json()) as {
      result: { tools: { name: string; annotations: { readOnlyHint: boolean } }[] };
    };
    expect(listed.result.tools.length).toBeGreaterThan(5);
    expect(listed.result.tools.every((t) => t.annotations.readOnlyHint)).toBe(true);
    const response = await rpc(bearer, call('user_unlock', { id: 'a'.repeat(24) }));
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="jumpcloud.support"');
  });

  it('gives help desk the user-support actions but not device changes', async () => {
    const bearer = await token({ email: admin('Help Desk').email });
    const listed = (await (await rpc(bearer, list)).json()) as {
      result: { tools: { name: string }[] };
    };
    const names = listed.result.tools.map((t) => t.name);
    expect(names).toContain('user_unlock');
    expect(names).toContain('users_list');
    expect(names).not.toContain('device_erase');
    const response = await rpc(bearer, call('device_erase', { systemId: 'a'.repeat(24) }));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('scope="jumpcloud.admin"');
  });

  it('narrows to the scopes of the token even for a full administrator', async () => {
    const bearer = await token({ scope: 'jumpcloud.read' });
    const listed = (await (await rpc(bearer, list)).json()) as {
      result: { tools: { annotations: { readOnlyHint: boolean } }[] };
    };
    expect(listed.result.tools.every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it('limits an MSP person to the organization the policy allows', async () => {
    const bearer = await token({ email: admin('Manager').email });
    sandbox.clearRequests();
    const unnamed = await rpc(bearer, call('users_list', { limit: 1 }));
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain(
      `?organizationID=<id> with one of: ${sandbox.orgIds[1]}`,
    );
    // Only the administrator look-up of sign-in reached JumpCloud.
    expect(sandbox.requests.filter((r) => r.path !== '/api/users')).toEqual([]);
    const answer = await rpc(
      bearer,
      call('users_list', { limit: 1 }),
      `?organizationID=${sandbox.orgIds[1]}`,
    );
    expect(answer.status).toBe(200);
    const upstream = sandbox.requests.filter((r) => r.path !== '/api/users');
    expect(upstream.length).toBeGreaterThan(0);
    expect(upstream.map((r) => r.headers['x-org-id'])).toEqual(
      upstream.map(() => sandbox.orgIds[1]),
    );
    const other = await rpc(
      bearer,
      call('users_list', { limit: 1 }),
      `?organizationID=${sandbox.orgIds[0]}`,
    );
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('may not act on organization');
  });
});
