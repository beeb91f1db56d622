/**
 * /metrics scraped and parsed (parse-prometheus-text-format): the series a dashboard needs, and
 * never a credential, a person or an object id in a label. Also its own port, the off switch,
 * the per-key budget of tool calls and --trust-proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { callTool, sample, scrape, startReplicas, text } from './replicas.js';
import type { Replicas } from './replicas.js';

let sandbox: Sandbox;
let users: SystemUser[];

beforeAll(async () => {
  sandbox = await startSandbox({});
  users = sandbox.org(sandbox.orgIds[0] as string)!.users;
});
afterAll(() => sandbox?.close());

describe('GET /metrics', () => {
  let cluster: Replicas;
  beforeAll(async () => {
    cluster = await startReplicas({ count: 1, sandbox, store: 'memory', prefix: 'jcmcp:' });
  });
  afterAll(() => cluster?.close());

  it('counts tool calls, durations, upstream requests by operation, confirmations and the process', async () => {
    const client = await cluster.connect(0);
    const user = users[3]!;
    await callTool(client, 'user_get', { id: user._id });
    await callTool(client, 'user_get', { id: user._id });
    await callTool(client, 'users_list', { limit: 2 });
    await callTool(client, 'user_get', { id: 42 });
    await callTool(client, 'no_such_tool', {});
    const path = `/api/systemusers/${users[4]!._id}`;
    sandbox.faults.set({ method: 'GET', path, status: 503, times: 1 });
    await callTool(client, 'user_get', { id: users[4]!._id });
    await callTool(client, 'user_suspend', { id: user._id });

    const response = await fetch(`${cluster.replicas[0]!.origin}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    const metrics = await scrape(`${cluster.replicas[0]!.origin}/metrics`);
    const p = 'jumpcloud_mcp_';
    expect(sample(metrics, `${p}tool_calls_total`, { tool: 'user_get', outcome: 'ok' })).toBe(3);
    expect(
      sample(metrics, `${p}tool_calls_total`, { tool: 'user_get', outcome: 'invalid-arguments' }),
    ).toBe(1);
    expect(
      sample(metrics, `${p}tool_calls_total`, { tool: 'other', outcome: 'not-callable' }),
    ).toBe(1);
    expect(
      sample(metrics, `${p}tool_calls_total`, {
        tool: 'user_suspend',
        outcome: 'previewed',
      }),
    ).toBe(1);
    expect(metrics.find((f) => f.name === `${p}tool_call_duration_seconds`)?.type).toBe(
      'HISTOGRAM',
    );
    expect(
      sample(metrics, `${p}upstream_requests_total`, {
        api: 'v1',
        operation: 'GET /systemusers/{id}',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(4);
    expect(
      sample(metrics, `${p}upstream_requests_total`, {
        api: 'v1',
        operation: 'POST /search/systemusers',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sample(metrics, `${p}upstream_requests_total`, {
        operation: 'GET /systemusers/{id}',
        status: '503',
      }),
    ).toBe(1);
    expect(
      sample(metrics, `${p}upstream_retries_total`, {
        operation: 'GET /systemusers/{id}',
        reason: '503',
      }),
    ).toBe(1);
    for (const name of [
      `${p}confirmations_total`,
      `${p}rate_limit_refusals_total`,
      `${p}rate_limit_wait_seconds`,
      `${p}store_errors_total`,
      `${p}sessions`,
      `${p}upstream_throttles_total`,
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(metrics.map((f) => f.name)).toContain(name);
    }
    // No credential, person or object id anywhere in the exposition.
    for (const secret of [sandbox.apiKey, user._id, user.username, user.email, users[4]!._id]) {
      expect(body).not.toContain(secret);
    }
    expect(body).not.toMatch(/key_[0-9a-f]{12}/);
  });
});

describe('metrics settings', () => {
  it('--metrics-port serves /metrics apart from the MCP port, which then has none', async () => {
    const cluster = await startReplicas({
      count: 1,
      sandbox,
      store: 'memory',
      prefix: 'jcmcp:',
      argv: ['--metrics-port', '0'],
    });
    try {
      const { server, origin } = cluster.replicas[0]!;
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(server.metricsUrl).not.toContain(origin);
      const metrics = await scrape(server.metricsUrl!);
      expect(metrics.map((f) => f.name)).toContain('jumpcloud_mcp_tool_calls_total');
      expect((await fetch(`${origin}/metrics`)).status).toBe(404);
      expect((await fetch(server.metricsUrl!.replace('/metrics', '/v1'))).status).toBe(404);
    } finally {
      await cluster.close();
    }
  });

  it('--metrics false: no /metrics', async () => {
    const cluster = await startReplicas({
      count: 1,
      sandbox,
      store: 'memory',
      prefix: 'jcmcp:',
      argv: ['--metrics', 'false'],
    });
    try {
      expect((await fetch(`${cluster.replicas[0]!.origin}/metrics`)).status).toBe(404);
    } finally {
      await cluster.close();
    }
  });

  it('stateful mode reports its open sessions', async () => {
    const cluster = await startReplicas({
      count: 1,
      sandbox,
      store: 'memory',
      prefix: 'jcmcp:',
      argv: ['--stateful'],
    });
    try {
      await cluster.connect(0);
      await cluster.connect(0);
      const metrics = await scrape(`${cluster.replicas[0]!.origin}/metrics`);
      expect(sample(metrics, 'jumpcloud_mcp_sessions')).toBe(2);
    } finally {
      await cluster.close();
    }
  });
});

describe('--tool-calls-per-minute', () => {
  it('refuses calls beyond the budget with when to retry, sending nothing', async () => {
    const cluster = await startReplicas({
      count: 1,
      sandbox,
      store: 'memory',
      prefix: 'jcmcp:',
      argv: ['--tool-calls-per-minute', '2'],
    });
    try {
      const client = await cluster.connect(0);
      for (let i = 0; i < 2; i += 1) {
        const ok = await callTool(client, 'user_get', { id: users[0]!._id });
        expect(ok.isError, text(ok)).toBeFalsy();
      }
      sandbox.clearRequests();
      const refused = await callTool(client, 'user_get', { id: users[0]!._id });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(
        /^Too many tool calls with this API key: at most 2 per minute .* Retry after \d+ seconds?\.$/,
      );
      expect(sandbox.requests).toEqual([]);
      // Another key has a budget of its own.
      const other = await cluster.connect(0, sandbox.orgApiKeys[0]);
      expect((await callTool(other, 'user_get', { id: users[0]!._id })).isError).toBeFalsy();
      const metrics = await scrape(`${cluster.replicas[0]!.origin}/metrics`);
      expect(
        sample(metrics, 'jumpcloud_mcp_rate_limit_refusals_total', { scope: 'tool_calls' }),
      ).toBe(1);
    } finally {
      await cluster.close();
    }
  });
});

describe('--trust-proxy', () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-host': 'mcp.example.com' };

  it.each([
    ['without it, X-Forwarded-Host is ignored: the Host header must be allowed', [], 403],
    ['with it, X-Forwarded-Host names the host', ['--trust-proxy'], 200],
  ] as const)('%s', async (_name, flags, status) => {
    const cluster = await startReplicas({
      count: 1,
      sandbox,
      store: 'memory',
      prefix: 'jcmcp:',
      argv: ['--allowed-hosts', 'mcp.example.com', ...flags],
    });
    try {
      const response = await fetch(cluster.replicas[0]!.server.url, {
        method: 'POST',
        headers: {
          ...forwarded,
          authorization: `Bearer ${sandbox.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(status);
    } finally {
      await cluster.close();
    }
  });
});
