// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { z } from 'zod';

const input = z
  .object({
    limit: z.number().int().gte(1).lte(100).optional(),
    skip: z.number().int().gte(0).optional(),
    search: z.string().optional(),
  })
  .strict();

export const devicesListTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'devices_list',
  description: 'List devices with OS, hostname and agent state.',
  toolset: 'devices',
  annotations: {
    title: 'List devices',
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
      search: {
        type: 'string',
        description: 'V1 filter, e.g. os:$eq:Windows or hostname:$sw:web.',
      },
    },
  },
  outputSchema: {
    type: 'object',
    properties: { results: { type: 'array' }, totalCount: { type: 'integer' } },
  },
  input,
  handler: async (args, { api, signal }) =>
    unwrap(
      await api.v1.GET('/systems', {
        params: { query: { limit: args.limit, skip: args.skip, filter: args.search } },
        signal,
      }),
    ),
};
