// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { userGroupMembersUpdate } from '../../src/handlers/group-members-update.js';
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

export const userGroupMembersUpdateTool: ToolDefinition<Args, Upstream> = {
  name: 'user_group_members_update',
  description: 'Add or remove user group members; groups grant app and device access.',
  toolset: 'groups',
  annotations: {
    title: 'Change user group members',
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user_group', idArg: 'group_id', members: { add: 'user', remove: 'user' } },
  effect: {
    verb: 'Change the members of',
    change:
      'Users added gain the applications, devices and other resources the group grants; users removed lose them.',
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
  handler: (args, deps) => userGroupMembersUpdate(args, deps),
};
