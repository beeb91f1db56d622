// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { applicationAccessUpdate } from '../../src/handlers/access-update.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      application_id: { type: 'string', required: true },
      add_user_groups: { type: 'array' },
      remove_user_groups: { type: 'array' },
      add_users: { type: 'array' },
      remove_users: { type: 'array' },
      confirmation_token: { type: 'string' },
    }),
    z
      .object({
        application_id: z.string(),
        add_user_groups: z.array(z.any()).optional(),
        remove_user_groups: z.array(z.any()).optional(),
        add_users: z.array(z.any()).optional(),
        remove_users: z.array(z.any()).optional(),
        confirmation_token: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const applicationAccessUpdateTool: ToolDefinition<Args, Upstream> = {
  name: 'application_access_update',
  description: 'Grant or revoke SSO application access.',
  toolset: 'applications',
  annotations: {
    title: 'Change app access',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: {
    kind: 'application',
    idArg: 'application_id',
    members: {
      add_user_groups: 'user_group',
      remove_user_groups: 'user_group',
      add_users: 'user',
      remove_users: 'user',
    },
  },
  effect: {
    verb: 'Change who can use',
    change:
      'Groups and users added can use the application (a group: each member); those removed lose the access given directly or by that group, while access through another group stays.',
    members: {
      add_user_groups: 'give every member access to the application',
      remove_user_groups: 'stop giving its members access to the application',
      add_users: 'gain direct access to the application',
      remove_users: 'lose direct access to the application (access through a group stays)',
    },
  },
  inputSchema: {
    type: 'object',
    properties: {
      application_id: { type: 'string' },
      add_user_groups: { type: 'array' },
      remove_user_groups: { type: 'array' },
      add_users: { type: 'array' },
      remove_users: { type: 'array' },
      confirmation_token: { type: 'string' },
    },
    required: ['application_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => applicationAccessUpdate(args, deps),
};
