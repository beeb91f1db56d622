/**
 * The JumpCloud objects tools act on, one entry per kind: its noun, how to look one up, the fields
 * that name it in a confirmation, and which protected list covers it. codegen takes the kind names
 * a manifest `target:` may use from here; the safety layer receives the table through createSafety.
 * A new kind is one entry.
 */
import type { ObjectKind } from '../safety/object-kinds.js';

const user: ObjectKind = {
  noun: 'user',
  lookup: { spec: 'v1', path: '/systemusers/{id}', idField: '_id', listTool: 'users_list' },
  name: ['username'],
  email: 'email',
  detail: 'email',
  aliases: ['username', 'email'],
  state: [
    ['username', 'username'],
    ['email', 'email'],
    ['name', ['firstname', 'lastname']],
    ['state', 'state'],
    ['suspended', 'suspended'],
    ['account locked', 'account_locked'],
    ['MFA configured', 'mfa.configured'],
    ['password expired', 'password_expired'],
  ],
  protectedBy: 'users',
};

const device: ObjectKind = {
  noun: 'device',
  lookup: { spec: 'v1', path: '/systems/{id}', idField: '_id', listTool: 'devices_list' },
  name: ['hostname', 'displayName'],
  detail: ['os', 'version'],
  aliases: ['hostname', 'displayName'],
  state: [
    ['hostname', 'hostname'],
    ['display name', 'displayName'],
    ['OS', ['os', 'version']],
    ['serial number', 'serialNumber'],
    ['online', 'active'],
    ['last contact', 'lastContact'],
  ],
  protectedBy: 'devices',
};

const groupFields = {
  name: ['name'],
  detail: 'description',
  aliases: ['name'],
  state: [
    ['name', 'name'],
    ['membership', 'membershipMethod'],
  ],
} satisfies Partial<ObjectKind>;

export const JUMPCLOUD_KINDS = {
  user,
  device,
  user_group: {
    noun: 'user group',
    lookup: { spec: 'v2', path: '/usergroups/{id}', idField: 'id', listTool: 'user_groups_list' },
    members: {
      kind: 'user',
      spec: 'v2',
      path: '/usergroups/{group_id}/membership',
      param: 'group_id',
    },
    ...groupFields,
  },
  device_group: {
    noun: 'device group',
    lookup: {
      spec: 'v2',
      path: '/systemgroups/{id}',
      idField: 'id',
      listTool: 'device_groups_list',
    },
    members: {
      kind: 'device',
      spec: 'v2',
      path: '/systemgroups/{group_id}/membership',
      param: 'group_id',
    },
    ...groupFields,
  },
  application: {
    noun: 'application',
    lookup: {
      spec: 'v1',
      path: '/applications/{id}',
      idField: '_id',
      listTool: 'applications_list',
    },
    name: ['displayLabel', 'displayName', 'name'],
    detail: 'sso.type',
    aliases: ['displayLabel', 'displayName', 'name'],
    state: [
      ['name', 'displayLabel'],
      ['catalog name', 'name'],
      ['SSO', 'sso.type'],
    ],
  },
  command: {
    noun: 'command',
    lookup: { spec: 'v1', path: '/commands/{id}', idField: '_id', listTool: 'commands_list' },
    name: ['name'],
    detail: 'commandType',
    aliases: ['name'],
    state: [
      ['name', 'name'],
      ['type', 'commandType'],
      ['launch', 'launchType'],
    ],
  },
  policy: {
    noun: 'policy',
    plural: 'policies',
    lookup: { spec: 'v2', path: '/policies/{id}', idField: 'id', listTool: 'policies_list' },
    name: ['name'],
    detail: 'template.displayName',
    aliases: ['name'],
    state: [
      ['name', 'name'],
      ['template', 'template.displayName'],
    ],
  },
} as const satisfies Record<string, ObjectKind>;

export type JumpCloudKind = keyof typeof JUMPCLOUD_KINDS;

/** The kind names, for codegen's manifest validation. */
export const JUMPCLOUD_KIND_NAMES = Object.keys(JUMPCLOUD_KINDS) as [
  JumpCloudKind,
  ...JumpCloudKind[],
];
