import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciFetch } from '../../src/upstream/undici-client.js';
import { createUpstreamApi } from '../../src/upstream/create-upstream-api.js';
import { apiKeyCredential } from '../../src/auth/api-key.js';
import { createUpstreamProbe } from '../../src/auth/upstream-probe.js';
import type { Credential } from '../../src/auth/types.js';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('createUndiciFetch()', () => {
  const seen: Seen[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/gzip')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ results: [{ _id: 'u1' }] })));
        return;
      }
      if (req.url === '/chunks') {
        // A body in parts, the last one after a pause: read whole, in order.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"parts":["a",');
        res.write(`"${'b'.repeat(100_000)}",`);
        setTimeout(() => res.end('"c"]}'), 20);
        return;
      }
      if (req.url === '/stall') {
        // Headers and half a body, then nothing: only the caller's signal ends the wait.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"results":[');
        return;
      }
      if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' });
      res.end(JSON.stringify({ received: body }));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const upstreamFetch = createUndiciFetch({ connections: 2 });

  it('sends the method, path with query, headers and body, and returns status, headers and body', async () => {
    const response = await upstreamFetch(`${origin}/api/systemusers?limit=2&skip=1`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ received: '{"a":1}' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/api/systemusers?limit=2&skip=1' });
    expect(request.headers['x-api-key']).toBe('k');
    expect(request.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each([
    ['the undici client', () => upstreamFetch],
    ['global fetch', () => globalThis.fetch],
  ])(
    "through %s, the organization, user agent and key are the caller's whatever headers a request names",
    async (_name, fetchOf) => {
      const api = createUpstreamApi<{ v1: Record<string, object> }>({
        baseUrls: { v1: `${origin}/api` },
        credential: apiKeyCredential('jca_0123456789abcdef0123456789abcdef01234567'),
        orgId: '0123456789abcdef01234567',
        clientName: 'cursor',
        timeoutMs: 5_000,
        fetchImpl: fetchOf(),
      });
      const client = api.v1 as unknown as {
        POST(path: string, init: object): Promise<{ response: Response }>;
      };
      const { response } = await client.POST('/search/systemusers', {
        body: { filter: [] },
        headers: { 'x-org-id': 'ffffffffffffffffffffffff', 'x-api-key': 'other', 'x-trace': 't1' },
      });
      expect(response.status).toBe(201);
      const { headers, body } = seen.at(-1)!;
      expect(headers).toMatchObject({
        'x-org-id': '0123456789abcdef01234567',
        'x-api-key': 'jca_0123456789abcdef0123456789abcdef01234567',
        'user-agent': 'jumpcloudmcp-cursor-bot',
        accept: 'application/json',
        'content-type': 'application/json',
        'x-trace': 't1',
      });
      expect(body).toBe('{"filter":[]}');
    },
  );

  it("makes each spec's client when first read, once per call's API, with that call's credential", async () => {
    type Get = { GET(path: string): Promise<{ response: Response }> };
    const baseUrls = { v1: `${origin}/api`, v2: `${origin}/api/v2` };
    const apiOf = (key: string) =>
      createUpstreamApi<{ v1: Record<string, object>; v2: Record<string, object> }>({
        baseUrls,
        credential: apiKeyCredential(key),
        clientName: 'cursor',
        timeoutMs: 5_000,
        fetchImpl: upstreamFetch,
      });
    const first = apiOf('jca_0123456789abcdef0123456789abcdef01234567');
    const second = apiOf('jca_76543210fedcba9876543210fedcba9876543210');
    expect(Object.keys(first).sort()).toEqual([]);
    expect('v1' in first && 'v2' in first).toBe(true);
    const v2 = first.v2 as unknown as Get;
    expect(first.v2).toBe(v2);
    expect(Object.keys(first)).toEqual(['v2']);
    await v2.GET('/usergroups');
    expect(seen.at(-1)).toMatchObject({ url: '/api/v2/usergroups' });
    expect(seen.at(-1)!.headers['x-api-key']).toBe('jca_0123456789abcdef0123456789abcdef01234567');
    // Another call's API has clients of its own, bound to its own credential.
    expect(second.v2).not.toBe(v2);
    await (second.v1 as unknown as Get).GET('/systemusers');
    expect(seen.at(-1)).toMatchObject({ url: '/api/systemusers' });
    expect(seen.at(-1)!.headers['x-api-key']).toBe('jca_76543210fedcba9876543210fedcba9876543210');
  });

  it('decodes a gzip body and drops content-encoding, as fetch would', async () => {
    const response = await upstreamFetch(new Request(`${origin}/gzip`));
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({ results: [{ _id: 'u1' }] });
  });

  it('answers a 204 with no body', async () => {
    const response = await upstreamFetch(`${origin}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('reads a body that arrives in parts whole and in order', async () => {
    const response = await upstreamFetch(`${origin}/chunks`);
    expect(await response.json()).toEqual({ parts: ['a', 'b'.repeat(100_000), 'c'] });
  });

  it('stops waiting for a body that stalls when the signal is aborted, and the pool still serves', async () => {
    const controller = new AbortController();
    const answer = upstreamFetch(`${origin}/stall`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(answer).rejects.toThrow();
    const response = await upstreamFetch(`${origin}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
  });

  it('stops waiting for a request still queued for a connection when the signal is aborted', async () => {
    const single = createUndiciFetch({ connections: 1 });
    const holding = new AbortController();
    const first = single(`${origin}/stall`, { signal: holding.signal });
    const queued = new AbortController();
    const second = single(`${origin}/empty`, { method: 'DELETE', signal: queued.signal });
    setTimeout(() => queued.abort(), 50);
    await expect(second).rejects.toThrow();
    holding.abort();
    await expect(first).rejects.toThrow();
  });

  it('rejects when the signal is aborted', async () => {
    await expect(
      upstreamFetch(`${origin}/api/x`, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});

describe('the access check probe', () => {
  const seen: Record<string, string | string[] | undefined>[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const probe = /^\/probe\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '200';
    if (probe === 'hang') return;
    if (probe === 'drop') {
      req.socket.destroy();
      return;
    }
    const json = JSON.stringify({ results: [{ _id: 'u1' }] });
    if (probe.startsWith('gzip')) {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(probe === 'gzip' ? json : '<html>'));
      return;
    }
    const status = Number(/\d+/.exec(probe)?.[0] ?? 200);
    const body = probe === 'html' ? '<html>proxy error</html>' : probe === 'empty' ? '' : json;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 204 || status === 304 ? undefined : body);
  });
  const credential: Credential = {
    fingerprint: 'f',
    headers: async () => ({ 'x-api-key': 'k' }),
  } as unknown as Credential;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const CASES = [
    '200',
    'html',
    'empty',
    'gzip',
    'gzip-html',
    '204',
    '302',
    '304',
    '401',
    '403',
    '429',
    '500',
    'drop',
    'hang',
  ];

  it('reports the same status without Fetch API objects as through createUpstreamFetch', async () => {
    const undici = createUndiciFetch({ connections: 2 });
    // The same undici client without its plain GET: the probe then goes through createUpstreamFetch.
    const viaFetch: typeof fetch = (input, init) => undici(input, init);
    const answers: Record<string, [number | undefined, number | undefined]> = {};
    for (const kind of CASES) {
      const ask = (fetchImpl: typeof fetch, orgId?: string) =>
        createUpstreamProbe({ v1BaseUrl: `${origin}/probe/${kind}`, timeoutMs: 300, fetchImpl })({
          credential,
          orgId,
        });
      answers[kind] = [await ask(undici, 'org1'), await ask(viaFetch, 'org1')];
    }
    for (const [kind, [plain, fetched]] of Object.entries(answers)) {
      expect({ kind, status: plain }).toEqual({ kind, status: fetched });
    }
    expect(answers['200']![0]).toBe(200);
    expect(answers.html![0]).toBeUndefined();
    expect(answers['gzip-html']![0]).toBeUndefined();
    expect(answers.gzip![0]).toBe(200);
    expect(answers['401']![0]).toBe(401);
    expect(answers.hang![0]).toBeUndefined();
    expect(answers.drop![0]).toBeUndefined();
    // Both send the same headers.
    const [plainHeaders, fetchHeaders] = seen.slice(0, 2).map((headers) => {
      const { host: _host, connection: _connection, ...rest } = headers;
      return rest;
    });
    expect(plainHeaders).toEqual(fetchHeaders);
    expect(plainHeaders).toMatchObject({
      'x-api-key': 'k',
      'x-org-id': 'org1',
      accept: 'application/json',
    });
  });
});
