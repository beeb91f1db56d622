import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectClient } from '../e2e/harness.js';
import { API_KEY } from './fixtures/constants.js';
import { startTestHost } from './fixtures/host.js';
import type { TestHost } from './fixtures/host.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';

describe('tools/call when JumpCloud fails', () => {
  let upstream: FakeUpstream;
  let host: TestHost;
  let client: Client;
  const results: string[] = [];

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    host = await startTestHost({
      upstreamOrigin: upstream.origin,
      // Each failure is met once per case: no rate budget, which would hold the key back for the
      // 17 seconds the 429 case asks for (test/scale covers that).
      env: { JUMPCLOUD_MCP_UPSTREAM_TIMEOUT_MS: '300', JUMPCLOUD_MCP_UPSTREAM_RATE: '0' },
    });
    ({ client } = await connectClient({ url: host.url, apiKey: API_KEY, name: 'claude-code' }));
  });
  afterAll(async () => {
    await client.close();
    await host.close();
    await upstream.close();
    // Every log line and every result of this file: the key never appears.
    expect(host.logs.length).toBeGreaterThan(0);
    for (const line of [...host.logs, ...results]) expect(line).not.toContain(API_KEY);
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    results.push(JSON.stringify(result));
    const first = result.content[0];
    return { result, text: first && first.type === 'text' ? first.text : '' };
  };

  it.each([
    ['400', /rejected the request as invalid \(HTTP 400\).*Bad filter: field "nmae" is unknown/],
    ['401', /did not accept the API key \(HTTP 401\)/],
    ['403', /not allowed to do this \(HTTP 403\).*organizationID/],
    ['404', /found no such object \(HTTP 404\).*use a list or search tool/],
    ['409', /conflict \(HTTP 409\)/],
    ['422', /could not process the request \(HTTP 422\).*email is invalid/],
    ['429', /rate limiting.*\(HTTP 429\)\. Retry after 17 seconds/],
    ['500', /server error \(HTTP 500\).*try again in a minute/],
    ['503', /server error \(HTTP 503\)/],
    ['malformed', /malformed \(non-JSON\) body/],
    ['html', /malformed \(non-JSON\) body/],
    ['drop', /connection failed or was dropped/],
    ['timeout', /did not answer within 300 ms.*may still have taken effect/],
    ['stall-error', /did not answer within 300 ms.*may still have taken effect/],
  ])(
    'upstream %s becomes an isError result that says what happened and what to do',
    async (failure, want) => {
      const { result, text } = await call('get_user', { userId: `fail-${failure}` });
      expect(result.isError).toBe(true);
      expect(text).toMatch(want);
      // Only sanitized text: no raw HTML, stack frames, headers or paths from the upstream body.
      expect(text).not.toMatch(/<html|secret-stack|\/srv\/|at Object\.|retry-after:|content-type/i);
    },
  );

  it('a redirect is not followed, so the key goes nowhere else', async () => {
    const before = upstream.requests.length;
    const { result, text } = await call('get_user', { userId: 'fail-redirect' });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/redirect \(HTTP 302\).*not followed/);
    expect(upstream.requests.slice(before).map((r) => r.url)).toEqual([
      '/api/systemusers/fail-redirect',
    ]);
  });

  it('logs one line per tool call with tool, duration, upstream status, org and principal fingerprint', async () => {
    await call('get_user', { userId: 'fail-404' });
    const line = host.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .reverse()
      .find((l) => l.msg === 'tool call');
    expect(line).toMatchObject({
      tool: 'get_user',
      outcome: 'tool-error',
      upstreamStatus: 404,
      upstreamCalls: 1,
      // Named from the clientInfo of its initialize (claude-code), remembered in stateless mode.
      client: 'claude',
    });
    expect(line?.principal).toMatch(/^key_[0-9a-f]{12}$/);
    expect(typeof line?.durationMs).toBe('number');
    expect(typeof line?.requestId).toBe('string');
  });

  it.each([
    ['a missing required argument', {}, /"userId" is required/],
    ['a wrong type', { userId: 42 }, /"userId" expected string, received number/],
    ['an unknown argument', { userId: 'a', extra: true }, /unknown argument\(s\): 'extra'/],
  ])(
    '%s is an isError result naming the argument, and nothing goes upstream',
    async (_name, args, want) => {
      const before = upstream.requests.length;
      const { result, text } = await call('get_user', args);
      expect(result.isError).toBe(true);
      expect(text).toMatch(want);
      expect(text).toMatch(/Nothing was sent to JumpCloud/);
      expect(upstream.requests.length).toBe(before);
    },
  );

  it('an unknown tool is an isError result, and nothing goes upstream', async () => {
    const before = upstream.requests.length;
    const { result, text } = await call('delete_everything', {});
    expect(result.isError).toBe(true);
    expect(text).toMatch(/no tool named 'delete_everything'/);
    expect(upstream.requests.length).toBe(before);
  });

  it('the server keeps serving after every failure', async () => {
    const { result } = await call('list_users', {});
    expect(result.isError).toBeFalsy();
  });
});
