import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../src/handlers/search-query.js';
import type { ParsedQuery } from '../../src/handlers/search-query.js';

type Want = Partial<ParsedQuery>;

const cases: [string, { given: string; want: Want }][] = [
  [
    'a counting question about an OS',
    {
      given: 'How many Windows devices are in my account?',
      want: { count: true, kinds: ['devices'], os: [{ os: 'windows' }], text: undefined },
    },
  ],
  [
    'a user state',
    {
      given: 'how many suspended users',
      want: { count: true, kinds: ['users'], userStates: ['suspended'] },
    },
  ],
  [
    'an OS with a version',
    {
      given: 'count of macOS 14 devices',
      want: { count: true, kinds: ['devices'], os: [{ os: 'macos', version: '14' }] },
    },
  ],
  [
    '"number of"',
    { given: 'number of staged users', want: { count: true, userStates: ['staged'] } },
  ],
  [
    'a macOS marketing name',
    {
      given: 'Sonoma laptops',
      want: { count: false, kinds: ['devices'], os: [{ os: 'macos', version: '14' }] },
    },
  ],
  [
    'an OS named twice keeps the version',
    { given: 'macOS Sequoia machines', want: { os: [{ os: 'macos', version: '15' }] } },
  ],
  [
    'win11 shorthand',
    {
      given: 'total win11 computers',
      want: { count: true, os: [{ os: 'windows', version: '11' }] },
    },
  ],
  [
    'a dotted Linux version',
    {
      given: 'ubuntu 22.04 servers',
      want: { kinds: ['devices'], os: [{ os: 'ubuntu', version: '22.04' }] },
    },
  ],
  ['generic Linux', { given: 'how many linux hosts', want: { os: [{ os: 'linux' }] } }],
  [
    'two operating systems',
    { given: 'windows and mac devices', want: { os: [{ os: 'windows' }, { os: 'macos' }] } },
  ],
  [
    'user groups are not users',
    { given: 'how many user groups', want: { kinds: ['user_groups'] } },
  ],
  ['device groups by synonym', { given: 'system groups', want: { kinds: ['device_groups'] } }],
  [
    'bare "groups" means both group kinds',
    {
      given: 'groups named engineering',
      want: { kinds: ['user_groups', 'device_groups'], text: 'engineering' },
    },
  ],
  [
    'applications by synonym',
    { given: 'SSO apps called Slack', want: { kinds: ['applications'], text: 'Slack' } },
  ],
  [
    '"MFA disabled" is not a suspended user',
    { given: 'users with MFA disabled', want: { userStates: ['mfa_off'] } },
  ],
  ['without MFA', { given: 'users without mfa', want: { userStates: ['mfa_off'] } }],
  [
    'negated MFA',
    {
      given: 'users that do not have MFA set up',
      want: { userStates: ['mfa_off'], text: undefined },
    },
  ],
  ['with MFA', { given: 'users with mfa enabled', want: { userStates: ['mfa_on'] } }],
  ['locked out', { given: 'locked out users', want: { userStates: ['locked'] } }],
  [
    'expired passwords',
    { given: 'users with expired passwords', want: { userStates: ['password_expired'] } },
  ],
  ['offline devices', { given: 'offline devices', want: { deviceStates: ['offline'] } }],
  [
    '"active" reads both ways',
    { given: 'active users', want: { userStates: ['active'], deviceStates: ['online'] } },
  ],
  ['plain text', { given: 'jane', want: { count: false, kinds: [], text: 'jane' } }],
  [
    'quoted text keeps its case and spaces',
    { given: 'find "Jane Doe"', want: { kinds: [], text: 'Jane Doe' } },
  ],
  [
    'an email stays whole',
    {
      given: 'user jane.doe@example.com',
      want: { kinds: ['users'], text: 'jane.doe@example.com' },
    },
  ],
  [
    'stopwords leave no text',
    { given: 'how many devices are there in my organization?', want: { text: undefined } },
  ],
  ['"apple" is not an app', { given: 'apple', want: { kinds: [], text: 'apple' } }],
  [
    '"account" is not a kind',
    { given: 'how many users are in my account', want: { kinds: ['users'], text: undefined } },
  ],
  [
    'apostrophes are not quotes',
    {
      given: "what's the number of users who don't use MFA",
      want: { count: true, kinds: ['users'], userStates: ['mfa_off'], text: undefined },
    },
  ],
  [
    'filler words around a name',
    {
      given: 'show me the devices that belong to jane',
      want: { kinds: ['devices'], text: 'jane' },
    },
  ],
  ['iPhones', { given: 'how many iphones', want: { os: [{ os: 'ios' }] } }],
  ['empty input', { given: '', want: { count: false, kinds: [], text: undefined } }],
  [
    'not checked in for a number of days',
    {
      given: 'which devices have not checked in for 30 days?',
      want: { kinds: ['devices'], lastContact: { before: true, days: 30 }, text: undefined },
    },
  ],
  [
    'last contact in weeks',
    {
      given: 'devices last seen more than 2 weeks ago',
      want: { lastContact: { before: true, days: 14 } },
    },
  ],
  [
    'seen recently',
    { given: 'devices seen in the last 2 days', want: { lastContact: { before: false, days: 2 } } },
  ],
  [
    'not seen since a date',
    {
      given: 'devices not seen since 2026-01-31',
      want: { lastContact: { before: true, date: '2026-01-31' } },
    },
  ],
  [
    'group sizes',
    {
      given: 'groups with more than 10 members',
      want: { groupSize: { op: '$gt', n: 10 }, kinds: ['user_groups', 'device_groups'] },
    },
  ],
  ['empty groups', { given: 'empty user groups', want: { groupSize: { op: '$eq', n: 0 } } }],
  [
    'a version is not a group size',
    {
      given: 'macOS 14 devices',
      want: { groupSize: undefined, os: [{ os: 'macos', version: '14' }] },
    },
  ],
  [
    'members of a group',
    { given: 'members of group Engineering', want: { members: true, text: 'Engineering' } },
  ],
  ['MFA enrolment', { given: 'users not enrolled in MFA', want: { userStates: ['mfa_off'] } }],
  [
    '"inactive" reads both ways',
    { given: 'inactive', want: { userStates: ['inactive'], deviceStates: ['offline'] } },
  ],
  ['pending activation', { given: 'users pending activation', want: { userStates: ['staged'] } }],
  ['an ampersand stays in a word', { given: 'R&D', want: { text: 'R&D' } }],
  ['an apostrophe stays in a word', { given: "who is o'brien?", want: { text: "o'brien" } }],
  ['a hyphen stays in a word', { given: 'jean-luc', want: { text: 'jean-luc' } }],
  ['"exactly"', { given: 'jane.doe exactly', want: { exact: true, text: 'jane.doe' } }],
];

