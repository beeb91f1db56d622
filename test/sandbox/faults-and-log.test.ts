/** Fault injection (function API and control endpoint) and the request log. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { RequestLog } from '../../src/sandbox/request-log.js';
import { call, startTestSandbox } from './sandbox-client.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.clearRequests();
});
afterAll(() => sandbox.close());

describe('faults', () => {
  it('429 with Retry-After, only on the matching route and method', async () => {
    sandbox.faults.set({ method: 'GET', path: '/api/systemusers', status: 429, retryAfter: 7 });
    const limited = await call(sandbox, '/api/systemusers');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call(sandbox, '/api/systems')).status).toBe(200);
    expect((await call(sandbox, '/api/search/systemusers', { body: {} })).status).toBe(200);
  });

  it('5xx for a glob, a given number of times, then normal again', async () => {
    sandbox.faults.set({ path: '/api/v2/*', status: 503, times: 2 });
    const first = await call(sandbox, '/api/v2/usergroups');
    expect(first.status).toBe(503);
    expect(first.json).toEqual({
      code: 503,
      message: 'Service Unavailable',
      status: 'Service Unavailable',
    });
    expect((await call(sandbox, '/api/v2/systemgroups')).status).toBe(503);
    expect((await call(sandbox, '/api/v2/usergroups')).status).toBe(200);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('Directory Insights faults answer {message}', async () => {
    sandbox.faults.set({ path: '/insights/*', status: 500, times: 1 });
    const res = await call(sandbox, '/insights/directory/v1/events', {
      body: { service: ['all'], start_time: '2026-06-01T00:00:00Z' },
    });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ message: 'Internal Server Error' });
  });

  it('a dropped connection fails the request at the client', async () => {
    sandbox.faults.set({ path: /^\/api\/systems\/.+/, drop: true });
    const id = sandbox.org(sandbox.orgIds[0]!)!.systems[0]!._id;
    await expect(call(sandbox, `/api/systems/${id}`)).rejects.toThrow();
    expect(sandbox.requests.at(-1)).toMatchObject({ path: `/api/systems/${id}`, status: 0 });
  });

  it('malformed JSON is a 200 whose body does not parse', async () => {
    sandbox.faults.set({ path: '/api/commands', malformed: true });
    const res = await call(sandbox, '/api/commands');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('latency delays the answer, then it answers normally', async () => {
    sandbox.faults.set({ path: '/api/applications', latencyMs: 50 });
    const res = await call(sandbox, '/api/applications');
    expect(res.status).toBe(200);
  });

  it('rejects rules that would do nothing or carry a bad status', () => {
    expect(() => sandbox.faults.set({ path: '/api/x' })).toThrow(/does nothing/);
    expect(() => sandbox.faults.set({ path: '/api/x', status: 200 })).toThrow(/400 to 599/);
  });

  it('the control endpoint sets, lists and clears faults', async () => {
    const set = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/api/systemusers', status: 500 }),
    });
    expect(set.status).toBe(201);
    expect((await call(sandbox, '/api/systemusers')).status).toBe(500);
    const listed = (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
    const bad = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/x', status: 99 }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(sandbox, '/api/systemusers')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, query, headers without secrets, body and status', async () => {
    await call(sandbox, '/insights/directory/v1/events?x=1', {
      body: { service: ['sso'], start_time: '2026-06-01T00:00:00Z' },
      headers: { authorization: 'Bearer jca_abc' },
    });
    const [entry] = sandbox.requests;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/insights/directory/v1/events',
      query: { x: '1' },
      status: 200,
      body: { service: ['sso'] },
      orgId: sandbox.orgIds[0],
    });
    expect(entry!.headers['x-api-key']).toBe('[redacted]');
    expect(entry!.headers.authorization).toBe('[redacted]');
    expect(entry!.headers['user-agent']).toBe('jumpcloudmcp-test-bot');
    expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.apiKey);
  });

  it('lets a test assert that something was NOT sent', async () => {
    await call(sandbox, '/api/systemusers?limit=5');
    expect(
      sandbox.requests.some((r) => r.method === 'POST' && r.path.includes('/state/suspend')),
    ).toBe(false);
    const viaHttp = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
      path: string;
    }[];
    expect(viaHttp.map((r) => r.path)).toEqual(['/api/systemusers']);
  });

  it('records rejected requests and does not record control calls', async () => {
    await call(sandbox, '/api/systemusers', { key: null });
    await fetch(`${sandbox.url}/__sandbox/faults`);
    expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([['/api/systemusers', 401]]);
  });

  it('keeps the last requests up to its capacity, oldest first', () => {
    const log = new RequestLog(3);
    const entry = (path: string) => ({
      time: '2026-01-01T00:00:00.000Z',
      method: 'GET',
      path,
      query: {},
      headers: {},
      body: undefined,
      status: 200,
    });
    for (const n of [1, 2]) log.add(entry(`/api/${n}`));
    expect(log.all().map((r) => r.path)).toEqual(['/api/1', '/api/2']);
    for (const n of [3, 4, 5, 6, 7]) log.add(entry(`/api/${n}`));
    expect(log.all().map((r) => [r.path, r.seq])).toEqual([
      ['/api/5', 5],
      ['/api/6', 6],
      ['/api/7', 7],
    ]);
    log.clear();
    expect(log.all()).toEqual([]);
    log.add(entry('/api/8'));
    expect(log.all().map((r) => r.seq)).toEqual([8]);
  });
});
