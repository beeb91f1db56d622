import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './fixtures/constants.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';

const ACCEPT = 'application/json, text/event-stream';
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('the /v1 endpoint over plain HTTP', () => {
  let upstream: FakeUpstream;
  let host: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: { JUMPCLOUD_MCP_BODY_LIMIT: '2kb' },
    });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
    expect(host.logs.length).toBeGreaterThan(0);
    for (const line of host.logs) expect(line).not.toContain(API_KEY);
  });

  const post = (headers: Record<string, string>, body = LIST, path = '/v1') =>
    fetch(`${host.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
      body,
    });
  const auth = { authorization: `Bearer ${API_KEY}` };

  describe('Authorization', () => {
    it.each([
      ['no header', {}, /no Authorization header/],
      ['the key as x-api-key', { 'x-api-key': API_KEY }, /sent as x-api-key/],
      [
        'Basic credentials',
        { authorization: 'Basic dXNlcjpwYXNz' },
        /not of the form "Bearer <key>"/,
      ],
      ['an empty bearer', { authorization: 'Bearer ' }, /not of the form/],
      ['a malformed key', { authorization: 'Bearer short!key' }, /not a well-formed API key/],
    ])(
      '%s gets 401 with WWW-Authenticate and how to send the key',
      async (_name, headers, reason) => {
        const response = await post(headers);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="jumpcloud-mcp"/);
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(reason);
        expect(body.error.message).toContain('Authorization: Bearer <key>');
        expect(JSON.stringify(body)).not.toContain(API_KEY);
      },
    );

    it('a well-formed bearer key is accepted', async () => {
      const response = await post(auth);
      expect(response.status).toBe(200);
      expect(
        ((await response.json()) as { result: { tools: unknown[] } }).result.tools.length,
      ).toBeGreaterThan(0);
    });
  });

  describe('?organizationID=', () => {
    it('sends x-org-id upstream on every call of the request', async () => {
      const before = upstream.requests.length;
      const call = JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'list_users', arguments: {} },
      });
      const response = await post(auth, call, '/v1?organizationID=5F1B2C3D4E5F6A7B8C9D0E1F');
      expect(response.status).toBe(200);
      // The access check of the key for this organization (its first request), then list_users.
      const sent = upstream.requests.slice(before);
      expect(sent.map((r) => r.headers['x-org-id'])).toEqual([
        '5f1b2c3d4e5f6a7b8c9d0e1f',
        '5f1b2c3d4e5f6a7b8c9d0e1f',
      ]);
    });

    it('no organizationID sends no x-org-id', async () => {
      const before = upstream.requests.length;
      const call = JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'list_users', arguments: {} },
      });
      await post(auth, call);
      expect(upstream.requests[before]?.headers['x-org-id']).toBeUndefined();
    });

    it.each([
      ['not-an-org'],
      [''],
      ['5f1b2c3d4e5f6a7b8c9d0e1f&organizationID=5f1b2c3d4e5f6a7b8c9d0e20'],
    ])('a malformed id (%s) gets 400 with a clear message and nothing upstream', async (value) => {
      const before = upstream.requests.length;
      const response = await post(auth, LIST, `/v1?organizationID=${value}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /organizationID/,
      );
      expect(upstream.requests.length).toBe(before);
    });
  });

  describe('Origin and Host (DNS rebinding)', () => {
    it('a foreign Origin gets 403', async () => {
      const response = await post({ ...auth, origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /Origin .* is not allowed/,
      );
    });

    it('a loopback Origin is allowed and gets CORS headers', async () => {
      const response = await post({ ...auth, origin: 'http://localhost:6274' });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
    });

    it('a foreign Host gets 403 while bound to loopback', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${host.origin}/v1`,
          { method: 'POST', headers: { host: 'evil.example', ...auth } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(LIST);
      });
      expect(status).toBe(403);
    });
  });

  describe('limits and protocol faults', () => {
    it('a body over the limit gets 413', async () => {
      const big = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { pad: 'x'.repeat(4096) },
      });
      const response = await post(auth, big);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /limited to 2048 bytes/,
      );
    });

    it('a body that is not JSON gets a JSON-RPC parse error', async () => {
      const response = await post(auth, '{"jsonrpc": ');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
    });

    it('an unknown method is a JSON-RPC error, not a crash', async () => {
      const response = await post(
        auth,
        JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'resources/list' }),
      );
      const body = (await response.json()) as { error: { code: number } };
      expect(body.error.code).toBe(-32601);
    });

    it('GET /v1 in stateless mode is 405 with Allow: POST', async () => {
      const response = await fetch(`${host.origin}/v1`, {
        headers: { ...auth, accept: 'text/event-stream' },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('an unknown toolset in ?toolsets= gets 400 naming the known ones', async () => {
      const response = await post(auth, LIST, '/v1?toolsets=users,printers');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /Unknown toolset 'printers'.*Valid toolsets: all, /,
      );
    });
  });

  describe('health and headers', () => {
    it('/healthz and /readyz answer without a key, with security headers', async () => {
      const live = await fetch(`${host.origin}/healthz`);
      expect(live.status).toBe(200);
      expect(live.headers.get('x-content-type-options')).toBe('nosniff');
      expect(live.headers.get('content-security-policy')).toContain("default-src 'none'");
      const ready = await fetch(`${host.origin}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready' });
    });

    const SECURITY = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    };
    const message = (method: string, id?: number) =>
      JSON.stringify({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method });
    it.each([
      ['tools/list, written by the endpoint', auth, LIST, 200, undefined],
      ['a notification (202)', auth, message('notifications/initialized'), 202, undefined],
      [
        'a request the SDK answers (an error in a 200)',
        auth,
        message('initialize', 3),
        200,
        undefined,
      ],
      ['a refused sign-in (401)', {}, LIST, 401, undefined],
      [
        'a wrong Content-Type (415)',
        { ...auth, 'content-type': 'text/plain' },
        LIST,
        415,
        undefined,
      ],
      ['a body that is not JSON (400)', auth, '{', 400, undefined],
      ['a CORS request from an allowed Origin', auth, LIST, 200, 'http://localhost:5173'],
    ])(
      'every answer to a POST to /v1 carries the security headers and its X-Request-Id once: %s',
      async (_name, headers, body, status, origin) => {
        const response = await post({ ...headers, ...(origin ? { origin } : {}) }, body);
        expect(response.status).toBe(status);
        for (const [name, value] of Object.entries(SECURITY))
          expect(response.headers.get(name), name).toBe(value);
        const id = response.headers.get('x-request-id');
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        if (origin) expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        await response.arrayBuffer();
        await new Promise((done) => setTimeout(done, 20));
        const line = host.logs.find((text) => text.includes(id!));
        expect(line, 'the request log line names the same id').toBeDefined();
        expect(JSON.parse(line!)).toMatchObject({ requestId: id, status, msg: 'http request' });
      },
    );
  });
});
