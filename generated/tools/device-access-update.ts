// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceAccessUpdate } from '../../src/handlers/access-update.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      device_id: { type: 'string', required: true },
      add_users: { type: 'array' },
      remove_users: { type: 'array' },
      add_user_groups: { type: 'array' },
      remove_user_groups: { type: 'array' },
      confirmation_token: { type: 'string' },
    }),
    z
      .object({
        device_id: z.string(),
        add_users: z.array(z.any()).optional(),
        remove_users: z.array(z.any()).optional(),
        add_user_groups: z.array(z.any()).optional(),
        remove_user_groups: z.array(z.any()).optional(),
        confirmation_token: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceAccessUpdateTool: ToolDefinition<Args, Upstream> = {
  name: 'device_access_update',
  description: 'Grant or revoke device sign-in.',
  toolset: 'devices',
  annotations: {
    title: 'Change device access',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: {
    kind: 'device',
    idArg: 'device_id',
    members: {
      add_users: 'user',
      remove_users: 'user',
      add_user_groups: 'user_group',
      remove_user_groups: 'user_group',
    },
  },
  effect: {
    verb: 'Change who can sign in to',
    change:
      'Users and groups added are bound to the device and can sign in to it (a group: each member); those removed are unbound, while a binding through another group stays.',
    members: {
      add_users: 'be bound to the device and able to sign in',
      remove_users: 'be unbound from the device (a binding through a group stays)',
      add_user_groups: 'bind every member to the device, so they can sign in',
      remove_user_groups: 'stop binding its members to the device',
    },
  },
  inputSchema: {
    type: 'object',
    properties: {
      device_id: { type: 'string' },
      add_users: { type: 'array' },
      remove_users: { type: 'array' },
      add_user_groups: { type: 'array' },
      remove_user_groups: { type: 'array' },
      confirmation_token: { type: 'string' },
    },
    required: ['device_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => deviceAccessUpdate(args, deps),
};
