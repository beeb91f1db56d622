// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { v2Filter } from '../../src/upstream/request-helpers.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      limit: { type: 'integer' },
      skip: { type: 'integer' },
      search: { type: 'string' },
      disabled: { type: 'boolean' },
    }),
    z
      .object({
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
        search: z.string().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const deviceGroupsListTool: ToolDefinition<Args, Upstream> = {
  name: 'device_groups_list',
  description: 'List device groups, optionally by name or disabled state.',
  toolset: 'groups',
  annotations: {
    title: 'List device groups',
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
      search: { type: 'string' },
      disabled: { type: 'boolean' },
    },
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: async (args, { api }) =>
    unwrap(
      await api.v2.GET('/systemgroups', {
        params: {
          query: {
            limit: args.limit,
            skip: args.skip,
            filter: v2Filter([
              { field: 'name', op: 'search', value: args.search },
              { field: 'disabled', op: 'eq', value: args.disabled },
            ]),
          },
        },
      }),
    ),
};
