/**
 * What the built-in authorization server refuses, driven through the real sign-in pages in
 * Chromium: a reused authorization code (and the tokens it gave stop working), a PKCE mismatch,
 * redirect URIs that were not registered, a callback whose state was not started in this browser,
 * a person who is not an administrator, a declined consent; and what a read-only administrator is
 * shown and granted.
 */
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOAuthClient, signInInBrowser, startOAuthE2e } from './oauth-harness.js';
import type { OAuthE2e } from './oauth-harness.js';

let e2e: OAuthE2e;
beforeAll(async () => {
  e2e = await startOAuthE2e();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

async function authorizationUrl(client = new MemoryOAuthClient(e2e.redirectUri)) {
  expect(await auth(client, { serverUrl: e2e.url })).toBe('REDIRECT');
  return { client, url: client.authorizationUrl! };
}

async function browse(url: URL | string, email: string, consent: 'allow' | 'deny' = 'allow') {
  return signInInBrowser({
    browser: await e2e.browser(),
    authorizationUrl: String(url),
    redirectUri: e2e.redirectUri,
    email,
    consent,
  });
}

async function tokenRequest(params: Record<string, string>) {
  const response = await fetch(`${e2e.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const listTools = (token: string) =>
  fetch(e2e.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });

describe('built-in authorization server refusals', () => {
  it('refuses a reused authorization code and revokes what it gave', async () => {
    const { client, url } = await authorizationUrl();
    const { redirect } = await browse(url, e2e.admin('Administrator').email);
    const code = redirect.searchParams.get('code')!;
    expect(await auth(client, { serverUrl: e2e.url, authorizationCode: code })).toBe('AUTHORIZED');
    expect((await listTools(client.saved!.access_token)).status).toBe(200);
    const again = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: e2e.redirectUri,
      client_id: client.info!.client_id,
      code_verifier: client.verifier,
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await listTools(client.saved!.access_token)).status).toBe(401);
  }, 120_000);

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const { client, url } = await authorizationUrl();
    const { redirect } = await browse(url, e2e.admin('Administrator').email);
    const answer = await tokenRequest({
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: e2e.redirectUri,
      client_id: client.info!.client_id,
      code_verifier: 'x'.repeat(43),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
  }, 120_000);

  it.each([
    ['an unregistered redirect URI', 'https://evil.example/callback'],
    ['a registered URI with another path', '/../evil'],
    ['a registered URI with another query', '?next=https://evil.example'],
  ])('never redirects to %s', async (_name, variant) => {
    const { url } = await authorizationUrl();
    const redirectUri = variant.startsWith('https://') ? variant : `${e2e.redirectUri}${variant}`;
    url.searchParams.set('redirect_uri', redirectUri);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('refuses a sign-in callback whose state this browser did not start', async () => {
    const browser = await e2e.browser();
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${e2e.origin}/oauth/callback?code=stolen&state=forged`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#message').innerText()).toContain('state mismatch');
    await context.close();
  });

  it('refuses a person who is not an administrator of the organization', async () => {
    const { url } = await authorizationUrl();
    const outsider = e2e.sandbox.org(e2e.sandbox.orgIds[1]!)!.admins[0]!.email;
    const { redirect, consentText } = await browse(url, outsider);
    expect(consentText).toBeUndefined();
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('error_description')).toContain('not an administrator');
  }, 120_000);

  it('refuses a suspended administrator', async () => {
    const { url } = await authorizationUrl();
    const suspended = e2e.sandbox.org(e2e.sandbox.orgIds[0]!)!.admins.find((a) => a.suspended)!;
    const { redirect } = await browse(url, suspended.email);
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('error_description')).toContain('suspended');
  }, 120_000);

  it('sends access_denied when the person declines', async () => {
    const { url } = await authorizationUrl();
    const { redirect } = await browse(url, e2e.admin('Administrator').email, 'deny');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
  }, 120_000);

  it('shows a read-only administrator what is withheld and grants only jumpcloud.read', async () => {
    const { client, url } = await authorizationUrl();
    const { redirect, consentText } = await browse(url, e2e.admin('Read Only').email);
    expect(consentText).toContain('Read Only');
    expect(consentText).toContain('Your role does not allow it to');
    const code = redirect.searchParams.get('code')!;
    expect(await auth(client, { serverUrl: e2e.url, authorizationCode: code })).toBe('AUTHORIZED');
    expect(client.saved!.scope).toBe('jumpcloud.read');
  }, 120_000);
});
