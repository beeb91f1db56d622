/** The operations the sandbox serves, one request each, with the status the spec declares for it. */
import type { SpecName } from './spec-schemas.js';

/** Ids of seeded records, filled in before the cases run. */
export type CaseIds = Record<string, string>;

export interface SpecCase {
  spec: SpecName;
  method: 'get' | 'post' | 'put' | 'delete';
  /** Path as the spec writes it. */
  specPath: string;
  /** Concrete request path after the spec's server path. */
  path: () => string;
  body?: unknown;
  status: number;
}

export const SPEC_BASE: Record<SpecName, string> = {
  v1: '/api',
  v2: '/api/v2',
  insights: '/insights/directory/v1',
};
const since = '2026-05-20T00:00:00Z';

export function specCases(ids: CaseIds): [string, SpecCase][] {
  return [
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
    ...(['lock', 'restart', 'shutdown', 'erase'] as const).map((cmd): [string, SpecCase] => [
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
      'V2 GET /usergroups/{id}',
      {
        spec: 'v2',
        method: 'get',
        specPath: '/usergroups/{id}',
        path: () => `/usergroups/${ids.userGroup}`,
        status: 200,
      },
    ],
    ...(['remove', 'add'] as const).map((op): [string, SpecCase] => [
      `V2 POST /usergroups/{group_id}/members ${op}`,
      {
        spec: 'v2',
        method: 'post',
        specPath: '/usergroups/{group_id}/members',
        path: () => `/usergroups/${ids.userGroup}/members`,
        // Read when the case runs: the member id is filled in after the cases are listed.
        get body() {
          return { op, type: 'user', id: ids.userGroupMember };
        },
        status: 204,
      },
    ]),
    [
      'V2 GET /systemgroups/{id}',
      {
        spec: 'v2',
        method: 'get',
        specPath: '/systemgroups/{id}',
        path: () => `/systemgroups/${ids.systemGroup}`,
        status: 200,
      },
    ],
    ...(['remove', 'add'] as const).map((op): [string, SpecCase] => [
      `V2 POST /systemgroups/{group_id}/members ${op}`,
      {
        spec: 'v2',
        method: 'post',
        specPath: '/systemgroups/{group_id}/members',
        path: () => `/systemgroups/${ids.systemGroup}/members`,
        // Read when the case runs: the member id is filled in after the cases are listed.
        get body() {
          return { op, type: 'system', id: ids.systemGroupMember };
        },
        status: 204,
      },
    ]),
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
    ...(['lock', 'restart', 'shutdown', 'erase'] as const).map((cmd): [string, SpecCase] => [
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
}
