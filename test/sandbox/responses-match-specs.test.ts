/**
 * Every operation the sandbox serves answers with the status and body shape its operation declares
 * in JumpCloud's own specs (validated with Ajv against the dereferenced response schema), and adds
 * no fields the schema does not declare.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';
import { responseSchema, undeclaredFields, type SpecName } from './spec-schemas.js';

let sandbox: Sandbox;
const ids = {} as Record<string, string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const org = sandbox.org(sandbox.orgIds[0]!)!;
  const active = org.users.find((u) => u.state === 'ACTIVATED')!;
  const linux = org.systems.find((s) => s.osFamily === 'linux')!;
  const mdm = org.appleMdms[0]!;
  const commandWithGroups = org.commands.find(
    (c) => (org.commandTargets.get(c._id)?.systemGroups.length ?? 0) > 0,
  )!;
  Object.assign(ids, {
    user: active._id,
    staged: org.users.find((u) => u.state === 'STAGED')!._id,
    suspended: org.users.find((u) => u.state === 'SUSPENDED')!._id,
    system: linux._id,
    windows: org.systems.find((s) => s.osFamily === 'windows')!._id,
    app: org.applications[0]!._id,
    command: commandWithGroups._id,
    userGroup: org.userGroups[0]!.id,
    systemGroup: org.systemGroups[0]!.id,
    policy: org.policies[0]!.id,
    mdm: mdm.id,
    mdmDevice: org.appleMdmDevices.get(mdm.id)![0]!.id,
  });
});

afterAll(() => sandbox.close());

interface Case {
  spec: SpecName;
  method: 'get' | 'post' | 'put';
  /** Path as the spec writes it. */
  specPath: string;
  /** Concrete request path after the spec's server path. */
  path: () => string;
  body?: unknown;
  status: number;
}

const base: Record<SpecName, string> = {
  v1: '/api',
  v2: '/api/v2',
  insights: '/insights/directory/v1',
};
const since = '2026-05-20T00:00:00Z';

