// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { deviceUsersList } from '../../src/handlers/device-users.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({ device_id: { type: 'string', required: true } }),
    z.object({ device_id: z.string() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceUsersListTool: ToolDefinition<Args, Upstream> = {
  name: 'device_users_list',
  description: 'Users bound to a device; each direct or via which group.',
  toolset: 'devices',
  annotations: {
    title: 'Device users',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'device', idArg: 'device_id' },
  inputSchema: {
    type: 'object',
    properties: { device_id: { type: 'string' } },
    required: ['device_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => deviceUsersList(args, deps),
};
