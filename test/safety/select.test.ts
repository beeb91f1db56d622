import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareNames, createToolSelector, SelectionError } from '../../src/registry/select.js';
import type { SelectionConfig } from '../../src/registry/select.js';
import type { SelectionRequest } from '../../src/safety/types.js';
import { TOOLS } from './fixtures.js';

const names = (config: SelectionConfig, request: SelectionRequest = {}) =>
  createToolSelector({ tools: TOOLS, config })
    .select(request)
    .tools.map((t) => t.name);

const ALL = [
  'device_erase',
  'device_lock',
  'device_restart',
  'device_update',
  'devices_list',
  'policies_list',
  'user_group_members_change',
  'user_suspend',
  'user_unlock',
  'users_lock_many',
  'users_suspend_many',
];

describe('createToolSelector({ tools, config }).select(request)', () => {
  const cases: Array<
    [string, { config: SelectionConfig; request?: SelectionRequest; want: string[] }]
  > = [
    ['no configuration exposes every tool, sorted', { config: {}, want: ALL }],
    [
      'toolsets pick whole toolsets',
      {
        config: { toolsets: ['policies', 'users'] },
        want: [
          'policies_list',
          'user_group_members_change',
          'user_suspend',
          'user_unlock',
          'users_lock_many',
          'users_suspend_many',
        ],
      },
    ],
    ['`all` is every toolset', { config: { toolsets: ['all'] }, want: ALL }],
    [
      'an allow list alone exposes exactly those tools',
      {
        config: { allow: ['device_erase', 'devices_list'] },
        want: ['device_erase', 'devices_list'],
      },
    ],
    [
      'an allow list adds to toolsets',
      {
        config: { toolsets: ['policies'], allow: ['devices_list'] },
        want: ['devices_list', 'policies_list'],
      },
    ],
    [
      'the deny list wins over toolsets and the allow list',
      {
        config: { allow: ['device_erase', 'devices_list'], deny: ['device_erase'] },
        want: ['devices_list'],
      },
    ],
    [
      'read-only mode keeps only tools annotated read-only',
      { config: { readOnly: true }, want: ['devices_list', 'policies_list'] },
    ],
    [
      'a connection narrows by toolset',
      {
        config: {},
        request: { toolsets: ['devices'] },
        want: ['device_erase', 'device_lock', 'device_restart', 'device_update', 'devices_list'],
      },
    ],
    [
      'a connection narrows by tool',
      { config: {}, request: { tools: ['user_unlock'] }, want: ['user_unlock'] },
    ],
    [
      'a connection asks for read-only',
      { config: { toolsets: ['devices'] }, request: { readOnly: true }, want: ['devices_list'] },
    ],
    [
      'a connection cannot widen beyond the toolsets',
      {
        config: { toolsets: ['policies'] },
        request: { toolsets: ['devices', 'policies'] },
        want: ['policies_list'],
      },
    ],
    [
      'a connection cannot undo the deny list',
      {
        config: { deny: ['device_erase'] },
        request: { tools: ['device_erase', 'devices_list'] },
        want: ['devices_list'],
      },
    ],
    [
      'a connection cannot leave read-only mode',
      {
        config: { readOnly: true },
        request: { readOnly: false, tools: ['device_erase', 'devices_list'] },
        want: ['devices_list'],
      },
    ],
  ];
  it.each(cases)('%s', (_name, { config, request, want }) => {
    expect(names(config, request)).toEqual(want);
  });

  it('throws a SelectionError naming an unknown toolset in the configuration', () => {
    expect(() => createToolSelector({ tools: TOOLS, config: { toolsets: ['device'] } })).toThrow(
      /Unknown toolset 'device' in JUMPCLOUD_MCP_TOOLSETS. Valid toolsets: all, devices, policies, users/,
    );
  });

  it('throws a SelectionError naming an unknown tool in the deny list', () => {
    expect(() => createToolSelector({ tools: TOOLS, config: { deny: ['device_wipe'] } })).toThrow(
      /Unknown tool 'device_wipe' in JUMPCLOUD_MCP_EXCLUDE_TOOLS. Valid tools: device_erase, device_lock,/,
    );
  });

  it('throws a SelectionError (status 400) for an unknown name in a connection request', () => {
    const selector = createToolSelector({ tools: TOOLS, config: {} });
    try {
      selector.select({ tools: ['nope'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SelectionError);
      expect((error as SelectionError).status).toBe(400);
      expect((error as Error).message).toContain("Unknown tool 'nope'");
    }
  });
});

describe('selection.whyNot(name)', () => {
  const whyNot = (config: SelectionConfig, request: SelectionRequest, name: string) =>
    createToolSelector({ tools: TOOLS, config }).select(request).whyNot(name);

  it('is undefined for a selected tool', () => {
    expect(whyNot({}, {}, 'device_erase')).toBeUndefined();
  });

  const cases: Array<
    [string, { config: SelectionConfig; request?: SelectionRequest; name: string; want: RegExp }]
  > = [
    [
      'an unknown tool',
      { config: {}, name: 'device_wipe', want: /no tool named 'device_wipe'.*tools\/list/ },
    ],
    [
      'a deny-listed tool',
      {
        config: { deny: ['device_erase'] },
        name: 'device_erase',
        want: /deny list \(JUMPCLOUD_MCP_EXCLUDE_TOOLS\).*remove it/,
      },
    ],
    [
      'a mutating tool in read-only mode',
      {
        config: { readOnly: true },
        name: 'user_unlock',
        want: /read-only mode \(JUMPCLOUD_MCP_READ_ONLY\)/,
      },
    ],
    [
      'a tool outside the configured toolsets',
      {
        config: { toolsets: ['users'] },
        name: 'device_erase',
        want: /toolset 'devices'.*add 'devices' to JUMPCLOUD_MCP_TOOLSETS or 'device_erase' to JUMPCLOUD_MCP_TOOLS/,
      },
    ],
    [
      'a mutating tool on a read-only connection',
      {
        config: {},
        request: { readOnly: true },
        name: 'device_restart',
        want: /this connection asked for read-only mode.*Reconnect without it/,
      },
    ],
    [
      'a tool outside the connection’s toolsets',
      {
        config: {},
        request: { toolsets: ['users'] },
        name: 'devices_list',
        want: /not selected for this connection. Reconnect adding 'devices'/,
      },
    ],
  ];
  it.each(cases)('explains %s', (_name, { config, request, name, want }) => {
    expect(whyNot(config, request ?? {}, name)).toMatch(want);
  });
});

describe('select({ grant }): a principal’s role narrows like a connection’s request', () => {
  const selector = createToolSelector({ tools: TOOLS, config: {} });

  it('a read-only role sees only read-only tools and is told why a change is refused', () => {
    const selection = selector.select({ grant: { readOnly: true, role: 'Read Only' } });
    expect(selection.tools.map((t) => t.name)).toEqual(['devices_list', 'policies_list']);
    expect(selection.whyNot('device_erase')).toMatch(/changes data and your role \(Read Only\)/);
  });

  it('a role granting toolsets and tools sees their union, never more than the server offers', () => {
    const narrow = createToolSelector({ tools: TOOLS, config: { deny: ['user_unlock'] } });
    const selection = narrow.select({
      grant: { toolsets: ['users'], tools: ['devices_list'], role: 'Help Desk' },
    });
    expect(selection.tools.map((t) => t.name)).toEqual([
      'devices_list',
      'user_group_members_change',
      'user_suspend',
      'users_lock_many',
      'users_suspend_many',
    ]);
    expect(selection.whyNot('device_erase')).toMatch(/outside your role \(Help Desk\)/);
    expect(selection.whyNot('user_unlock')).toMatch(/deny list/);
  });

  it('a grant and a connection request both narrow', () => {
    const selection = selector.select({
      toolsets: ['devices'],
      grant: { toolsets: ['devices', 'users'] },
    });
    expect(selection.tools.every((t) => t.toolset === 'devices')).toBe(true);
    expect(selection.tools.length).toBeGreaterThan(0);
  });
});

describe('compareNames(a, b)', () => {
  const sign = (n: number) => Math.sign(n);

  it('orders names of a-z, 0-9 and _ as localeCompare does', () => {
    const name = fc.stringMatching(/^[a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(name, name, (a, b) => sign(compareNames(a, b)) === sign(a.localeCompare(b))),
      { numRuns: 5000 },
    );
    for (const [a, b] of [
      ['user_get', 'user0'],
      ['user_get', 'userget'],
      ['a_b', 'a9'],
      ['users_list', 'user_get'],
    ] as const)
      expect(sign(compareNames(a, b))).toBe(sign(a.localeCompare(b)));
  });

  it('leaves any other name to localeCompare', () => {
    expect(compareNames('Beta', 'alpha')).toBe('Beta'.localeCompare('alpha'));
    expect(compareNames('b-x', 'b_x')).toBe('b-x'.localeCompare('b_x'));
  });
});
