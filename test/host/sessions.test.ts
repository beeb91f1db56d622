import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { connectClient } from '../e2e/harness.js';
import { API_KEY } from './fixtures/constants.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';

const OTHER_KEY = 'jca_AnotherKey9876543210zyxwvuTSRQ';
const ACCEPT = 'application/json, text/event-stream';

async function open(url: string, key = API_KEY) {
  const { client, transport } = await connectClient({ url, apiKey: key, name: 'test' });
  return { client, transport, sessionId: transport.sessionId as string };
}

describe('stateful mode sessions', () => {
  let upstream: FakeUpstream;
  let host: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: { JUMPCLOUD_MCP_STATEFUL: 'true', JUMPCLOUD_MCP_SESSION_CAP: '2' },
    });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  const listWith = (sessionId: string, key = API_KEY) =>
    fetch(host.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: ACCEPT,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });

  it('a request without a session id that is not initialize gets 400', async () => {
    const response = await fetch(host.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
        accept: ACCEPT,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(400);
  });

  it('a session opened with one key cannot be used with another (404, as if unknown)', async () => {
    const { client, sessionId } = await open(host.url);
    expect((await listWith(sessionId)).status).toBe(200);
    expect((await listWith(sessionId, OTHER_KEY)).status).toBe(404);
    await client.close();
  });

  it('DELETE ends a session; its id then gets 404', async () => {
    const { client, transport, sessionId } = await open(host.url);
    await transport.terminateSession();
    expect((await listWith(sessionId)).status).toBe(404);
    await client.close();
  });

  it('a failed tool call is also sent as a warning log message, honouring logging/setLevel', async () => {
    const { client } = await open(host.url);
    const messages: LoggingMessageNotification['params'][] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      messages.push(notification.params);
    });
    await client.callTool({ name: 'get_user', arguments: { userId: 'fail-404' } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ level: 'warning', logger: 'get_user' });
    expect(String(messages[0]?.data)).toMatch(/HTTP 404/);
    await client.setLoggingLevel('error');
    await client.callTool({ name: 'get_user', arguments: { userId: 'fail-404' } });
    expect(messages).toHaveLength(1);
    await client.close();
  });

  it('beyond the cap the least recently used session is closed', async () => {
    const first = await open(host.url);
    const second = await open(host.url);
    const third = await open(host.url);
    expect((await listWith(first.sessionId)).status).toBe(404);
    expect((await listWith(second.sessionId)).status).toBe(200);
    expect((await listWith(third.sessionId)).status).toBe(200);
    for (const { client } of [first, second, third]) await client.close();
  });
});
