/** The argument shapes JumpCloud's own clients send are read as that server reads them. */
import { describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import { suggestArgument } from '../../src/mcp/tolerant-args.js';
import { invalidArgumentsResult, zodProblems } from '../../src/mcp/tool-result.js';

const byName = (name: string) => tools.find((t) => t.name === name)!;

describe('generated validators read JumpCloud client argument shapes', () => {
  it.each([
    [
      'di_events_get',
      { service: 'all', start_time: '7d', exact_match: '', limit: '20' },
      { service: ['all'], start_time: '7d', limit: 20 },
    ],
    [
      'di_events_get',
      { service: ['sso'], start_time: '24h', exact_match: 'true', query: 'x', end_time: '' },
      { service: ['sso'], start_time: '24h', exact_match: true, query: 'x', limit: 50 },
    ],
    ['users_list', { searchTerm: '', limit: '5', skip: null }, { limit: 5 }],
    ['device_groups_list', { disabled: 'FALSE', search: '' }, { disabled: false }],
    [
      'user_group_members_update',
      { group_id: 'g1', add: 'u1', remove: '' },
      { group_id: 'g1', add: ['u1'] },
    ],
  ])('%s %j', (name, given, want) => {
    const parsed = byName(name).input.safeParse(given);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toEqual(want);
  });

  it('still refuses what no shape explains', () => {
    const di = byName('di_events_get').input;
    expect(di.safeParse({ service: 'everything', start_time: '7d' }).success).toBe(false);
    expect(byName('users_list').input.safeParse({ limit: 'ten' }).success).toBe(false);
    expect(byName('device_groups_list').input.safeParse({ disabled: 'maybe' }).success).toBe(false);
    expect(byName('user_get').input.safeParse({ id: '' }).success).toBe(true);
  });

  it('leaves the listed input schemas as they were', () => {
    expect(byName('di_events_get').inputSchema.properties?.service).toMatchObject({
      type: 'array',
    });
    expect(JSON.stringify(tools.map((t) => t.inputSchema))).not.toMatch(/anyOf|oneOf/);
  });
});

describe('an unknown argument gets a "did you mean"', () => {
  it.each([
    ['search', ['limit', 'skip', 'searchTerm'], 'searchTerm'],
    ['search_term', ['limit', 'skip', 'searchTerm'], 'searchTerm'],
    ['lmit', ['limit', 'skip', 'searchTerm'], 'limit'],
    ['groupId', ['group_id', 'add', 'remove'], 'group_id'],
    ['start', ['service', 'start_time', 'end_time'], 'start_time'],
    ['colour', ['limit', 'skip'], undefined],
  ] as const)('%s among %j -> %s', (unknown, known, want) => {
    expect(suggestArgument(unknown, known)).toBe(want);
  });

  it('users_list with search says searchTerm', () => {
    const tool = byName('users_list');
    const parsed = tool.input.safeParse({ search: 'jane' });
    expect(parsed.success).toBe(false);
    const result = invalidArgumentsResult(
      tool.name,
      zodProblems(parsed.error!, Object.keys(tool.inputSchema.properties ?? {})),
    );
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(text).toContain('did you mean "searchTerm" for "search"?');
  });
});
