import { describe, expect, it } from 'vitest';
import { postToolCall, startTestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';

describe('graceful shutdown', () => {
  it('refuses new connections and lets an in-flight call finish', async () => {
    const upstream = await startFakeUpstream();
    // The upstream never answers fail-timeout, so the call is in flight until its 1.5 s timeout.
    const host = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: { JUMPCLOUD_MCP_UPSTREAM_TIMEOUT_MS: '1500', JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '20000' },
    });
    const inFlight = postToolCall(host.url, 'get_user', { userId: 'fail-timeout' });
    while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const closed = host.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      result: { isError: boolean; content: { text: string }[] };
    };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toMatch(/did not answer within/);
    await closed;
    await expect(fetch(`${host.origin}/healthz`)).rejects.toThrow();
    await upstream.close();
  });
});
