// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../../src/registry/types.js';
import type { Upstream } from '../upstream.js';
import { tolerantArgs } from '../../src/mcp/tolerant-args.js';
import { userApplicationsList } from '../../src/handlers/user-access.js';
import { z } from 'zod';

// Built on the first call: tools/list sends the static inputSchema, so a start builds no validator.
const buildInput = () =>
  z.preprocess(
    tolerantArgs({ user_id: { type: 'string', required: true } }),
    z.object({ user_id: z.string() }).strict(),
  );
type Args = z.infer<ReturnType<typeof buildInput>>;
let input: ReturnType<typeof buildInput> | undefined;

export const userApplicationsListTool: ToolDefinition<Args, Upstream> = {
  name: 'user_applications_list',
  description: 'SSO applications a user can use; each direct or via which group.',
  toolset: 'users',
  annotations: {
    title: 'User applications',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  target: { kind: 'user', idArg: 'user_id' },
  inputSchema: {
    type: 'object',
    properties: { user_id: { type: 'string' } },
    required: ['user_id'],
  },
  get input() {
    return (input ??= buildInput());
  },
  handler: (args, deps) => userApplicationsList(args, deps),
};
