import { describe, expect, it } from 'vitest';
import { osFilters, planSearch } from '../../src/handlers/search-plan.js';
import { parseSearchQuery } from '../../src/handlers/search-query.js';

const plan = (q: string) => planSearch(parseSearchQuery(q));

describe('planSearch(parsed)', () => {
  it.each([
    ['How many Windows devices are in my account?', 'count', [['devices', ['os:$eq:Windows']]]],
    ['how many suspended users', 'count', [['users', ['state:$eq:SUSPENDED']]]],
    ['count of macOS 14 devices', 'count', [['devices', ['os:$eq:Mac OS X', 'version:$sw:14.']]]],
    ['how many Windows 11 devices', 'count', [['devices', ['os:$eq:Windows', 'version:$sw:11']]]],
    [
      'how many linux machines are offline',
      'count',
      [['devices', ['osFamily:$eq:linux', 'active:$eq:false']]],
    ],
    [
      'locked out users with MFA',
      'search',
      [['users', ['account_locked:$eq:true', 'mfaEnrollment.overallStatus:$eq:ENROLLED']]],
    ],
    ['how many macs', 'count', [['devices', ['os:$eq:Mac OS X']]]],
    ['how many suspended?', 'count', [['users', ['state:$eq:SUSPENDED']]]],
    [
      'windows and ubuntu devices',
      'search',
      [
        ['devices', ['os:$eq:Windows']],
        ['devices', ['os:$sw:Ubuntu']],
      ],
    ],
    ['how many user groups', 'count', [['user_groups', []]]],
  ] as const)('%s', (question, mode, lookups) => {
    const p = plan(question);
    expect(p.mode).toBe(mode);
    // Filters are ANDed: their order carries no meaning.
    expect(p.lookups.map((l) => [l.kind, [...l.filters].sort()])).toEqual(
      lookups.map(([k, f]) => [k, [...f].sort()]),
    );
  });

  it('searches every kind for plain text', () => {
    const p = plan('jane');
    expect(p.lookups.map((l) => l.kind)).toEqual([
      'users',
      'devices',
      'user_groups',
      'device_groups',
      'applications',
    ]);
    expect(p.lookups.every((l) => l.text === 'jane' && l.filters.length === 0)).toBe(true);
    expect(p.interpretation).toMatch(/^Search users matching "jane"/);
  });

  it('says how a counting question was read', () => {
    expect(plan('how many macOS 14 devices are online').interpretation).toBe(
      'Count devices (macOS 14, online).',
    );
  });

  it('reports qualifiers that do not apply to the kinds asked about instead of applying them', () => {
    const p = plan('how many suspended devices');
    expect(p.lookups).toEqual([{ kind: 'devices', filters: [], qualifiers: [] }]);
    expect(p.ignored).toEqual(['suspended']);
  });

  it('reads "active" as activated users and online devices, without calling it ignored', () => {
    expect(plan('how many active users').lookups[0]?.filters).toEqual(['state:$eq:ACTIVATED']);
    expect(plan('how many active devices').lookups[0]?.filters).toEqual(['active:$eq:true']);
    expect(plan('how many active users').ignored).toEqual([]);
  });
});

describe('osFilters(qualifier)', () => {
  it.each([
    [{ os: 'macos', version: '14' }, ['os:$eq:Mac OS X', 'version:$sw:14.']],
    [{ os: 'macos', version: '10.15' }, ['os:$eq:Mac OS X', 'version:$sw:10.15']],
    [{ os: 'windows', version: '10' }, ['os:$eq:Windows', 'version:$sw:10']],
    [{ os: 'ubuntu', version: '22' }, ['os:$sw:Ubuntu', 'version:$sw:22.']],
    [{ os: 'rhel' }, ['os:$sw:Red Hat']],
  ] as const)('%j', (given, want) => {
    expect(osFilters(given)).toEqual(want);
  });
});
