import { describe, expect, it } from 'vitest';
import { planSearch } from '../../src/handlers/search-plan.js';
import { parseSearchQuery } from '../../src/handlers/search-query.js';
import { resolveTokens } from '../../src/handlers/search-resolve.js';
import type { VocabEntry, Vocabulary } from '../../src/handlers/search-vocabulary.js';
import { buildIndex, namesInQuestion } from '../../src/handlers/search-vocabulary.js';

const entries: VocabEntry[] = [
  { category: 'department', value: 'Finance' },
  { category: 'department', value: 'R&D' },
  { category: 'department', value: 'IT' },
  { category: 'department', value: 'Human Resources' },
  { category: 'employee_type', value: 'Contractor' },
  { category: 'employee_type', value: 'Full-time' },
  { category: 'job_title', value: 'Data Engineer' },
  { category: 'user_group', value: 'Finance', id: 'ug1' },
  { category: 'user_group', value: 'Contractors', id: 'ug2' },
  { category: 'device_group', value: 'All Windows', id: 'dg1' },
  { category: 'application', value: 'Slack', id: 'app1' },
];
const vocab: Vocabulary = { entries, complete: true, index: buildIndex(entries) };

const read = (question: string) => {
  const names = namesInQuestion(question, vocab);
  const parsed = parseSearchQuery(question, names);
  return planSearch(parsed, resolveTokens(parsed.tokens, vocab), Date.UTC(2026, 0, 31));
};
const lookups = (question: string) =>
  read(question).lookups.map((l) => ({
    kind: l.kind,
    filters: l.filters,
    ...(l.text === undefined ? {} : { text: l.text }),
    ...(l.memberOf ? { memberOf: l.memberOf.id } : {}),
    ...(l.names ? { names: l.names } : {}),
  }));

describe('reading a question against the organization’s values', () => {
  it.each([
    [
      'which users in Finance are suspended?',
      [{ kind: 'users', filters: ['department:$eq:Finance', 'state:$eq:SUSPENDED'] }],
    ],
    ['R&D', [{ kind: 'users', filters: ['department:$eq:R&D'] }]],
    ['users in IT', [{ kind: 'users', filters: ['department:$eq:IT'] }]],
    [
      'full-time employees in Human Resources',
      [
        {
          kind: 'users',
          filters: ['department:$eq:Human Resources', 'employeeType:$eq:Full-time'],
        },
      ],
    ],
    ['users in Finance or R&D', [{ kind: 'users', filters: ['department:$in:Finance|R&D'] }]],
    [
      'contractors',
      [
        { kind: 'users', filters: ['employeeType:$eq:Contractor'] },
        { kind: 'user_groups', filters: [], names: ['Contractors'] },
      ],
    ],
    ['members of group Finance', [{ kind: 'users', filters: [], memberOf: 'ug1' }]],
    ['devices in All Windows', [{ kind: 'devices', filters: [], memberOf: 'dg1' }]],
    ['job title Data Engineer', [{ kind: 'users', filters: ['jobTitle:$eq:Data Engineer'] }]],
    ['job title Engineer', [{ kind: 'users', filters: [], text: 'Engineer' }]],
    ['Slack app', [{ kind: 'applications', filters: [], names: ['Slack'] }]],
    [
      'which devices have not checked in for 30 days?',
      [{ kind: 'devices', filters: ['lastContact:$lt:2026-01-01T00:00:00.000Z'] }],
    ],
  ])('%s', (question, want) => {
    expect(lookups(question)).toEqual(want);
  });

  it('reads "it" as a word and "IT" as the department', () => {
    expect(lookups('users who have it')[0]?.filters).toEqual([]);
  });

  it('says when a phrase names something the kinds asked about do not have', () => {
    const plan = read('devices in Finance');
    expect(plan.ignored).toEqual(['"Finance" (a department and a user group), searched as text']);
    expect(plan.lookups).toEqual([
      { kind: 'devices', filters: [], qualifiers: [], text: 'Finance' },
    ]);
  });

  it('reads a partial value of a field as text in that field', () => {
    const plan = read('users with email containing oreilly');
    expect(plan.lookups[0]).toMatchObject({ text: 'oreilly', searchFields: ['email'] });
    expect(plan.interpretation).toBe('Search users matching "oreilly" in email.');
  });
});
