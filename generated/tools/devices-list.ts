// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { v1SearchFilter } from '../../src/upstream/request-helpers.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      limit: { type: 'integer' },
      skip: { type: 'integer' },
      search: { type: 'string' },
    }),
    z
      .object({
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
        search: z.string().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const devicesListTool: ToolDefinition<Args, Upstream> = {
  name: 'devices_list',
  description: 'List devices (summary fields; device_get has all), optionally matching search.',
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
      search: { type: 'string', description: 'Text to find in hostname, name, OS or serial.' },
    },
  },
  outputSchema: { type: 'object', properties: { results: {}, totalCount: {} } },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(
      await api.v1.POST('/search/systems', {
        params: {
          query: {
            fields:
              'displayName hostname os version osFamily arch active lastContact agentVersion serialNumber fde created',
            limit: args.limit,
            skip: args.skip,
          },
        },
        body: {
          searchFilter: v1SearchFilter(args.search, [
            'hostname',
            'displayName',
            'os',
            'serialNumber',
          ]),
        },
      }),
    ),
};
