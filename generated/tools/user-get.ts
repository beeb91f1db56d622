// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({ id: { type: 'string', required: true } }),
    z.object({ id: z.string() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const userGetTool: ToolDefinition<Args, Upstream> = {
  name: 'user_get',
  description: 'Get one user by id with profile, state, MFA status and attributes.',
  toolset: 'users',
  annotations: {
    title: 'Get user',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'id' },
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  outputSchema: {
    type: 'object',
    properties: {
      _id: {},
      account_locked: {},
      account_locked_date: {},
      activated: {},
      addresses: {},
      admin: {},
      allow_public_key: {},
      alternateEmail: {},
      attributes: {},
      badLoginAttempts: {},
      company: {},
      costCenter: {},
      created: {},
      creationSource: {},
      delegatedAuthority: {},
      department: {},
      description: {},
      disableDeviceMaxLoginAttempts: {},
      displayname: {},
      email: {},
      employeeIdentifier: {},
      employeeType: {},
      enable_managed_uid: {},
      enable_user_portal_multifactor: {},
      external_dn: {},
      external_password_expiration_date: {},
      external_source_type: {},
      externally_managed: {},
      firstname: {},
      jobTitle: {},
      lastname: {},
      ldap_binding_user: {},
      location: {},
      managedAppleId: {},
      manager: {},
      mfa: {},
      mfaEnrollment: {},
      middlename: {},
      organization: {},
      password_date: {},
      password_expiration_date: {},
      password_expired: {},
      password_never_expires: {},
      passwordless_sudo: {},
      phoneNumbers: {},
      public_key: {},
      recoveryEmail: {},
      relationships: {},
      restrictedFields: {},
      samba_service_user: {},
      ssh_keys: {},
      state: {},
      sudo: {},
      suspended: {},
      tags: {},
      totp_enabled: {},
      unix_guid: {},
      unix_uid: {},
      username: {},
    },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(await api.v1.GET('/systemusers/{id}', { params: { path: { id: args.id } } })),
};
