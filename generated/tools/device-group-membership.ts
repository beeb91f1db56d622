// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceGroupMembership } from '../../src/handlers/group-membership.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      group_id: { type: 'string', required: true },
      limit: { type: 'integer' },
      skip: { type: 'integer' },
    }),
    z
      .object({
        group_id: z.string(),
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceGroupMembershipTool: ToolDefinition<Args, Upstream> = {
  name: 'device_group_membership',
  description: 'Devices in a device group, with hostname, name and OS.',
  toolset: 'groups',
  annotations: {
    title: 'Device group members',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device_group', idArg: 'group_id' },
  inputSchema: {
    type: 'object',
    properties: {
      group_id: { type: 'string' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      skip: { type: 'integer', minimum: 0 },
    },
    required: ['group_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => deviceGroupMembership(args, deps),
};