describe('parseSearchQuery(query)', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const parsed = parseSearchQuery(given);
    for (const [key, value] of Object.entries(want))
      expect(parsed[key as keyof ParsedQuery], key).toEqual(value);
  });

  it('never throws and caps the work on long or odd input', () => {
    expect(() => parseSearchQuery('(['.repeat(5000))).not.toThrow();
    expect(parseSearchQuery('x'.repeat(10_000)).text?.length).toBeLessThanOrEqual(500);
  });
});

describe('parseSearchQuery(query) ordering', () => {
  it('lists operating systems in the order the question names them', () => {
    expect(parseSearchQuery('how many Ubuntu, Windows 11 and macOS devices').os).toEqual([
      { os: 'ubuntu' },
      { os: 'windows', version: '11' },
      { os: 'macos' },
    ]);
  });
});

describe('parseSearchQuery(query) for objects other tools cover', () => {
  it.each([
    ['how many admins', ['administrators']],
    ['list policies and commands', ['commands', 'policies']],
    ['installed software', ['software']],
    ['users', []],
  ])('%s', (given, want) => {
    expect(parseSearchQuery(given).elsewhere).toEqual(want);
  });
});

describe('parseSearchQuery(query) field markers', () => {
  const shape = (given: string) =>
    parseSearchQuery(given).tokens.map((t) => ('marker' in t ? `<${t.marker}>` : t.word));
  it.each([
    ['users in the Finance department', ['in', 'the', 'Finance', '<department>']],
    ['job title is Data Engineer', ['<job_title>', 'is', 'Data', 'Engineer']],
    ['members of group Engineering', ['<group>', 'Engineering']],
    ['email jane@example.com', ['<email>', 'jane@example.com']],
    ['hostname WIN-01', ['<hostname>', 'WIN-01']],
    ['employee type Contractor', ['<employee_type>', 'Contractor']],
  ])('%s', (given, want) => {
    expect(shape(given)).toEqual(want);
  });

  it('reads a name of several words whole when told it is one', () => {
    const parsed = parseSearchQuery('how many devices in All Windows', ['All Windows']);
    expect(parsed.os).toEqual([]);
    expect(parsed.text).toBe('All Windows');
  });
});
