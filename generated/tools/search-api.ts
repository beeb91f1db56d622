// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { searchApi } from '../../src/handlers/search-api.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

const input = z.preprocess(
  tolerantArgs({ query: { type: 'string', required: true } }),
  z.object({ query: z.string() }).strict(),
);

export const searchApiTool: ToolDefinition<z.infer<typeof input>, Upstream> = {
  name: 'search_api',
  description:
    'Search users, devices, groups and applications for text, or count them (how many Windows devices?) without listing.',
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
    properties: { query: { type: 'string', description: 'Text to find or a counting question.' } },
    required: ['query'],
  },
  input,
  handler: (args, deps) => searchApi(args, deps),
};