const cases: [string, Case][] = [
  [
    'V1 GET /systemusers',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/systemusers',
      path: () => '/systemusers?limit=100',
      status: 200,
    },
  ],
  [
    'V1 POST /search/systemusers',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/search/systemusers',
      path: () => '/search/systemusers?limit=50',
      body: { searchFilter: { searchTerm: 'a', fields: ['username', 'email'] } },
      status: 200,
    },
  ],
  [
    'V1 GET /systemusers/{id}',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/systemusers/{id}',
      path: () => `/systemusers/${ids.user}`,
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/state/suspend unknown id',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/state/suspend',
      path: () => '/systemusers/0123456789abcdef01234567/state/suspend',
      status: 404,
    },
  ],
  [
    'V1 POST /systemusers/{id}/state/suspend',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/state/suspend',
      path: () => `/systemusers/${ids.user}/state/suspend`,
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/state/activate',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/state/activate',
      path: () => `/systemusers/${ids.user}/state/activate`,
      body: { email: false },
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/unlock',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/unlock',
      path: () => `/systemusers/${ids.user}/unlock`,
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/resetmfa',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/resetmfa',
      path: () => `/systemusers/${ids.user}/resetmfa`,
      body: { exclusion: true, exclusionDays: 7 },
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/mfa/enforce',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/mfa/enforce',
      path: () => `/systemusers/${ids.user}/mfa/enforce`,
      body: { enable_user_portal_multifactor: true },
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/expire',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/expire',
      path: () => `/systemusers/${ids.user}/expire`,
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/reactivate',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/reactivate',
      path: () => `/systemusers/${ids.staged}/reactivate`,
      body: {},
      status: 200,
    },
  ],
  [
    'V1 POST /systemusers/{id}/unlock without a key',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/unlock',
      path: () => `/systemusers/${ids.user}/unlock?nokey`,
      status: 401,
    },
  ],
  [
    'V1 GET /applications',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/applications',
      path: () => '/applications?limit=100',
      status: 200,
    },
  ],
  [
    'V1 GET /applications/{id}',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/applications/{id}',
      path: () => `/applications/${ids.app}`,
      status: 200,
    },
  ],
  [
    'V1 GET /commands',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/commands',
      path: () => '/commands?limit=100',
      status: 200,
    },
  ],
  [
    'V1 GET /commands/{id}',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/commands/{id}',
      path: () => `/commands/${ids.command}`,
      status: 200,
    },
  ],
  [
    'V1 GET /commands/{id}/results',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/commands/{id}/results',
      path: () => `/commands/${ids.command}/results?limit=100`,
      status: 200,
    },
  ],
  [
    'V1 GET /commandresults',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/commandresults',
      path: () => '/commandresults?limit=100',
      status: 200,
    },
  ],
  [
    'V1 GET /systems',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/systems',
      path: () => '/systems?limit=100',
      status: 200,
    },
  ],
  [
    'V1 POST /search/systems',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/search/systems',
      path: () => '/search/systems?limit=100',
      body: { filter: { or: [{ os: 'Windows' }, { os: 'Ubuntu' }] } },
      status: 200,
    },
  ],
  [
    'V1 GET /systems/{id}',
    {
      spec: 'v1',
      method: 'get',
      specPath: '/systems/{id}',
      path: () => `/systems/${ids.system}`,
      status: 200,
    },
  ],
  [
    'V1 PUT /systems/{id}',
    {
      spec: 'v1',
      method: 'put',
      specPath: '/systems/{id}',
      path: () => `/systems/${ids.system}`,
      body: { displayName: 'renamed', tags: ['lab'] },
      status: 200,
    },
  ],
  ...(['lock', 'restart', 'shutdown', 'erase'] as const).map((cmd): [string, Case] => [
    `V1 POST /systems/{system_id}/command/builtin/${cmd}`,
    {
      spec: 'v1',
      method: 'post',
      specPath: `/systems/{system_id}/command/builtin/${cmd}`,
      path: () => `/systems/${ids.windows}/command/builtin/${cmd}`,
      body: {},
      status: 201,
    },
  ]),
  [
    'V2 GET /usergroups',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/usergroups',
      path: () => '/usergroups?limit=100',
      status: 200,
    },
  ],
  [
    'V2 GET /usergroups/{group_id}/membership',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/usergroups/{group_id}/membership',
      path: () => `/usergroups/${ids.userGroup}/membership?limit=100`,
      status: 200,
    },
  ],
  [
    'V2 GET /systemgroups',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/systemgroups',
      path: () => '/systemgroups?limit=100',
      status: 200,
    },
  ],
  [
    'V2 GET /systemgroups/{group_id}/membership',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/systemgroups/{group_id}/membership',
      path: () => `/systemgroups/${ids.systemGroup}/membership?limit=100`,
      status: 200,
    },
  ],
  [
    'V2 GET /commands/{command_id}/systems',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/commands/{command_id}/systems',
      path: () => `/commands/${ids.command}/systems?limit=100`,
      status: 200,
    },
  ],
  [
    'V2 GET /commands/{command_id}/systemgroups',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/commands/{command_id}/systemgroups',
      path: () => `/commands/${ids.command}/systemgroups`,
      status: 200,
    },
  ],
  [
    'V2 GET /policies',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/policies',
      path: () => '/policies?limit=100',
      status: 200,
    },
  ],
  [
    'V2 GET /policies/{id}',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/policies/{id}',
      path: () => `/policies/${ids.policy}`,
      status: 200,
    },
  ],
  [
    'V2 GET /softwareapps',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/softwareapps',
      path: () => '/softwareapps?limit=100',
      status: 200,
    },
  ],
  [
    'V2 GET /applemdms',
    { spec: 'v2', method: 'get', specPath: '/applemdms', path: () => '/applemdms', status: 200 },
  ],
  [
    'V2 GET /applemdms/{apple_mdm_id}/devices',
    {
      spec: 'v2',
      method: 'get',
      specPath: '/applemdms/{apple_mdm_id}/devices',
      path: () => `/applemdms/${ids.mdm}/devices?limit=100`,
      status: 200,
    },
  ],
  [
    'V2 POST /applemdms/{apple_mdm_id}/devices/{device_id}/lock unknown device',
    {
      spec: 'v2',
      method: 'post',
      specPath: '/applemdms/{apple_mdm_id}/devices/{device_id}/lock',
      path: () => `/applemdms/${ids.mdm}/devices/0123456789abcdef01234567/lock`,
      body: {},
      status: 404,
    },
  ],
  [
    'V2 POST /applemdms/{apple_mdm_id}/devices/{device_id}/lock bad pin',
    {
      spec: 'v2',
      method: 'post',
      specPath: '/applemdms/{apple_mdm_id}/devices/{device_id}/lock',
      path: () => `/applemdms/${ids.mdm}/devices/${ids.mdmDevice}/lock`,
      body: { pin: 'abc' },
      status: 400,
    },
  ],
  [
    'V1 POST /systems/{system_id}/command/builtin/erase unknown device',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systems/{system_id}/command/builtin/erase',
      path: () => '/systems/0123456789abcdef01234567/command/builtin/erase',
      body: {},
      status: 404,
    },
  ],
  [
    'V1 POST /systemusers/{id}/reactivate suspended user',
    {
      spec: 'v1',
      method: 'post',
      specPath: '/systemusers/{id}/reactivate',
      path: () => `/systemusers/${ids.suspended}/reactivate`,
      body: {},
      status: 409,
    },
  ],
  ...(['lock', 'restart', 'shutdown', 'erase'] as const).map((cmd): [string, Case] => [
    `V2 POST /applemdms/{apple_mdm_id}/devices/{device_id}/${cmd}`,
    {
      spec: 'v2',
      method: 'post',
      specPath: `/applemdms/{apple_mdm_id}/devices/{device_id}/${cmd}`,
      path: () => `/applemdms/${ids.mdm}/devices/${ids.mdmDevice}/${cmd}`,
      body: {},
      status: 204,
    },
  ]),
  [
    'DI POST /events',
    {
      spec: 'insights',
      method: 'post',
      specPath: '/events',
      path: () => '/events',
      body: { service: ['all'], start_time: since, limit: 500 },
      status: 200,
    },
  ],
  [
    'DI POST /events bad service',
    {
      spec: 'insights',
      method: 'post',
      specPath: '/events',
      path: () => '/events',
      body: { service: ['nope'], start_time: since },
      status: 400,
    },
  ],
  [
    'DI POST /events without a key',
    {
      spec: 'insights',
      method: 'post',
      specPath: '/events',
      path: () => '/events?nokey',
      body: { service: ['all'], start_time: since },
      status: 401,
    },
  ],
  [
    'DI POST /events/count',
    {
      spec: 'insights',
      method: 'post',
      specPath: '/events/count',
      path: () => '/events/count',
      body: { service: ['sso'], start_time: since },
      status: 200,
    },
  ],
];

