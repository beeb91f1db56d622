import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, text } from '../e2e/harness.js';
import { API_KEY } from './fixtures/constants.js';

const connect = (
  url: string,
  { name = 'test-client', headers = {} as Record<string, string> } = {},
) => connectClient({ url, apiKey: API_KEY, name, headers });

describe.each([
  ['stateless', {}],
  ['stateful', { JUMPCLOUD_MCP_STATEFUL: 'true' }],
] as const)('a real MCP client over Streamable HTTP (%s)', (mode, env) => {
  let upstream: FakeUpstream;
  let host: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({ upstreamOrigin: upstream.origin, env });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
    expect(host.logs.length).toBeGreaterThan(0);
    for (const line of host.logs) expect(line).not.toContain(API_KEY);
  });

  it('initializes and reports server info and the tools capability', async () => {
    const { client, transport } = await connect(host.url);
    expect(client.getServerVersion()?.name).toBe('jumpcloud-mcp');
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect(transport.sessionId === undefined).toBe(mode === 'stateless');
    await client.close();
  });

  it('tools/list returns the precomputed definitions, sorted, with all annotations', async () => {
    const { client } = await connect(host.url);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'broken_tool',
      'get_user',
      'list_device_groups',
      'list_users',
      'unlock_user',
    ]);
    const getUser = tools.find((tool) => tool.name === 'get_user');
    expect(getUser?.inputSchema).toMatchObject({ type: 'object', required: ['userId'] });
    expect(getUser?.annotations).toEqual({
      title: 'Get user',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
    const unlock = tools.find((tool) => tool.name === 'unlock_user');
    // Hints at the spec's default (not read-only, open world) are left out of the listing.
    expect(unlock?.annotations).not.toHaveProperty('readOnlyHint');
    expect(unlock?.annotations).not.toHaveProperty('openWorldHint');
    expect(unlock?.annotations).toHaveProperty('destructiveHint');
    await client.close();
  });

  it('tools/list narrows with ?toolsets= and ?readOnly=', async () => {
    const { client } = await connect(`${host.url}?toolsets=users&readOnly=true`);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_user', 'list_users']);
    const result = (await client.callTool({
      name: 'unlock_user',
      arguments: { userId: 'x' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/'unlock_user' changes data.*read-only/);
    await client.close();
  });

  it('tools/call returns the list as compact rows, once, with the key sent upstream as x-api-key', async () => {
    const { client } = await connect(host.url);
    const before = upstream.requests.length;
    const result = (await client.callTool({
      name: 'list_users',
      arguments: { limit: 2 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(text(result)).toMatch(/^totalCount: 2\nresults \(2 rows\):\n_id,/);
    expect(result.structuredContent).toBeUndefined();
    const sent = upstream.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/api/systemusers?limit=2');
    expect(sent[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(sent[0]?.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('wraps an array result as { results } and answers a 204 with ok', async () => {
    const { client } = await connect(host.url);
    const groups = (await client.callTool({
      name: 'list_device_groups',
      arguments: {},
    })) as CallToolResult;
    expect(JSON.parse(text(groups))).toEqual({ results: [] });
    const unlocked = (await client.callTool({
      name: 'unlock_user',
      arguments: { userId: 'u1' },
    })) as CallToolResult;
    expect(unlocked.isError).toBeFalsy();
    expect(JSON.parse(text(unlocked))).toEqual({ ok: true });
    await client.close();
  });

  it('names the client in the upstream User-Agent by its clientInfo (stateless: of its last initialize), over its HTTP User-Agent', async () => {
    const { client } = await connect(host.url, {
      name: 'Cursor',
      headers: { 'User-Agent': 'Claude-User/1.0' },
    });
    const before = upstream.requests.length;
    await client.callTool({ name: 'list_users', arguments: {} });
    const agent = upstream.requests[before]?.headers['user-agent'];
    expect(agent).toBe('jumpcloudmcp-cursor-bot');
    await client.close();
  });

  it('an internal fault is a JSON-RPC -32603 error that reveals nothing', async () => {
    const { client } = await connect(host.url);
    const error = await client.callTool({ name: 'broken_tool', arguments: {} }).then(
      () => undefined,
      (caught: { code?: number; message?: string }) => caught,
    );
    expect(error?.code).toBe(-32603);
    expect(error?.message).not.toMatch(/cannot read/);
    await client.close();
  });
});
