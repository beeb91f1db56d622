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
    tolerantArgs({
      id: { type: 'string', required: true },
      limit: { type: 'integer' },
      skip: { type: 'integer' },
    }),
    z
      .object({
        id: z.string(),
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const commandDevicesListTool: ToolDefinition<Args, Upstream> = {
  name: 'command_devices_list',
  description: 'Devices a command is bound to.',
  toolset: 'commands',
  annotations: {
    title: 'Command devices',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'command', idArg: 'id' },
  inputSchema: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Command id.' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      skip: { type: 'integer', minimum: 0 },
    },
    required: ['id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(
      await api.v2.GET('/commands/{command_id}/systems', {
        params: { path: { command_id: args.id }, query: { limit: args.limit, skip: args.skip } },
      }),
    ),
};
