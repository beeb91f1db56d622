import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUndiciFetch } from '../../src/upstream/undici-client.js';

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

  it('rejects when the signal is aborted', async () => {
    await expect(
      upstreamFetch(`${origin}/api/x`, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});
