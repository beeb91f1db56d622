/**
 * Who may connect, and to which organization, end to end: a mistyped organization parameter or an
 * `x-org-id` header is refused before anything reaches JumpCloud, a session stays bound to its
 * principal and organization, a key JumpCloud refuses is answered with HTTP 401 when the client
 * connects, and an organization the key cannot reach is named as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, startE2e, text } from './harness.js';
import type { E2e } from './harness.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'access-test', version: '1.0.0' },
  },
};

/** An unknown organization id: well-formed, but the sandbox holds no such organization. */
const NO_SUCH_ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';

async function post({
  e2e,
  query = '',
  key = e2e.sandbox.apiKey,
  headers = {},
  body = INITIALIZE,
}: {
  e2e: E2e;
  query?: string;
  key?: string;
  headers?: Record<string, string>;
  body?: unknown;
}) {
  const response = await fetch(`${e2e.url}${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  e2e.seen.push(raw);
  return { status: response.status, headers: response.headers, raw };
}

function messageOf(raw: string): string {
  return (JSON.parse(raw) as { error: { message: string } }).error.message;
}

describe('stateless: parameters, keys and organizations', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it.each([
    ['organizationId', 'organizationID'],
    ['orgId', 'organizationID'],
    ['org', 'organizationID'],
    ['organization_id', 'organizationID'],
    ['readonly', 'readOnly'],
    ['toolSets', 'toolsets'],
  ])(
    '?%s= is refused with HTTP 400 naming %s, and nothing reaches JumpCloud',
    async (name, right) => {
      e2e.sandbox.clearRequests();
      const orgId = e2e.sandbox.orgIds[1] as string;
      const out = await post({ e2e, query: `?${name}=${orgId}` });
      expect(out.status).toBe(400);
      expect(messageOf(out.raw)).toContain(`"${name}"`);
      expect(messageOf(out.raw)).toContain(right);
      expect(e2e.sandbox.requests).toEqual([]);
    },
  );

  it('an unknown parameter is refused with HTTP 400 listing the parameters this endpoint takes', async () => {
    const out = await post({ e2e, query: '?colour=blue' });
    expect(out.status).toBe(400);
    expect(messageOf(out.raw)).toMatch(/"colour".*organizationID, toolsets, tools and readOnly/);
  });

  it('an x-org-id header from the client is refused with HTTP 400 naming ?organizationID=', async () => {
    e2e.sandbox.clearRequests();
    const out = await post({ e2e, headers: { 'x-org-id': e2e.sandbox.orgIds[1] as string } });
    expect(out.status).toBe(400);
    expect(messageOf(out.raw)).toMatch(/x-org-id.*\?organizationID=/);
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('a key JumpCloud refuses gets HTTP 401 at initialize, after one check upstream, and none for the next connection', async () => {
    const bogus = 'jca_NotAKeyTheSandboxKnowsAtAll0123456789';
    e2e.sandbox.clearRequests();
    const first = await post({ e2e, key: bogus });
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect(messageOf(first.raw)).toMatch(/JumpCloud did not accept the API key/);
    expect(e2e.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/systemusers 401',
    ]);
    const again = await post({ e2e, key: bogus });
    expect(again.status).toBe(401);
    expect(e2e.sandbox.requests).toHaveLength(1);
    expect(first.raw).not.toContain(bogus);
  });

  it('the MCP client sees the refused key as a failed connection, and no tool call goes upstream', async () => {
    const bogus = 'jca_AnotherKeyTheSandboxDoesNotKnow0123456';
    e2e.sandbox.clearRequests();
    await expect(e2e.connect({ apiKey: bogus })).rejects.toThrow(/401|JumpCloud did not accept/);
    expect(e2e.sandbox.requests.filter((r) => r.query.limit !== '1')).toEqual([]);
  });

  it('a valid key is checked once, then served without further checks', async () => {
    const key = e2e.sandbox.orgApiKeys[0] as string;
    e2e.sandbox.clearRequests();
    const client = await e2e.connect({ apiKey: key });
    await e2e.ok(client, 'users_list', { limit: 2 });
    await e2e.connect({ apiKey: key });
    const checks = e2e.sandbox.requests.filter(
      (r) => r.path === '/api/systemusers' && r.query.fields === '_id',
    );
    expect(checks).toHaveLength(1);
  });

  it('an unknown organization id is refused at initialize, saying the organization is unknown or unreachable', async () => {
    const out = await post({ e2e, query: `?organizationID=${NO_SUCH_ORG}` });
    expect(out.status).toBe(403);
    const message = messageOf(out.raw);
    expect(message).toContain(NO_SUCH_ORG);
    expect(message).toMatch(/organization .* unknown|cannot reach/);
    expect(message).not.toMatch(/did not accept the API key/);
  });

  it('an organization the key cannot reach is refused the same way', async () => {
    const out = await post({
      e2e,
      key: e2e.sandbox.orgApiKeys[1] as string,
      query: `?organizationID=${e2e.sandbox.orgIds[0]}`,
    });
    expect(out.status).toBe(403);
    expect(messageOf(out.raw)).toContain(e2e.sandbox.orgIds[0]);
  });

  it('a tool call refused for the organization says so, not that the key is bad', async () => {
    // The organization check passed at connection time; later JumpCloud refuses the organization.
    const orgId = e2e.sandbox.orgIds[1] as string;
    const client = await e2e.connect({ orgId });
    const user = e2e.sandbox.org(orgId)!.users[0]!;
    e2e.sandbox.faults.set({ method: 'GET', path: `/api/systemusers/${user._id}`, status: 401 });
    const out = await e2e.call(client, 'user_get', { id: user._id });
    e2e.sandbox.faults.clear();
    expect(out.isError).toBe(true);
    expect(text(out)).toContain(orgId);
    expect(text(out)).toMatch(/organization/);
    expect(text(out)).not.toMatch(/did not accept the API key/);
  });

  it('destructive previews name the organization', async () => {
    const orgId = e2e.sandbox.orgIds[1] as string;
    const org = e2e.sandbox.org(orgId)!;
    const client = await e2e.connect({ orgId });
    const user = org.users.find((u) => u.state === 'ACTIVATED' && !u.suspended)!;
    const preview = await e2e.call(client, 'user_suspend', { id: user._id });
    expect(text(preview)).toMatch(/^Confirmation required/);
    expect(text(preview)).toContain(`Organization: ${orgId}`);
  });

  it('audit records name the principal and the organization', async () => {
    const records = await e2e.audit();
    const previewed = records.find((r) => r.outcome === 'previewed')!;
    expect(previewed).toMatchObject({
      principal: {
        kind: 'api-key',
        fingerprint: expect.stringMatching(/^key_[0-9a-f]{12}$/),
        displayName: expect.stringMatching(/^API key key_[0-9a-f]{12}$/),
      },
      orgId: e2e.sandbox.orgIds[1],
    });
  });

  it('users_list through the chosen organization still works after all this', async () => {
    const client = await e2e.connect({ orgId: e2e.sandbox.orgIds[1] as string });
    const page = data<{ results: unknown[] }>(await e2e.ok(client, 'users_list', { limit: 1 }));
    expect(page.results).toHaveLength(1);
  });
});

describe('stateful: a session is bound to its principal and its organization', () => {
  let e2e: E2e;
  let orgA: string;
  let orgB: string;
  let session: string;

  beforeAll(async () => {
    e2e = await startE2e({ argv: () => ['--stateful'] });
    [orgA, orgB] = e2e.sandbox.orgIds as [string, string];
    const opened = await post({ e2e, query: `?organizationID=${orgA}` });
    expect(opened.status).toBe(200);
    session = opened.headers.get('mcp-session-id') as string;
    expect(session).toBeTruthy();
    const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
    const sent = await post({
      e2e,
      query: `?organizationID=${orgA}`,
      headers: { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
      body: initialized,
    });
    expect(sent.status).toBe(202);
  });
  afterAll(() => e2e?.close());

  const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };

  it.each([
    ['another organizationID', () => `?organizationID=${orgB}`],
    ['no organizationID', () => ''],
  ])('a request with the session id and %s gets 404 like an unknown session', async (_, query) => {
    e2e.sandbox.clearRequests();
    const out = await post({
      e2e,
      query: query(),
      headers: { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
      body: list,
    });
    expect(out.status).toBe(404);
    expect(messageOf(out.raw)).toMatch(/Session not found/);
    expect(e2e.sandbox.requests.filter((r) => r.query.fields !== '_id')).toEqual([]);
  });

  it('another key with the session id gets 404', async () => {
    const out = await post({
      e2e,
      key: e2e.sandbox.orgApiKeys[0] as string,
      query: `?organizationID=${orgA}`,
      headers: { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
      body: list,
    });
    expect(out.status).toBe(404);
  });

  it('the same principal and organization still reach the session', async () => {
    const out = await post({
      e2e,
      query: `?organizationID=${orgA}`,
      headers: { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
      body: list,
    });
    expect(out.status).toBe(200);
    expect(out.raw).toContain('users_list');
  });
});
