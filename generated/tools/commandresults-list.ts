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
    tolerantArgs({ limit: { type: 'integer' }, skip: { type: 'integer' } }),
    z
      .object({
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const commandresultsListTool: ToolDefinition<Args, Upstream> = {
  name: 'commandresults_list',
  description: 'List recent results of all commands.',
  toolset: 'commands',
  annotations: {
    title: 'All command results',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  inputSchema: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      skip: { type: 'integer', minimum: 0 },
    },
  },
  outputSchema: { type: 'object', properties: { results: {}, totalCount: {} } },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(
      await api.v1.GET('/commandresults', {
        params: { query: { limit: args.limit, skip: args.skip } },
      }),
    ),
};
