/**
 * The deadline and cancellation of each upstream request (src/upstream/upstream-fetch.ts), through
 * both HTTP clients the server can use: the undici client, which takes the request's deadline as
 * its signal, and the global fetch, which gets an AbortSignal that follows it. A real server on
 * 127.0.0.1 answers at once, stalls before its headers, or stalls halfway through a body.
 */
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamError } from '../../src/upstream/errors.js';
import { createUndiciFetch } from '../../src/upstream/undici-client.js';
import { createUpstreamFetch } from '../../src/upstream/upstream-fetch.js';
import type { UpstreamStats } from '../../src/upstream/upstream-fetch.js';

const TIMEOUT_MS = 300;

describe.each([
  ['the undici client', () => createUndiciFetch()],
  ['the global fetch', () => globalThis.fetch],
])('an upstream request through %s', (_name, makeFetch) => {
  let origin = '';
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (req.url === '/before-headers') return;
    if (req.url === '/mid-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"results":[');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  const fetchImpl = makeFetch();

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, signal?: AbortSignal) => {
    const stats: UpstreamStats = { calls: 0, retries: 0 };
    const upstream = createUpstreamFetch({ timeoutMs: TIMEOUT_MS, signal, stats, fetchImpl });
    return { stats, answer: upstream(new Request(`${origin}${path}`)) };
  };
  const failureOf = (answer: Promise<Response>) =>
    answer.then(
      () => 'answered',
      (error: unknown) => (error as UpstreamError).failure,
    );

  it('is answered, and leaves no listener on the caller signal', async () => {
    const caller = new AbortController();
    const { answer } = send('/ok', caller.signal);
    expect(await (await answer).json()).toEqual({ ok: true });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it.each(['/before-headers', '/mid-body'])(
    'that stalls at %s times out after its deadline, and leaves no listener behind',
    async (path) => {
      const caller = new AbortController();
      const started = performance.now();
      const { answer } = send(path, caller.signal);
      expect(await failureOf(answer)).toBe('timeout');
      expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    },
  );

  it.each(['/before-headers', '/mid-body'])(
    'that stalls at %s is cancelled as soon as the caller aborts',
    async (path) => {
      const caller = new AbortController();
      const before = requests;
      const started = performance.now();
      const { answer } = send(path, caller.signal);
      // Aborted once the server has the request.
      while (requests === before) await new Promise((resolve) => setTimeout(resolve, 5));
      caller.abort();
      expect(await failureOf(answer)).toBe('cancelled');
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
    },
  );

  it('is not sent when the caller aborted before it', async () => {
    const before = requests;
    const { answer, stats } = send('/ok', AbortSignal.abort());
    expect(await failureOf(answer)).toBe('cancelled');
    expect(stats.calls).toBe(1);
    // A moment for a request that should not have left.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toBe(before);
  });
});
