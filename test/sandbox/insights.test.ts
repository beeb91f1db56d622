/** Directory Insights: service and time filters, search_term, q, paging with search_after, headers, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiEvent, OrgData, Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox, TEST_NOW } from './sandbox-client.js';

let sandbox: Sandbox;
let org: OrgData;
const EVENTS = '/insights/directory/v1/events';
const start = new Date(TEST_NOW.getTime() - 31 * 86_400_000).toISOString();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  org = sandbox.org(sandbox.orgIds[0]!)!;
});
afterAll(() => sandbox.close());

describe('POST /insights/directory/v1/events', () => {
  it('holds thirty days of events across services', () => {
    const oldest = Date.parse(org.events[0]!.timestamp);
    expect(TEST_NOW.getTime() - oldest).toBeGreaterThan(29 * 86_400_000);
    expect(new Set(org.events.map((e) => e.service))).toEqual(
      new Set(['directory', 'sso', 'systems', 'ldap', 'radius']),
    );
  });

  it('pages with search_after until X-Result-Count < X-Limit, every event once, ascending', async () => {
    const seen: string[] = [];
    let after: unknown;
    for (let page = 0; page < 20; page += 1) {
      const res = await call<DiEvent[]>(sandbox, EVENTS, {
        body: {
          service: ['all'],
          start_time: start,
          limit: 500,
          ...(after ? { search_after: after } : {}),
        },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-limit')).toBe('500');
      expect(res.headers.get('x-sort')).toBe('ASC');
      expect(Number(res.headers.get('x-result-count'))).toBe(res.json.length);
      seen.push(...res.json.map((e) => e.id));
      after = JSON.parse(res.headers.get('x-search_after')!);
      if (res.json.length < 500) break;
    }
    expect(seen).toEqual(org.events.map((e) => e.id));
  });

  it('sorts DESC and defaults the limit to 1000, nonsense limits too', async () => {
    const desc = await call<DiEvent[]>(sandbox, EVENTS, {
      body: { service: ['all'], start_time: start, sort: 'desc', limit: 3 },
    });
    expect(desc.json.map((e) => e.id)).toEqual(
      org.events
        .slice(-3)
        .reverse()
        .map((e) => e.id),
    );
    const big = await call<DiEvent[]>(sandbox, EVENTS, {
      body: { service: ['all'], start_time: start, limit: 50_000 },
    });
    expect(big.headers.get('x-limit')).toBe('1000');
  });

  it.each<[string, Record<string, unknown>, (e: DiEvent) => boolean]>([
    ['service', { service: ['sso'] }, (e) => e.service === 'sso'],
    [
      'search_term and',
      { search_term: { and: [{ event_type: 'user_login_attempt' }, { success: false }] } },
      (e) => e.event_type === 'user_login_attempt' && e.success === false,
    ],
    [
      'search_term or with a list',
      { search_term: { or: [{ event_type: ['ldap_bind', 'radius_auth_attempt'] }] } },
      (e) => e.event_type === 'ldap_bind' || e.event_type === 'radius_auth_attempt',
    ],
    [
      'operator form startsWith',
      { search_term: { and: [{ field: 'event_type', operator: 'startsWith', value: 'admin' }] } },
      (e) => e.event_type.startsWith('admin'),
    ],
    [
      'nested field',
      { search_term: { and: [{ 'initiated_by.type': 'admin' }] } },
      (e) => (e.initiated_by as { type: string }).type === 'admin',
    ],
  ])('filters by %s', async (_name, extra, pick) => {
    const body = { service: ['all'], start_time: start, limit: 10_000, ...extra };
    const res = await call<DiEvent[]>(sandbox, EVENTS, { body });
    const expected = org.events.filter(pick);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.json.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    const count = await call<{ count: number }>(sandbox, `${EVENTS}/count`, { body });
    expect(count.json.count).toBe(expected.length);
  });

  it('q is a full-text match and fields projects the events', async () => {
    const user = org.users.find(
      (u) => u.state === 'ACTIVATED' && org.events.some((e) => e.username === u.username),
    )!;
    const res = await call<DiEvent[]>(sandbox, EVENTS, {
      body: {
        service: ['all'],
        start_time: start,
        limit: 10_000,
        q: user.username,
        fields: ['timestamp', 'username'],
      },
    });
    const expected = org.events.filter((e) =>
      JSON.stringify(e).toLowerCase().includes(user.username),
    );
    expect(res.json.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(res.json.some((e) => e.username === user.username)).toBe(true);
    for (const e of res.json)
      expect(['id', 'timestamp', 'username']).toEqual(expect.arrayContaining(Object.keys(e)));
  });

  it('end_time bounds the window', async () => {
    const end = org.events[99]!.timestamp;
    const res = await call<DiEvent[]>(sandbox, `${EVENTS}/count`, {
      body: { service: ['all'], start_time: start, end_time: end },
    });
    expect(res.json).toEqual({ count: org.events.filter((e) => e.timestamp <= end).length });
  });

  it.each([
    ['missing service', { start_time: start }, 'service is required'],
    ['unknown service', { service: ['bogus'], start_time: start }, 'supported values'],
    ['missing start_time', { service: ['all'] }, 'start_time is required'],
    ['start_time not RFC 3339', { service: ['all'], start_time: '7d' }, 'RFC 3339'],
    [
      'start_time in the future',
      { service: ['all'], start_time: '2999-01-01T00:00:00Z' },
      'future',
    ],
    [
      'end before start',
      { service: ['all'], start_time: start, end_time: '2000-01-01T00:00:00Z' },
      'after start_time',
    ],
    [
      'bad search_after',
      { service: ['all'], start_time: start, search_after: ['x'] },
      'X-Search_after',
    ],
  ])('400 for %s with {message}', async (_name, body, message) => {
    const res = await call<{ message: string }>(sandbox, EVENTS, { body });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json)).toEqual(['message']);
    expect(res.json.message).toContain(message);
  });

  it('accepts "alert" (the prose) as well as "alerts" (the enum)', async () => {
    const res = await call(sandbox, EVENTS, { body: { service: ['alert'], start_time: start } });
    expect(res.status).toBe(200);
  });
});
