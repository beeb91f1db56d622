// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { searchApi } from '../../src/handlers/search-api.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({ query: { type: 'string', required: true }, skip: { type: 'integer' } }),
    z.object({ query: z.string(), skip: z.number().int().gte(0).optional() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const searchApiTool: ToolDefinition<Args, Upstream> = {
  name: 'search_api',
  description:
    'Answer a question about users, devices, groups or apps (state, MFA, OS, last contact, department, members): the count and first matches.',
  toolset: 'search',
  annotations: {
    title: 'Search',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'A question or text to find.' },
      skip: { type: 'integer', minimum: 0 },
    },
    required: ['query'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => searchApi(args, deps),
};
