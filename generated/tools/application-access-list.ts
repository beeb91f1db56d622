// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { applicationAccessList } from '../../src/handlers/application-access.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({
      application_id: { type: 'string', required: true },
      limit: { type: 'integer' },
      skip: { type: 'integer' },
    }),
    z
      .object({
        application_id: z.string(),
        limit: z.number().int().gte(1).lte(100).optional(),
        skip: z.number().int().gte(0).optional(),
      })
      .strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const applicationAccessListTool: ToolDefinition<Args, Upstream> = {
  name: 'application_access_list',
  description: 'Who can use an SSO application, directly or via which group.',
  toolset: 'applications',
  annotations: {
    title: 'Application access',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'application', idArg: 'application_id' },
  inputSchema: {
    type: 'object',
    properties: {
      application_id: { type: 'string' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      skip: { type: 'integer', minimum: 0 },
    },
    required: ['application_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => applicationAccessList(args, deps),
};
