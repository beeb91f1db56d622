/**
 * Retries at the upstream edge, through real openapi-fetch clients and a scripted network edge:
 * reads are sent again after transient failures, changes never.
 */
import { apiKeyCredential } from '../../src/auth/api-key.js';
import { describe, expect, it } from 'vitest';
import { upstreamServers } from '../../generated/upstream.js';
import type { UpstreamPaths } from '../../generated/upstream.js';
import { resolveBaseUrls } from '../../src/upstream/base-urls.js';
import { createUpstreamApi } from '../../src/upstream/create-upstream-api.js';
import { isReadOperation } from '../../src/upstream/operation.js';
import type { Operation } from '../../src/upstream/operation.js';
import { retryDelayMs } from '../../src/upstream/retry.js';
import type { RetryPolicy } from '../../src/upstream/retry.js';
import type { UpstreamStats } from '../../src/upstream/upstream-fetch.js';

type Step = number | 'reset' | { status: number; retryAfter?: string };
const FAST: RetryPolicy = { retries: 2, baseDelayMs: 1, maxDelayMs: 2 };
const ID = '0123456789abcdef01234567';

/** A network edge that answers each request with the next scripted step (200 {} once done). */
function scripted(steps: Step[]) {
  const sent: { method: string; path: string; body: string }[] = [];
  const fetchImpl = (async (request: Request) => {
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: await request.text(),
    });
    const step = steps.shift() ?? 200;
    if (step === 'reset') throw new TypeError('fetch failed: ECONNRESET');
    const { status, retryAfter } = typeof step === 'number' ? { status: step } : step;
    return new Response(status === 200 ? '{"ok":true}' : '{"message":"no"}', {
      status,
      headers: {
        'content-type': 'application/json',
        ...(retryAfter ? { 'retry-after': retryAfter } : {}),
      },
    });
  }) as typeof fetch;
  const stats: UpstreamStats = { calls: 0, retries: 0 };
  const api = createUpstreamApi<UpstreamPaths>({
    baseUrls: resolveBaseUrls({
      servers: upstreamServers,
      region: 'us',
      baseUrl: 'http://jumpcloud.test',
    }),
    credential: apiKeyCredential('test-key-0123456789abcdef'),
    clientName: 'test',
    timeoutMs: 5_000,
    stats,
    fetchImpl,
    retry: FAST,
  });
  return { api, sent, stats };
}

describe('reads are retried after a transient failure', () => {
  it.each<[string, Step[]]>([
    ['a 503', [503]],
    ['a 502', [502]],
    ['a 504', [504]],
    ['a 429 with Retry-After 0', [{ status: 429, retryAfter: '0' }]],
    ['a reset connection', ['reset']],
    ['two failures in a row', [503, 'reset']],
  ])('GET after %s: succeeds, each retry counted', async (_name, steps) => {
    const { api, sent, stats } = scripted([...steps]);
    const { data, error } = await api.v1.GET('/systemusers/{id}', { params: { path: { id: ID } } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(sent).toHaveLength(steps.length + 1);
    expect(stats).toMatchObject({ calls: steps.length + 1, retries: steps.length });
  });

  it('V1 POST /search/systemusers is a read: retried with the same body', async () => {
    const { api, sent, stats } = scripted([503]);
    const body = { searchFilter: { searchTerm: 'ada', fields: ['username'] } };
    const { error } = await api.v1.POST('/search/systemusers', { body } as never);
    expect(error).toBeUndefined();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/search/systemusers',
      'POST /api/search/systemusers',
    ]);
    expect(sent[1]!.body).toBe(sent[0]!.body);
    expect(JSON.parse(sent[1]!.body)).toEqual(body);
    expect(stats.retries).toBe(1);
  });

  it('Directory Insights POST /events is a read: retried', async () => {
    const { api, sent } = scripted(['reset']);
    const { error } = await api.insights.POST('/events', {
      body: { service: ['all'], start_time: '2026-01-01T00:00:00Z' },
    } as never);
    expect(error).toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it('gives up after the configured retries and reports the last answer', async () => {
    const { api, sent, stats } = scripted([503, 503, 503, 503]);
    const { error, response } = await api.v1.GET('/systemusers/{id}', {
      params: { path: { id: ID } },
    });
    expect(error).toBeDefined();
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(3);
    expect(stats.retries).toBe(2);
  });

  it.each([400, 401, 403, 404, 409, 500])('a %s is not retried', async (status) => {
    const { api, sent } = scripted([status]);
    await api.v1.GET('/systemusers/{id}', { params: { path: { id: ID } } });
    expect(sent).toHaveLength(1);
  });
});

describe('changes are never retried', () => {
  it.each<[string, Step]>([
    ['a 503', 503],
    ['a 502', 502],
    ['a 429', { status: 429, retryAfter: '0' }],
    ['a reset connection', 'reset'],
  ])('POST /systemusers/{id}/unlock after %s: sent once', async (_name, step) => {
    const { api, sent, stats } = scripted([step]);
    const outcome = await api.v1
      .POST('/systemusers/{id}/unlock', { params: { path: { id: ID } } } as never)
      .catch((error: unknown) => error);
    expect(outcome).toBeDefined();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/systemusers/${ID}/unlock`,
    ]);
    expect(stats.retries).toBe(0);
  });

  it.each<[Operation, boolean]>([
    [{ api: 'v1', method: 'GET', path: '/systemusers/{id}' }, true],
    [{ api: 'v1', method: 'POST', path: '/search/systemusers' }, true],
    [{ api: 'insights', method: 'POST', path: '/events' }, true],
    [{ api: 'insights', method: 'POST', path: '/events/count' }, true],
    [{ api: 'v1', method: 'POST', path: '/systems/{system_id}/command/builtin/erase' }, false],
    [{ api: 'v2', method: 'POST', path: '/usergroups/{group_id}/members' }, false],
    [{ api: 'v2', method: 'POST', path: '/search/anything' }, false],
    [{ api: 'v1', method: 'PUT', path: '/systems/{id}' }, false],
    [{ api: 'insights', method: 'POST', path: '/eventsbogus' }, false],
  ])('isReadOperation(%j) is %s', (operation, read) => {
    expect(isReadOperation(operation)).toBe(read);
  });
});

describe('retryDelayMs({ attempt, retryAfter, policy })', () => {
  const policy: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 1_000 };
  it('honours Retry-After in seconds or as a date', () => {
    expect(retryDelayMs({ attempt: 1, retryAfter: '3', policy })).toBe(3_000);
    const inTwo = new Date(Date.now() + 2_000).toUTCString();
    expect(retryDelayMs({ attempt: 1, retryAfter: inTwo, policy })).toBeLessThanOrEqual(2_000);
  });
  it('otherwise backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs({ attempt: 1, policy, random: () => 0 })).toBe(100);
    expect(retryDelayMs({ attempt: 1, policy, random: () => 1 })).toBe(200);
    expect(retryDelayMs({ attempt: 2, policy, random: () => 1 })).toBe(400);
    expect(retryDelayMs({ attempt: 5, policy, random: () => 1 })).toBe(1_000);
  });
});
