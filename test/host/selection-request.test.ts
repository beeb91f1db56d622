/**
 * The per-connection selection (`?toolsets=`, `?tools=`, `?readOnly=` and their headers) reads
 * lists and booleans with the same functions as the settings, and answers 400 to a bad value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './fixtures/constants.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';
import { TEST_TOOLS } from './fixtures/tools.js';

const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
const READ_ONLY = TEST_TOOLS.filter((tool) => tool.annotations.readOnlyHint).length;

describe('readSelectionRequest(ctx) over HTTP', () => {
  let upstream: FakeUpstream;
  let host: TestHost;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({ upstreamOrigin: upstream.origin });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  const list = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${host.origin}/v1${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${API_KEY}`,
        ...headers,
      },
      body: LIST,
    });
  const count = async (response: Response) =>
    ((await response.json()) as { result: { tools: unknown[] } }).result.tools.length;

  it('sanity: some test tools change data', () => {
    expect(READ_ONLY).toBeGreaterThan(0);
    expect(READ_ONLY).toBeLessThan(TEST_TOOLS.length);
  });

  it.each([
    ['?readOnly=true', {}],
    ['?readOnly=YES', {}],
    ['?readOnly=on', {}],
    ['', { 'x-mcp-readonly': '1' }],
    ['', { 'x-mcp-readonly': 'On' }],
  ])('%s %j narrows to the read-only tools', async (query, headers) => {
    const response = await list(query, headers);
    expect(response.status).toBe(200);
    expect(await count(response)).toBe(READ_ONLY);
  });

  it.each([['?readOnly=off'], ['?readOnly=No'], ['?readOnly=0']])(
    '%s keeps every tool',
    async (query) => {
      const response = await list(query);
      expect(await count(response)).toBe(TEST_TOOLS.length);
    },
  );

  it.each([
    ['?readOnly=maybe', {}],
    ['?readOnly=', {}],
    ['', { 'x-mcp-readonly': 'sometimes' }],
  ])('%s %j gets 400 saying what is accepted', async (query, headers) => {
    const response = await list(query, headers);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe(
      'Bad request: readOnly must be true or false (also 1/0, yes/no, on/off).',
    );
  });

  it('?tools= is a comma-separated list, blanks ignored', async () => {
    const names = TEST_TOOLS.slice(0, 2).map((tool) => tool.name);
    const response = await list(`?tools=${encodeURIComponent(` ${names.join(' ,, ')} `)}`);
    expect(await count(response)).toBe(2);
  });
});
