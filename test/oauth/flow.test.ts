/**
 * The whole OAuth flow with the MCP SDK client's own OAuth support (`auth()` with an
 * `OAuthClientProvider`) and a real browser for the sign-in and consent pages: discovery,
 * dynamic registration, authorization, token, tools/list, tools/call, refresh with rotation,
 * revocation; API keys keep working beside it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { MemoryOAuthClient, signInInBrowser, startOAuthE2e } from './oauth-harness.js';
import type { OAuthE2e } from './oauth-harness.js';

let e2e: OAuthE2e;
beforeAll(async () => {
  e2e = await startOAuthE2e();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

async function signedIn(email: string, client = new MemoryOAuthClient(e2e.redirectUri)) {
  expect(await auth(client, { serverUrl: e2e.url })).toBe('REDIRECT');
  const { redirect, consentText, page } = await signInInBrowser({
    browser: await e2e.browser(),
    authorizationUrl: client.authorizationUrl!.href,
    redirectUri: e2e.redirectUri,
    email,
  });
  const code = redirect.searchParams.get('code');
  expect(code, `no code in ${redirect.href}: ${page}`).toBeTruthy();
  expect(await auth(client, { serverUrl: e2e.url, authorizationCode: code! })).toBe('AUTHORIZED');
  return { client, consentText: consentText ?? '' };
}

async function mcpClient(provider: MemoryOAuthClient) {
  const mcp = new Client({ name: 'oauth-test', version: '1.0.0' });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(e2e.url), { authProvider: provider }),
  );
  return mcp;
}

function post(token: string, body: unknown) {
  return fetch(e2e.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  });
}

describe('OAuth with the MCP SDK client', () => {
  it('discovers, registers, signs in, lists and calls tools, refreshes and revokes', async () => {
    const admin = e2e.admin('Administrator With Billing');
    const { client, consentText } = await signedIn(admin.email);
    expect(client.info?.client_id).toBeTruthy();
    expect(consentText).toContain('Test MCP Client');
    expect(consentText).toContain(admin.email);
    expect(consentText).toContain('Administrator With Billing');

    const mcp = await mcpClient(client);
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(generatedTools.map((t) => t.name).sort());
    const listed = await mcp.callTool({ name: 'users_list', arguments: { limit: 2 } });
    expect(listed.isError).toBeFalsy();
    const locked = e2e.sandbox.org(e2e.sandbox.orgIds[0]!)!.users[0]!;
    const unlocked = await mcp.callTool({ name: 'user_unlock', arguments: { id: locked._id } });
    expect(unlocked.isError, JSON.stringify(unlocked.content)).toBeFalsy();
    await mcp.close();

    // Upstream calls carried the service account's token, never the client's.
    const access = client.saved!.access_token;
    for (const request of e2e.sandbox.requests) {
      expect(JSON.stringify(request)).not.toContain(access);
    }
    expect(e2e.sandbox.serviceAccount.tokensIssued).toBe(1);
    // The audit record names the person, the client and the role.
    const record = (await e2e.audit()).find((r) => r.tool === 'user_unlock');
    expect(record?.principal).toMatchObject({
      email: admin.email,
      clientId: client.info!.client_id,
      role: 'JumpCloud role Administrator With Billing',
    });
    expect(e2e.logs.join('\n')).not.toContain(access);

    // Refresh: a new access token and a new (rotated) refresh token.
    const before = client.saved!;
    expect(await auth(client, { serverUrl: e2e.url })).toBe('AUTHORIZED');
    expect(client.saved!.access_token).not.toBe(before.access_token);
    expect(client.saved!.refresh_token).not.toBe(before.refresh_token);
    expect((await post(client.saved!.access_token, listRequest)).status).toBe(200);

    // Revocation of the refresh token ends the grant: its access token stops working.
    const metadata = (await (
      await fetch(`${e2e.origin}/.well-known/oauth-authorization-server`)
    ).json()) as { revocation_endpoint: string };
    const revoked = await fetch(metadata.revocation_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: client.saved!.refresh_token!,
        client_id: client.info!.client_id,
      }),
    });
    expect(revoked.status).toBe(200);
    const refused = await post(client.saved!.access_token, listRequest);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await refused.text()).toContain('revoked');
  }, 120_000);

  it('answers 50 concurrent calls with one service-account token, beside API-key clients', async () => {
    const { client } = await signedIn(e2e.admin('Administrator').email);
    const calls = Array.from({ length: 50 }, () =>
      post(client.saved!.access_token, {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'users_list', arguments: { limit: 1 } },
      }),
    );
    const answers = await Promise.all(calls);
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(e2e.sandbox.serviceAccount.tokensIssued).toBe(1);

    // An API key works at the same time, as before.
    const keyed = await fetch(e2e.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${e2e.sandbox.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(listRequest),
    });
    expect(keyed.status).toBe(200);
    const body = (await keyed.json()) as { result: { tools: unknown[] } };
    expect(body.result.tools).toHaveLength(generatedTools.length);
  }, 120_000);
});

const listRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
