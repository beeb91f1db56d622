/**
 * Client ID Metadata Documents at the built-in authorization server: a client whose id is an
 * https URL is known by the document at that URL. A document that cannot be fetched, is too large
 * or does not name itself is refused. The documents come from the network edge (an injected fetch).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { createAuthorizationServer } from '../../src/auth/oauth/authorization-server.js';
import { memoryAdapterFactory } from '../../src/auth/oauth/memory-adapter.js';
import { createSite } from '../../src/auth/oauth/site.js';

const REDIRECT = 'https://client.example/callback';
const documents: Record<string, () => Promise<Response>> = {
  'https://client.example/ok.json': async () =>
    Response.json({
      client_id: 'https://client.example/ok.json',
      client_name: 'Documented client',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    }),
  'https://client.example/big.json': async () =>
    Response.json({
      client_id: 'https://client.example/big.json',
      redirect_uris: [REDIRECT],
      client_name: 'x'.repeat(10_000),
    }),
  'https://client.example/other.json': async () =>
    Response.json({ client_id: 'https://client.example/ok.json', redirect_uris: [REDIRECT] }),
  'https://client.example/down.json': async () => {
    throw new TypeError('fetch failed');
  },
};

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const site = createSite(origin);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = createAuthorizationServer({
    site,
    adapters: memoryAdapterFactory(),
    signingKeys: [{ ...(await exportJWK(privateKey)), kid: 'k', alg: 'RS256', use: 'sig' }],
    cookieKeys: ['a-cookie-key-for-the-test-0123456789'],
    fetchImpl: (async (url: string) => {
      const answer = documents[String(url)];
      if (!answer) throw new TypeError('fetch failed');
      return answer();
    }) as typeof fetch,
  });
  server.on('request', provider.callback());
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function authorize(clientId: string) {
  const params = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    scope: 'jumpcloud.read',
    resource: `${origin}/v1`,
    state: 'abc',
  });
  return fetch(`${origin}/oauth/authorize?${params}`, { redirect: 'manual' });
}

describe('Client ID Metadata Documents', () => {
  it('knows a client by its document and starts sign-in', async () => {
    const response = await authorize('https://client.example/ok.json');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/oauth\/interaction\//);
  });

  it.each([
    ['unreachable', 'https://client.example/down.json'],
    ['too large', 'https://client.example/big.json'],
    ['inconsistent (names another client id)', 'https://client.example/other.json'],
  ])('refuses a document that is %s, without redirecting', async (_name, clientId) => {
    const response = await authorize(clientId);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_client');
  });
});
