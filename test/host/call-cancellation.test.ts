/**
 * A client that goes away before its answer cancels its tool call: the server drops the upstream
 * request it was waiting on at once, not at the upstream timeout, and goes on serving. Stateless
 * tools/call through the real host, in front of the fake upstream, whose `fail-timeout` never
 * answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToolCall, startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';

const UPSTREAM_TIMEOUT_MS = 20_000;

describe('a tools/call whose client goes away', () => {
  let upstream: FakeUpstream;
  let host: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: {
        JUMPCLOUD_MCP_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
        JUMPCLOUD_MCP_UPSTREAM_RATE: '0',
      },
    });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  const post = (userId: string, signal?: AbortSignal) =>
    postToolCall(host.url, 'get_user', { userId }, signal);

  const until = async (what: () => boolean, ms: number) => {
    const end = performance.now() + ms;
    while (!what() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
    return what();
  };

  it('drops its upstream request at once, and the server serves the next call', async () => {
    const path = '/api/systemusers/fail-timeout';
    const client = new AbortController();
    const answer = post('fail-timeout', client.signal).catch((error: unknown) => error);
    expect(await until(() => upstream.requests.some((r) => r.url === path), 5_000)).toBe(true);
    expect(upstream.abandoned).toEqual([]);
    const left = performance.now();
    client.abort();
    expect(await answer).toBeInstanceOf(Error);
    expect(await until(() => upstream.abandoned.includes(path), 5_000)).toBe(true);
    expect(performance.now() - left).toBeLessThan(UPSTREAM_TIMEOUT_MS / 4);

    const next = await post('5f1b2c3d4e5f6a7b8c9d0e1f');
    expect(next.status).toBe(200);
    expect(JSON.stringify(await next.json())).toContain('ada@example.com');
  });
});
