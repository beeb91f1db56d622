/** The access and bulk operations the sandbox serves, one request each, with the status the spec declares. */
import type { CaseIds, SpecCase } from './spec-cases.js';

const v2Get = (name: string, specPath: string, path: () => string): [string, SpecCase] => [
  `V2 GET ${name}`,
  { spec: 'v2', method: 'get', specPath, path, status: 200 },
];

export function accessSpecCases(ids: CaseIds): [string, SpecCase][] {
  return [
    v2Get(
      '/applications/{application_id}/associations',
      '/applications/{application_id}/associations',
      () => `/applications/${ids.app}/associations?targets=user,user_group&limit=100`,
    ),
    ...(['remove', 'add'] as const).map((op): [string, SpecCase] => [
      `V2 POST /applications/{application_id}/associations ${op}`,
      {
        spec: 'v2',
        method: 'post',
        specPath: '/applications/{application_id}/associations',
        path: () => `/applications/${ids.app}/associations`,
        // Read when the case runs: the ids are filled in after the cases are listed.
        get body() {
          return { op, type: 'user', id: ids.appUser };
        },
        status: 204,
      },
    ]),
    v2Get(
      '/systems/{system_id}/associations',
      '/systems/{system_id}/associations',
      () => `/systems/${ids.boundSystem}/associations?targets=user&targets=user_group`,
    ),
    ...(['remove', 'add'] as const).map((op): [string, SpecCase] => [
      `V2 POST /systems/{system_id}/associations ${op}`,
      {
        spec: 'v2',
        method: 'post',
        specPath: '/systems/{system_id}/associations',
        path: () => `/systems/${ids.boundSystem}/associations`,
        get body() {
          return { op, type: 'user_group', id: ids.systemGroupGrant };
        },
        status: 204,
      },
    ]),
    v2Get(
      '/applications/{application_id}/users',
      '/applications/{application_id}/users',
      () => `/applications/${ids.app}/users?limit=100`,
    ),
    v2Get(
      '/applications/{application_id}/usergroups',
      '/applications/{application_id}/usergroups',
      () => `/applications/${ids.app}/usergroups`,
    ),
    v2Get(
      '/systems/{system_id}/users',
      '/systems/{system_id}/users',
      () => `/systems/${ids.boundSystem}/users?limit=100`,
    ),
    v2Get(
      '/systems/{system_id}/usergroups',
      '/systems/{system_id}/usergroups',
      () => `/systems/${ids.boundSystem}/usergroups`,
    ),
    v2Get(
      '/users/{user_id}/applications',
      '/users/{user_id}/applications',
      () => `/users/${ids.appUser}/applications?limit=100`,
    ),
    v2Get(
      '/users/{user_id}/systems',
      '/users/{user_id}/systems',
      () => `/users/${ids.appUser}/systems`,
    ),
    v2Get(
      '/users/{user_id}/memberof',
      '/users/{user_id}/memberof',
      () => `/users/${ids.appUser}/memberof?filter=type:eq:user_group`,
    ),
    v2Get(
      '/usergroups/{group_id}/members',
      '/usergroups/{group_id}/members',
      () => `/usergroups/${ids.userGroup}/members?limit=100`,
    ),
    v2Get(
      '/systemgroups/{group_id}/members',
      '/systemgroups/{group_id}/members',
      () => `/systemgroups/${ids.systemGroup}/members?limit=100`,
    ),
    ...(['expires', 'unlocks'] as const).map((action): [string, SpecCase] => [
      `V2 POST /bulk/user/${action}`,
      {
        spec: 'v2',
        method: 'post',
        specPath: `/bulk/user/${action}`,
        path: () => `/bulk/user/${action}`,
        get body() {
          return [{ id: ids.user }, { id: '0123456789abcdef01234567' }];
        },
        status: 201,
      },
    ]),
    v2Get(
      '/bulk/users/{job_id}/results',
      '/bulk/users/{job_id}/results',
      () => `/bulk/users/${ids.job}/results`,
    ),
    [
      'V2 POST /bulk/userstates',
      {
        spec: 'v2',
        method: 'post',
        specPath: '/bulk/userstates',
        path: () => '/bulk/userstates',
        get body() {
          return { user_ids: [ids.user], state: 'SUSPENDED', start_date: '2099-01-01T00:00:00Z' };
        },
        status: 201,
      },
    ],
    v2Get('/bulk/userstates', '/bulk/userstates', () => '/bulk/userstates?limit=100'),
    v2Get(
      '/bulk/userstates/eventlist/next',
      '/bulk/userstates/eventlist/next',
      () => `/bulk/userstates/eventlist/next?users=${ids.user},${ids.appUser}`,
    ),
    [
      'V2 DELETE /bulk/userstates/{id}',
      {
        spec: 'v2',
        method: 'delete',
        specPath: '/bulk/userstates/{id}',
        path: () => `/bulk/userstates/${ids.scheduledJob}`,
        status: 204,
      },
    ],
    [
      'V2 DELETE /bulk/userstates/{id} unknown job',
      {
        spec: 'v2',
        method: 'delete',
        specPath: '/bulk/userstates/{id}',
        path: () => '/bulk/userstates/0123456789abcdef01234567',
        status: 404,
      },
    ],
  ];
}