describe('sandbox responses match the JumpCloud specs', () => {
  it.each(cases)('%s', async (_name, c) => {
    const path = c.path();
    const noKey = path.endsWith('?nokey');
    const res = await call(sandbox, `${base[c.spec]}${path.replace('?nokey', '')}`, {
      method: c.method.toUpperCase(),
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(noKey ? { key: null } : {}),
    });
    expect(res.status, res.text).toBe(c.status);
    const { schema, validate } = await responseSchema({
      spec: c.spec,
      method: c.method,
      path: c.specPath,
      status: c.status,
    });
    if (!validate) {
      // The spec declares no body for this response.
      return;
    }
    const ok = validate(res.json);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
    expect(undeclaredFields(schema, res.json)).toEqual([]);
  });

  it('V1 GET /users (administrators) matches the overlay that describes it', async () => {
    const overlayPath = resolve(
      import.meta.dirname,
      '..',
      '..',
      'specs',
      'overlays',
      'v1.overlay.yaml',
    );
    const res = await call<{ results: Record<string, unknown>[]; totalCount: number }>(
      sandbox,
      '/api/users?limit=100',
    );
    expect(res.status).toBe(200);
    expect(res.json.totalCount).toBe(res.json.results.length);
    const declared = existsSync(overlayPath)
      ? Object.keys(
          (
            parse(readFileSync(overlayPath, 'utf8')) as {
              actions: { update?: { administrator?: { properties: object } } }[];
            }
          ).actions.find((a) => a.update?.administrator)?.update?.administrator?.properties ?? {},
        )
      : [
          '_id',
          'email',
          'firstname',
          'lastname',
          'enableMultiFactor',
          'roleName',
          'suspended',
          'organization',
          'created',
          'lastLogin',
        ];
    for (const admin of res.json.results) {
      for (const key of Object.keys(admin)) expect(declared).toContain(key);
      expect(typeof admin._id).toBe('string');
      expect(typeof admin.email).toBe('string');
      expect(typeof admin.enableMultiFactor).toBe('boolean');
      expect(typeof admin.suspended).toBe('boolean');
      expect(typeof admin.roleName).toBe('string');
    }
  });
});
