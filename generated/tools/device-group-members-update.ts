// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceGroupMembersUpdate } from '../../src/handlers/group-members-update.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      group_id: { type: 'string', required: true },
      add: { type: 'array' },
      remove: { type: 'array' },
      confirmation_token: { type: 'string' },
    }),
    z
      .object({
        group_id: z.string(),
        add: z.array(z.string()).optional(),
        remove: z.array(z.string()).optional(),
        confirmation_token: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceGroupMembersUpdateTool: ToolDefinition<Args, Upstream> = {
  name: 'device_group_members_update',
  description: 'Add or remove device group members by id.',
  toolset: 'groups',
  annotations: {
    title: 'Change device group members',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device_group', idArg: 'group_id', members: { add: 'device', remove: 'device' } },
  effect: {
    verb: 'Change the members of',
    change:
      'Devices added get the policies, commands and user access the group grants; devices removed lose them.',
  },
  inputSchema: {
    type: 'object',
    properties: {
      group_id: { type: 'string' },
      add: { type: 'array', items: { type: 'string' } },
      remove: { type: 'array', items: { type: 'string' } },
      confirmation_token: { type: 'string' },
    },
    required: ['group_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => deviceGroupMembersUpdate(args, deps),
};
