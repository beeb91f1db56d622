import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { loadConfig } from '../../src/config.js';
import { connectClient } from '../e2e/harness.js';
import { API_KEY } from './fixtures/constants.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { TEST_TOOLS } from './fixtures/tools.js';

const OUTPUT_SCHEMA = {
  type: 'object',
  properties: { totalCount: { type: 'integer' }, results: { type: 'array' } },
  required: ['totalCount', 'results'],
};

/** The fixture tools, with an output schema on list_users. */
const TOOLS = TEST_TOOLS.map((tool) =>
  tool.name === 'list_users' ? { ...tool, outputSchema: OUTPUT_SCHEMA } : tool,
) as ToolDefinition[];

const connect = async (url: string) =>
  (await connectClient({ url, apiKey: API_KEY, name: 'test-client' })).client;

describe('--output-schemas / JUMPCLOUD_MCP_OUTPUT_SCHEMAS', () => {
  it('is off by default and read from the flag or the environment', () => {
    expect(loadConfig({ argv: [], env: {} }).outputSchemas).toBe(false);
    expect(loadConfig({ argv: ['--output-schemas'], env: {} }).outputSchemas).toBe(true);
    expect(loadConfig({ env: { JUMPCLOUD_MCP_OUTPUT_SCHEMAS: 'true' } }).outputSchemas).toBe(true);
  });
});

describe.each([
  ['stateless', {}],
  ['stateful', { JUMPCLOUD_MCP_STATEFUL: 'true' }],
] as const)('tools/list shape (%s)', (_mode, env) => {
  let upstream: FakeUpstream;
  let lean: TestHost;
  let full: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    lean = await startTestHost({ upstreamOrigin: upstream.origin, env, tools: TOOLS });
    full = await startTestHost({
      upstreamOrigin: upstream.origin,
      env: { ...env, JUMPCLOUD_MCP_OUTPUT_SCHEMAS: 'true' },
      tools: TOOLS,
    });
  });

  afterAll(async () => {
    await lean.close();
    await full.close();
    await upstream.close();
  });

  it('sends the title once, as annotations.title, and no output schema by default', async () => {
    const client = await connect(lean.url);
    const { tools } = await client.listTools();
    for (const tool of tools) {
      expect(tool.title).toBeUndefined();
      expect(tool.outputSchema).toBeUndefined();
      expect(tool.annotations?.title).toEqual(expect.any(String));
    }
    expect(tools.find((tool) => tool.name === 'list_users')?.annotations?.title).toBe('List users');
    await client.close();
  });

  it('sends the data once, as text, when no output schema is listed', async () => {
    const client = await connect(lean.url);
    await client.listTools();
    const result = (await client.callTool({
      name: 'list_users',
      arguments: { limit: 2 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toHaveLength(1);
    expect(result.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^totalCount: 2\n/),
    });
    await client.close();
  });

  it('lists output schemas when configured, and results satisfy them', async () => {
    const client = await connect(full.url);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'list_users')?.outputSchema).toEqual(OUTPUT_SCHEMA);
    expect(tools.find((tool) => tool.name === 'get_user')?.outputSchema).toBeUndefined();
    const result = (await client.callTool({
      name: 'list_users',
      arguments: { limit: 2 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ totalCount: 2 });
    await client.close();
  });
});
