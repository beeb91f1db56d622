import { describe, expect, it } from 'vitest';
import {
  buildEventsBody,
  buildSearchTerm,
  compactEvent,
  normalizeServices,
  parseCountHeader,
  parseSearchAfter,
  parseTime,
  parseTimeRange,
} from '../../src/handlers/di-query.js';
import { ToolError } from '../../src/upstream/errors.js';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('parseTime({ value, name, now })', () => {
  it.each([
    ['7d', '2026-03-03T12:00:00Z'],
    ['24h', '2026-03-09T12:00:00Z'],
    ['30m', '2026-03-10T11:30:00Z'],
    ['45s', '2026-03-10T11:59:15Z'],
    ['2w', '2026-02-24T12:00:00Z'],
    ['3 days', '2026-03-07T12:00:00Z'],
    ['12 hours ago', '2026-03-10T00:00:00Z'],
    ['now', '2026-03-10T12:00:00Z'],
    ['2026-03-01T08:30:00Z', '2026-03-01T08:30:00Z'],
    ['2026-03-01T08:30:00.250Z', '2026-03-01T08:30:00Z'],
    ['2026-03-01T10:30:00+02:00', '2026-03-01T08:30:00Z'],
    ['2026-03-01', '2026-03-01T00:00:00Z'],
  ])('%s', (value, want) => {
    expect(parseTime({ value, name: 'start_time', now })).toBe(want);
  });

  it.each(['yesterday', '7', 'd7', '7y', '2026-13-45T00:00:00Z', '2026-03-01T08:30:00', ''])(
    'refuses %j, naming the argument and the forms it takes',
    (value) => {
      expect(() => parseTime({ value, name: 'start_time', now })).toThrow(ToolError);
      expect(() => parseTime({ value, name: 'start_time', now })).toThrow(
        /start_time .*"7d".*RFC 3339/,
      );
    },
  );
});

describe('parseTimeRange({ start, end, now })', () => {
  it('refuses a start in the future', () => {
    expect(() => parseTimeRange({ start: '2026-04-01T00:00:00Z', now })).toThrow(/in the future/);
  });
  it('refuses an end that is not after the start', () => {
    expect(() => parseTimeRange({ start: '1d', end: '2d', now })).toThrow(
      /end_time .* is not after start_time/,
    );
  });
  it('notes a start older than the 90-day retention', () => {
    expect(parseTimeRange({ start: '120d', now }).note).toMatch(/90 days/);
    expect(parseTimeRange({ start: '30d', now }).note).toBeUndefined();
  });
});

describe('normalizeServices(services)', () => {
  it.each([
    [['alert'], ['alerts']],
    [['alerts'], ['alerts']],
    [
      ['SSO', 'directory'],
      ['sso', 'directory'],
    ],
    [['directory', 'Directory'], ['directory']],
    [['directory', 'all'], ['all']],
    [['password manager'], ['password_manager']],
  ])('%j -> %j', (given, want) => {
    expect(normalizeServices(given)).toEqual(want);
  });
  it('refuses an unknown service and lists the valid ones', () => {
    expect(() => normalizeServices(['logins'])).toThrow(
      /"logins" is not a Directory Insights service.*directory.*sso/,
    );
  });
  it('refuses an empty list', () => {
    expect(() => normalizeServices([])).toThrow(/service is empty/);
  });
});

describe('buildSearchTerm({ eventType, initiatorId })', () => {
  it.each([
    [{}, undefined],
    [{ eventType: 'user_login_attempt' }, { and: [{ event_type: 'user_login_attempt' }] }],
    [
      { eventType: 'User_Login_Attempt, admin_login_attempt' },
      { and: [{ event_type: ['user_login_attempt', 'admin_login_attempt'] }] },
    ],
    [
      { initiatorId: '5F1B2C3D4E5F6A7B8C9D0E1F' },
      { and: [{ 'initiated_by.id': '5f1b2c3d4e5f6a7b8c9d0e1f' }] },
    ],
    [
      { eventType: 'user_update', initiatorId: 'abc' },
      { and: [{ event_type: 'user_update' }, { 'initiated_by.id': 'abc' }] },
    ],
    [{ eventType: '  ' }, undefined],
  ])('%j', (given, want) => {
    expect(buildSearchTerm(given)).toEqual(want);
  });
});

describe('buildEventsBody(args, now)', () => {
  const base = { service: ['directory'], start_time: '7d' };

  it('sends RFC 3339 times, the default limit and newest first', () => {
    expect(buildEventsBody(base, now).body).toEqual({
      service: ['directory'],
      start_time: '2026-03-03T12:00:00Z',
      limit: 50,
      sort: 'DESC',
    });
  });
  it('sends free text as q, or as exact_match when asked', () => {
    expect(buildEventsBody({ ...base, query: 'jdoe' }, now).body.q).toBe('jdoe');
    const exact = buildEventsBody({ ...base, query: 'jdoe', exact_match: true }, now).body;
    expect(exact.exact_match).toBe('jdoe');
    expect(exact.q).toBeUndefined();
  });
  it('refuses exact_match without query', () => {
    expect(() => buildEventsBody({ ...base, exact_match: true }, now)).toThrow(
      /exact_match needs query/,
    );
  });
  it.each([0, -1, 10_001, 2.5])('refuses limit %s', (limit) => {
    expect(() => buildEventsBody({ ...base, limit }, now)).toThrow(/limit .* 1 to 10000/);
  });
  it('accepts the maximum limit and passes search_after through', () => {
    const body = buildEventsBody(
      { ...base, limit: 10_000, search_after: [1576181718000, 'DZrPyW8BNsa9iKWoOm7h'] },
      now,
    ).body;
    expect(body.limit).toBe(10_000);
    expect(body.search_after).toEqual([1576181718000, 'DZrPyW8BNsa9iKWoOm7h']);
  });
  it('refuses an empty search_after', () => {
    expect(() => buildEventsBody({ ...base, search_after: [] }, now)).toThrow(
      /search_after is empty/,
    );
  });
});

describe('response headers', () => {
  it.each([
    ['[1576181718000,"DZrPyW8BNsa9iKWoOm7h"]', [1576181718000, 'DZrPyW8BNsa9iKWoOm7h']],
    [null, undefined],
    ['', undefined],
    ['not json', undefined],
    ['[]', undefined],
    ['{"a":1}', undefined],
  ])('X-Search_after %j', (header, want) => {
    expect(parseSearchAfter(header)).toEqual(want);
  });
  it.each([
    ['1000', 1000],
    [' 7 ', 7],
    [null, undefined],
    ['-1', undefined],
    ['many', undefined],
  ])('X-Result-Count %j', (header, want) => {
    expect(parseCountHeader(header)).toBe(want);
  });
});

describe('compactEvent(event)', () => {
  it('drops nulls, empty objects and @version, keeping false and 0', () => {
    expect(
      compactEvent({
        '@version': '1',
        provider: null,
        success: false,
        mfa_meta: { type: null },
        geoip: { region_code: 'CO' },
        n: 0,
      }),
    ).toEqual({ success: false, geoip: { region_code: 'CO' }, n: 0 });
  });
});
